package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.numabias.api.PredictorRegistry;
import org.numabias.tools.catalog.Catalog;
import org.numabias.tools.catalog.Dataset;

/**
 * Every bundled dataset (the {@code datasets list} catalog), replayed by {@code compare --format json}
 * with every built-in predictor (plus the demo's variants), scored from the start and from a
 * fraction, gives exactly the JSON in {@code src/test/resources/golden/datasets}: every metric bit
 * for bit. Only measured timing ({@code nsPerCall}, {@code overBudget}) and the temporary path and
 * import time of the bundled recordings are left out, and so are the fields added since the golden files
 * were written by the replay engine before its rebuild (issue 8; see {@link #withoutAdditions}).
 *
 * <p>To regenerate the golden files on purpose (a new dataset, or a metric that is meant to change), from the
 * repository root:
 * <pre>{@code
 * ./numabias mvn -q -pl trace-tools -am test -Dtest=BundledDatasetsGoldenTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dnumabias.golden.update=true
 * }</pre>
 * The update mode writes exactly what the comparison compares (the normalised report without the
 * additions), then compares it as usual; review the diff under {@code src/test/resources/golden/datasets}
 * before committing it.
 */
class BundledDatasetsGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/datasets");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields that are measurements of this machine, not results. */
    private static final List<String> TIMING = List.of("nsPerCall", "overBudget");
    /** The system property that makes the test write the golden files instead of only reading them. */
    private static final String UPDATE = "numabias.golden.update";

    @TempDir
    Path tmp;

    static Stream<String> datasets() {
        return Catalog.all().stream().map(Dataset::name);
    }

    private static List<String> specs() {
        List<String> specs = new ArrayList<>(PredictorRegistry.builtIn().names());
        specs.addAll(DemoCommand.EXTRA_SPECS);
        return specs;
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void compareJsonIsUnchanged(String dataset) throws IOException {
        Path trace = tmp.resolve(dataset);
        CliTest.Run m = CliTest.run("datasets", "materialize", dataset, "-o", trace.toString());
        assertEquals(0, m.code(), m.err());
        check(dataset + ".json", trace, "0");
        check(dataset + ".score-from-0.3.json", trace, "0.3");
    }

    private void check(String golden, Path trace, String scoreFrom) throws IOException {
        List<String> args = new ArrayList<>(List.of("compare", trace.toString(), "--format", "json", "--score-from",
                scoreFrom));
        for (String spec : specs()) {
            args.add("-p");
            args.add(spec);
        }
        CliTest.Run r = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode compared = withoutAdditions(normalise(JSON.readTree(r.out().replace(trace.toString(), "TRACE"))));
        Path file = GOLDEN.resolve(golden);
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(compared) + "\n");
        }
        assertTrue(Files.exists(file), "no golden file " + file + " (write it with -D" + UPDATE + "=true)");
        JsonNode expected = JSON.readTree(file.toFile());
        assertFalse(expected.path("results").isEmpty(), "golden file without results: " + file);
        assertEquals(expected.toPrettyString(), compared.toPrettyString(), "compare JSON differs from " + file);
    }

    /**
     * The report without the fields added after the golden files were written (issue 8:
     * {@code remoteBytesAvoided}, the trace's full summary, window and CPU map; issue 11: each result's
     * {@code nodeMatrix}; the trace's {@code state}), each checked to be there, so that every field of the golden files is compared
     * and nothing else; and each result's bootstrap {@code intervals} (absent on a trace too short to resample).
     */
    private static JsonNode withoutAdditions(JsonNode report) {
        ObjectNode trace = (ObjectNode) report.path("trace");
        for (String added : List.of("window", "summary", "state")) {
            assertTrue(trace.has(added), "trace." + added);
            trace.remove(added);
        }
        assertTrue(((ObjectNode) trace.path("topology")).remove("cpuToNode") != null, "topology.cpuToNode");
        for (JsonNode result : report.path("results")) {
            for (String added : List.of("remoteBytesAvoided", "nodeMatrix")) {
                assertTrue(((ObjectNode) result).remove(added) != null, added);
            }
            ((ObjectNode) result).remove("intervals");
        }
        return report;
    }

    /** The report without measured timing, nor the bundled traces' temporary import path and time. */
    private static JsonNode normalise(JsonNode report) {
        if (report.path("trace").path("provenance") instanceof ObjectNode provenance) {
            provenance.remove(List.of("source", "importedAt"));
        }
        for (JsonNode result : report.path("results")) {
            ((ObjectNode) result).remove(TIMING);
        }
        return report;
    }
}
