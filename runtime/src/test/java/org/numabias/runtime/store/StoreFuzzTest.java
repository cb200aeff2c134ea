package org.numabias.runtime.store;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.numabias.api.ConfigurationException;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceFormatException;

/**
 * Jazzer fuzz tests of what the runtime parses from outside: trace headers, whole trace files
 * (queue structure, excerpts, checksums, seal) and predictor specs. Each input must either parse or
 * fail with the documented exception; anything else (an out-of-memory, an index error, a JVM fault)
 * is a finding. In CI they run in regression mode over the committed seeds
 * ({@code src/test/resources/org/numabias/runtime/store/StoreFuzzTestInputs/METHOD/}); fuzz for longer with
 * {@code JAZZER_FUZZ=1 ./numabias mvn -pl runtime -am test -Dtest=StoreFuzzTest#METHOD -Djazzer.max_duration=10m}
 * (README, "Reliability").
 */
class StoreFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("numabias-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A trace header excerpt's payload: decoded, or refused with a TraceFormatException naming the file. */
    @FuzzTest
    void headerCodec(byte[] data) {
        try {
            HeaderCodec.decode(ByteBuffer.wrap(data), "fuzz.cq4");
        } catch (TraceFormatException e) {
            if (!e.getMessage().startsWith("fuzz.cq4: ")) {
                throw new AssertionError("message does not name the file: " + e.getMessage());
            }
        }
    }

    /** A whole queue file: opened, read and verified, or refused with a TraceFormatException; never a fault. */
    @FuzzTest
    void traceFile(byte[] data) throws IOException {
        Path file = DIR.resolve("20260101X.cq4");
        Files.write(file, data);
        try (ChronicleTraceSource source = ChronicleTraceSource.open(DIR); TraceCursor c = source.open()) {
            while (c.hasNext()) {
                c.next();
            }
        } catch (TraceFormatException e) {
            // the documented refusal
        }
        try {
            ChronicleTraceSource.verify(DIR);
        } catch (TraceFormatException e) {
            // no readable header
        }
    }

    private static final PredictorRegistry REGISTRY = PredictorRegistry.builtIn();

    /** A predictor spec on the command line (UTF-8 bytes): a configured predictor or a ConfigurationException. */
    @FuzzTest
    void predictorSpec(byte[] data) {
        try {
            REGISTRY.create(new String(data, java.nio.charset.StandardCharsets.UTF_8), Topology.uniform(2, "fuzz"));
        } catch (ConfigurationException e) {
            // the documented refusal
        }
    }
}
