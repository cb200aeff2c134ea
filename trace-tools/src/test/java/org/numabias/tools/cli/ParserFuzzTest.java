package org.numabias.tools.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.numabias.api.ConfigurationException;
import org.numabias.runtime.topology.DistanceFile;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.runtime.csv.CsvTraceSource;
import org.numabias.kernel.perf.PerfScriptImporter;
import org.numabias.runtime.topology.CpuNodeMap;
import org.numabias.runtime.topology.TopologySources;

/**
 * Jazzer fuzz tests of every text parser the command line feeds from files: CSV traces, perf script
 * text (through the importer's public entry point), topology files and distance matrices. Each input
 * must parse or fail with the documented exception naming the file; anything else is a finding. CI
 * runs them in regression mode over the committed seeds ({@code src/test/resources/org/numabias/tools/cli/
 * ParserFuzzTestInputs/METHOD/}); fuzz for longer with
 * {@code JAZZER_FUZZ=1 ./numabias mvn -pl trace-tools -am test -Dtest=ParserFuzzTest#METHOD -Djazzer.max_duration=10m}.
 */
class ParserFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("numabias-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(String name, byte[] data) throws IOException {
        Path f = DIR.resolve(name);
        Files.write(f, data);
        return f;
    }

    private static void namesFile(RuntimeException e, Path f) {
        if (!e.getMessage().startsWith(f.toString())) {
            throw new AssertionError("message does not start with the file: " + e.getMessage(), e);
        }
    }

    /** A CSV trace: every event read, or a TraceFormatException starting with the file's name. */
    @FuzzTest
    void csv(byte[] data) throws IOException {
        Path f = file("trace.csv", data);
        try {
            CsvTraceSource source = CsvTraceSource.open(f);
            try (TraceCursor c = source.open()) {
                while (c.hasNext()) {
                    c.next();
                }
            }
        } catch (TraceFormatException e) {
            namesFile(e, f);
        }
    }

    /** perf script text: imported, or a TraceFormatException / a limit's ConfigurationException; text not UTF-8 is refused. */
    @FuzzTest
    void perfScript(byte[] data) throws IOException {
        for (boolean strict : new boolean[]{false, true}) {
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT); // a decoder serves one stream
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(data), decoder))) {
                new PerfScriptImporter(CpuNodeMap.projection(1), strict, "fuzz.txt", e -> { }).run(in, chars -> { });
            } catch (TraceFormatException e) {
                if (!e.getMessage().startsWith("fuzz.txt")) {
                    throw new AssertionError("message does not name the file: " + e.getMessage(), e);
                }
            } catch (ConfigurationException | CharacterCodingException e) {
                // a CPU beyond the limits; text that is not UTF-8
            }
        }
    }

    /** A topology file: a topology, or a ConfigurationException starting with the file's name. */
    @FuzzTest
    void topologyFile(byte[] data) throws IOException {
        Path f = file("topology.txt", data);
        try {
            TopologySources.fromFile(f);
        } catch (ConfigurationException e) {
            namesFile(e, f);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof CharacterCodingException)) {
                throw e;
            }
        }
    }

    /** A distance matrix for 1 to 4 nodes (the first byte): a valid SLIT-like matrix, or a ConfigurationException. */
    @FuzzTest
    void distances(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        int nodes = 1 + (data[0] & 3);
        Path f = file("distances.txt", java.util.Arrays.copyOfRange(data, 1, data.length));
        try {
            Topology.uniform(nodes, "fuzz").withDistances(DistanceFile.read(f, nodes), f.toString());
        } catch (ConfigurationException e) {
            // refused with a reason
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof CharacterCodingException)) {
                throw e;
            }
        }
    }
}
