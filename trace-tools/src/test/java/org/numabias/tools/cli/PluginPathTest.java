package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.numabias.tools.cli.CliTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins from jars: the README's example, and bad plugins that must not take the others down. */
class PluginPathTest {
    /** The example plugin, built by the main build before this module (examples/predictor-plugin). */
    static final Path EXAMPLE_JAR = Path.of("../examples/predictor-plugin/target/predictor-plugin-1.0.0.jar");
    static final String TINY = "../examples/traces/tiny.csv";

    @TempDir
    Path tmp;

    @Test
    void theExamplePluginIsListedWithItsJarAndComparedWithTheBuiltIns() {
        assertTrue(Files.isRegularFile(EXAMPLE_JAR), "build the example first: " + EXAMPLE_JAR.toAbsolutePath());
        CliTest.Run list = run("predictors", "--plugin-path", EXAMPLE_JAR.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("sliding-majority"), list.out());
        assertTrue(list.out().contains("[plugin: " + EXAMPLE_JAR + "]"), list.out());
        CliTest.Run json = run("predictors", "--format", "json", "--plugin-path", EXAMPLE_JAR.getParent().toString());
        assertTrue(json.out().contains("\"origin\": \"" + EXAMPLE_JAR + "\""), json.out());

        CliTest.Run compare = run("compare", TINY, "--plugin-path", EXAMPLE_JAR.toString(),
                "-p", "sliding-majority:window=16", "-p", "majority", "-p", "ewma", "--format", "csv");
        assertEquals(0, compare.code(), compare.err());
        List<String> rows = compare.out().lines().toList();
        assertTrue(rows.get(1).startsWith("sliding-majority,sliding-majority:window=16,\"{key=device, window=16}\","
                + EXAMPLE_JAR + ",4,3500,"), rows.get(1));
        // with a window larger than the trace, sliding-majority is majority
        assertEquals(metrics(rows.get(2)), metrics(rows.get(1)));
    }

    @Test
    void theEnvironmentVariableAddsPluginsToo() {
        try {
            PluginOptions.environment = name -> name.equals(PluginOptions.ENV) ? "/nonexistent:" + EXAMPLE_JAR : null;
            CliTest.Run r = run("predictors");
            assertTrue(r.out().contains("sliding-majority"), r.out());
            assertTrue(r.err().contains("/nonexistent: no such plugin jar or folder"), r.err());
        } finally {
            PluginOptions.environment = System::getenv;
        }
    }

    private static String metrics(String csvRow) {
        String[] cells = csvRow.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        return String.join(",", List.of(cells).subList(4, 20));
    }

    @Test
    void badPluginsAreReportedWithTheirJarAndReasonAndTheRestStillLoad() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        PluginJars.jar(dir, "a-throws", Map.of("Throws", PluginJars.provider("Throws", "throws", 1,
                "throw new IllegalStateException(\"no licence\");", "return 0;")));
        PluginJars.jar(dir, "b-old", Map.of("Old", PluginJars.provider("Old", "old", 0, "", "return 0;")));
        PluginJars.jar(dir, "c-shadow", Map.of("Shadow", PluginJars.provider("Shadow", "ewma", 1, "", "return 0;")));
        PluginJars.jar(dir, "d-good", Map.of("Good", PluginJars.provider("Good", "good", 1, "", "return ctx.node();")));
        PluginJars.jar(dir, "e-dup", Map.of("Dup", PluginJars.provider("Dup", "good", 1, "", "return 0;")));
        Files.writeString(dir.resolve("f-garbage.jar"), "this is not a zip file");

