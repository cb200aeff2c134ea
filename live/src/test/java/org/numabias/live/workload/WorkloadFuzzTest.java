package org.numabias.live.workload;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.numabias.api.ConfigurationException;
import org.numabias.api.trace.TraceFormatException;

/**
 * Jazzer fuzz test of workload files (what {@code live -w FILE} reads): each input must load or be
 * refused with a message naming the file; anything else (an index error, an out-of-memory, a
 * number silently wrapped) is a finding. CI runs it in regression mode over the committed seeds
 * ({@code src/test/resources/org/numabias/live/workload/WorkloadFuzzTestInputs/workloadFile/}: the
 * built-in workloads and bytes that are not text); fuzz for longer with
 * {@code JAZZER_FUZZ=1 ./numabias mvn -pl live -am test -Dtest=WorkloadFuzzTest -Djazzer.max_duration=10m}.
 */
class WorkloadFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("numabias-workload-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A workload file as YAML and as JSON: a valid workload or a refusal naming the file. */
    @FuzzTest
    void workloadFile(byte[] data) throws IOException {
        for (String name : new String[] {"fuzz.yaml", "fuzz.json"}) {
            Path file = DIR.resolve(name);
            Files.write(file, data);
            try {
                Workload w = Workloads.load(file.toString());
                if (w.devices().isEmpty() || w.durationSeconds() <= 0) {
                    throw new AssertionError("an unusable workload was accepted: " + w);
                }
            } catch (ConfigurationException | TraceFormatException | UncheckedIOException e) {
                if (!e.getMessage().startsWith(file.toString())) {
                    throw new AssertionError("the refusal does not name the file: " + e.getMessage(), e);
                }
            }
        }
    }
}
