package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.numabias.tools.cli.CliTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins that throw what the SPI does not declare: an {@link AssertionError} and a checked exception
 * thrown sneakily are faults (the producer's node, counted, the replay goes on, the others' results
 * unchanged); a plugin that allocates without bound ends the run with one line naming it.
 */
class FaultyPluginThrowablesTest {
    @TempDir
    Path tmp;

    /** A provider source whose class also has a sneaky-throw helper and a static hoard for the predict body. */
    private static String provider(String cls, String name, String predictBody) {
        return PluginJars.provider(cls, name, 1, "", predictBody).replace(
                "public final class " + cls + " implements PredictorProvider {",
                "public final class " + cls + " implements PredictorProvider {\n"
                        + "    static final java.util.List<long[]> HOARD = new java.util.ArrayList<>();\n"
                        + "    @SuppressWarnings(\"unchecked\")\n"
                        + "    static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T { throw (T) t; }");
    }

    private Path trace() {
        return generated("mig.csv");
    }

    /** The same trace as a trace directory, whose predictors are replayed in lane groups. */
    private Path store() {
        return generated("mig-store");
    }

    private Path generated(String name) {
        Path trace = tmp.resolve(name);
        assertEquals(0, run("generate", "migrating", "--param", "length=3000", "-o", trace.toString()).code());
        return trace;
    }