        CliTest.Run r = run("predictors", "--plugin-path", dir.toString());
        assertEquals(0, r.code());
        String err = r.err();
        assertTrue(err.contains(dir.resolve("a-throws.jar") + ": provider failed to load") && err.contains("no licence"), err);
        assertTrue(err.contains(dir.resolve("b-old.jar") + ": p.Old was built for SPI version 0; this numabias needs SPI version 1"), err);
        assertTrue(err.contains(dir.resolve("c-shadow.jar") + ": p.Shadow is named 'ewma', which built-in already provides"), err);
        assertTrue(err.contains(dir.resolve("e-dup.jar") + ": p.Dup is named 'good', which " + dir.resolve("d-good.jar")), err);
        assertTrue(err.contains(dir.resolve("f-garbage.jar").toString()), err);
        assertTrue(r.out().contains("good ") && r.out().contains("[plugin: " + dir.resolve("d-good.jar") + "]"), r.out());
        assertTrue(r.out().contains("exponentially weighted"), "the built-in ewma survives");
        assertTrue(run("predictors", "--plugin-path", tmp.resolve("missing.jar").toString()).err()
                .contains("missing.jar: no such plugin jar or folder"));
    }

    @Test
    void faultyPredictorsCannotCrashACompareOrChangeTheOthersResults() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("faulty"));
        PluginJars.jar(dir, "faulty", Map.of(
                "Thrower", PluginJars.provider("Thrower", "thrower", 1, "",
                        "if (calls % 2 == 0) throw new RuntimeException(\"boom\"); return ctx.node();"),
                "Wild", PluginJars.provider("Wild", "wild", 1, "", "return 99;"),
                "Slow", PluginJars.provider("Slow", "slow", 1, "",
                        "long t = System.nanoTime(); while (System.nanoTime() - t < 2_000_000) { } return ctx.node();")));
        PluginJars.jar(dir, "broken", Map.of("Broken", PluginJars.provider("Broken", "broken", 1, "", "return 0;")
                .replace("return new AllocationPredictor() {", "if (t != null) throw new IllegalStateException(\"no model file\");\n"
                        + "                        return new AllocationPredictor() {")));
        Path trace = tmp.resolve("mig.csv");
        assertEquals(0, run("generate", "migrating", "--param", "length=3000", "-o", trace.toString()).code());

        CliTest.Run clean = run("compare", trace.toString(), "-p", "majority", "-p", "ewma", "--format", "csv");
        CliTest.Run mixed = run("compare", trace.toString(), "--plugin-path", dir.toString(), "-p", "thrower",
                "-p", "majority", "-p", "wild", "-p", "ewma", "-p", "slow", "--budget-ns", "10000", "--format", "csv");
        assertEquals(0, mixed.code(), mixed.err());
        List<String> rows = mixed.out().lines().toList();
        List<String> cleanRows = clean.out().lines().toList();
        assertEquals(metrics(cleanRows.get(1)), metrics(rows.get(2)), "majority unaffected");
        assertEquals(metrics(cleanRows.get(1)), metrics(rows.get(2)));
        assertEquals(metrics(cleanRows.get(2)), metrics(rows.get(4)), "ewma unaffected");
        assertTrue(rows.get(1).contains(",1500,"), "every other predict of 3000 allocs threw: " + rows.get(1));
        assertTrue(rows.get(3).contains(",3000,"), "every predict of wild was out of range: " + rows.get(3));
        assertTrue(rows.get(5).endsWith(",true"), "slow is flagged over budget: " + rows.get(5));

        CliTest.Run table = run("compare", trace.toString(), "--plugin-path", dir.toString(), "-p", "thrower",
                "-p", "wild", "-p", "slow", "--budget-ns", "10000");
        assertTrue(table.out().contains("note: thrower: 1500 fault(s), first: predict threw java.lang.RuntimeException: boom"),
                table.out());
        assertTrue(table.out().contains("note: wild: 3000 fault(s), first: returned node 99, outside 0..3"), table.out());
        assertTrue(table.out().contains("SLOW"), table.out());
        assertTrue(table.out().contains("note: slow: over the time budget of 10000 ns per call"), table.out());
        assertTrue(table.out().contains("first: disabled after"), "2 ms per call is over 100x 10 us: " + table.out());

        // a provider that throws in create(): every call (3000 predicts, 3000 feedbacks) is a fault; the rest still runs
        CliTest.Run all = run("compare", trace.toString(), "--plugin-path", dir.resolve("broken.jar").toString());
        assertEquals(0, all.code(), all.err());
        assertTrue(all.out().contains("note: broken: 6000 fault(s), first: predict threw java.lang.IllegalStateException: "
                + "predictor 'broken' (" + dir.resolve("broken.jar") + ") failed to start: IllegalStateException: no model file"),
                all.out());
        assertTrue(all.out().lines().anyMatch(l -> l.startsWith("ewma ")), all.out());
    }
}