    /** A folder holding the jar {@code name} of one provider class {@code cls} whose predict body is given. */
    private Path plugin(String cls, String name, String predictBody) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        PluginJars.jar(dir, name, Map.of(cls, provider(cls, name, predictBody)));
        return dir;
    }

    @Test
    void anAssertionErrorAndASneakyCheckedExceptionAreFaultsAndTheReplayGoesOn() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("throwers"));
        PluginJars.jar(dir, "throwers", Map.of(
                "Asserting", provider("Asserting", "asserting",
                        "if (calls % 2 == 0) throw new AssertionError(\"invariant broken\"); return ctx.node();"),
                "Sneaky", provider("Sneaky", "sneaky", "throw Sneaky.<RuntimeException>sneaky(new java.io.IOException(\"disk gone\"));")));
        Path trace = trace();
        CliTest.Run clean = run("compare", trace.toString(), "-p", "majority", "--format", "csv");
        CliTest.Run mixed = run("compare", trace.toString(), "--plugin-path", dir.toString(), "-p", "asserting",
                "-p", "majority", "-p", "sneaky", "--format", "csv");
        assertEquals(0, mixed.code(), mixed.err());
        List<String> rows = mixed.out().lines().toList();
        assertEquals(withoutTiming(clean.out().lines().toList().get(1)), withoutTiming(rows.get(2)),
                "majority's row is unchanged");
        // the faults column: every other one of 3000 predicts threw, then every one
        assertTrue(rows.get(1).startsWith("asserting,asserting,{},") && rows.get(1).contains(",1500,"), rows.get(1));
        assertTrue(rows.get(3).startsWith("sneaky,sneaky,{},") && rows.get(3).contains(",3000,"), rows.get(3));

        CliTest.Run table = run("compare", trace.toString(), "--plugin-path", dir.toString(), "-p", "asserting",
                "-p", "sneaky");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("note: asserting: 1500 fault(s), first: predict threw java.lang.AssertionError: "
                + "invariant broken"), table.out());
        assertTrue(table.out().contains("note: sneaky: 3000 fault(s), first: predict threw java.io.IOException: disk gone"),
                table.out());
    }

    /**
     * A plugin that interrupts its thread on every predict, in the group that reads the trace and in the
     * other one: faults, cleared, and the replay's own hand-offs and the others' results are unharmed.
     */
    @Test
    void aPluginThatInterruptsItsThreadIsAFaultInEitherGroup() throws IOException {
        Path dir = plugin("Interrupter", "interrupter", "Thread.currentThread().interrupt(); return ctx.node();");
        Path store = store();
        CliTest.Run clean = run("compare", store.toString(), "-p", "majority", "--format", "csv");
        assertEquals(0, clean.code(), clean.err());
        // on 2 threads the lead's own work counts as 5 lanes: the first 5 lanes go to the other group
        for (List<String> specs : List.of(List.of("-p", "interrupter", "-p", "majority"),
                List.of("-p", "ewma", "-p", "markov", "-p", "two-stage", "-p", "interleave", "-p", "last-consumer",
                        "-p", "interrupter", "-p", "majority"))) {
            List<String> args = new java.util.ArrayList<>(List.of("compare", store.toString(), "--plugin-path",
                    dir.toString(), "--format", "csv", "--predictor-threads", "2"));
            args.addAll(specs);
            CliTest.Run mixed = run(args.toArray(String[]::new));
            assertEquals(0, mixed.code(), mixed.err());
            List<String> rows = mixed.out().lines().toList();
            String interrupter = rows.stream().filter(r -> r.startsWith("interrupter,")).findFirst().orElseThrow();
            assertTrue(interrupter.contains(",3000,"), "every one of 3000 predicts is a fault: " + interrupter);
            String majority = rows.stream().filter(r -> r.startsWith("majority,")).findFirst().orElseThrow();
            assertEquals(withoutTiming(clean.out().lines().toList().get(1)), withoutTiming(majority), "majority unchanged");
            assertFalse(Thread.currentThread().isInterrupted());
        }
    }

    /** A CSV row without its last three cells (ns per call, state bytes, over budget): all but the timing. */
    private static String withoutTiming(String row) {
        String[] cells = row.split(",");
        return String.join(",", List.of(cells).subList(0, cells.length - 3));
    }

    /**
     * A plugin that calls {@code System.exit(0)} midway (in the lead's group and in the other one) does not
     * end the run as a success with no output: one line names its call, exit 1.
     */
    @Test
    void aPluginThatExitsTheJvmEndsTheRunWithStatusOneNamingIt() throws Exception {
        Path dir = plugin("Quitter", "quitter", "if (calls == 500) System.exit(0); return ctx.node();");
        Path store = store();
        for (List<String> args : List.of(List.of("-p", "majority", "-p", "quitter"),
                List.of("-p", "quitter", "-p", "majority", "-p", "ewma", "--predictor-threads", "2"))) {
            List<String> command = new java.util.ArrayList<>(List.of("compare", store.toString(), "--plugin-path",
                    dir.toString()));
            command.addAll(args);
            ChildJvm.Outcome child = ChildJvm.run(new ProcessBuilder(ChildJvm.command(List.of(), Numabias.class,
                    command.toArray(String[]::new))).redirectErrorStream(true), true, 120); // both streams, in one
            assertTrue(child.ended(), "the child ended within 120 s");
            assertEquals(1, child.exit(), child.output());
            assertTrue(child.output().contains("numabias: error: plugin:quitter.jar//p.Quitter$1.predict(Quitter.java:")
                    && child.output().contains(") called System.exit before the command finished: its results are incomplete, "
                    + "so the exit status is 1"), child.output());
            assertFalse(child.output().contains("localBytes"), "no table: " + child.output());
        }
    }

    /** What a plugin prints to {@code System.out} goes to standard error: the JSON on standard output stays whole. */
    @Test
    void whatAPluginPrintsCannotMixIntoTheOutput() throws Exception {
        Path dir = plugin("Printer", "printer", "if (calls % 1000 == 0) System.out.println(\"debug \" + calls); return ctx.node();");
        Path stderr = tmp.resolve("printer.err");
        ChildJvm.Outcome child = ChildJvm.run(new ProcessBuilder(ChildJvm.command(List.of(), Numabias.class,
                "compare", store().toString(), "--plugin-path", dir.toString(), "-p", "majority", "-p", "printer",
                "--format", "json")).redirectError(stderr.toFile()), true, 120);
        assertTrue(child.ended(), "the child ended within 120 s");
        assertEquals(0, child.exit(), Files.readString(stderr));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(child.output()); // throws if not JSON
        assertEquals(List.of("majority", "printer"), json.get("results").findValuesAsText("label"));
        assertTrue(Files.readString(stderr).contains("debug 1000\ndebug 2000\ndebug 3000\n"), Files.readString(stderr));
    }

    /** One after the other (not two child JVMs at once): both run to the heap's end. */
    @Test
    void aPluginThatAllocatesWithoutBoundEndsTheRunInOneLineNamingItOnOneThreadAndOnSeveral() throws Exception {
        Path dir = plugin("Hoarder", "hoarder", "HOARD.add(new long[1 << 14]); return ctx.node();");
        hoard(dir, trace(), "-p", "majority", "-p", "hoarder");
        Path store = store(); // a trace directory: its predictors are replayed in groups
        // on 2 threads the lead's own work counts as 5 lanes: the first 5 lanes go to the other group, the
        // 6th to the lead's; the hoarder in the other group ...
        hoard(dir, store, "-p", "majority", "-p", "ewma", "-p", "markov", "-p", "hoarder", "-p", "two-stage", "--predictor-threads", "2");
        // ... and, as the 6th of 7 lanes, in the lead's
        hoard(dir, store, "-p", "majority", "-p", "ewma", "-p", "markov", "-p", "two-stage", "-p", "interleave",
                "-p", "hoarder", "-p", "ewma:alpha=0.7", "--predictor-threads", "2");
    }

    /**
     * {@code compare trace} with the hoarder plugin (in {@code dir}) and {@code args} in a JVM of 64 MB:
     * one line naming the hoarder.
     */
    private static void hoard(Path dir, Path trace, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("compare", trace.toString(), "--plugin-path",
                dir.toString()));
        command.addAll(List.of(args));
        ChildJvm.Outcome child = ChildJvm.run(new ProcessBuilder(ChildJvm.command(List.of("-Xmx64m"), Numabias.class,
                command.toArray(String[]::new))).redirectOutput(ProcessBuilder.Redirect.DISCARD), false, 120);
        assertTrue(child.ended(), "the child ended within 120 s");
        String stderr = child.output();
        assertEquals(1, child.exit(), stderr);
        assertTrue(stderr.contains("numabias: error: predictor 'hoarder' exhausted the JVM in predict: "
                + "java.lang.OutOfMemoryError"), stderr);
        assertFalse(stderr.contains("\tat "), "no stack trace: " + stderr);
    }
}
