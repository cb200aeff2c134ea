package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.datasets.RecordedTrace;
import org.numabias.tools.catalog.Catalog;
import picocli.CommandLine;

/** The numabias commands as a user runs them: output, files, exit codes and error messages. */
class CliTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Numabias.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path csv(String body) throws IOException {
        Path f = tmp.resolve("trace.csv");
        Files.writeString(f, body);
        return f;
    }

    /** 2 nodes; consumes at event indexes 1, 3, 5, 6 of live buffers, 8 of an unknown one; buffer 103 never consumed. */
    static final String GOLDEN = """
            # nodes=2
            type,time_ns,buffer,device,queue,flow,cpu,node,bytes
            A,1,100,0,0,0x1,0,0,1500
            C,2,100,,,,1,1,1000
            A,3,101,0,0,0x1,0,0,1500
            C,4,101,,,,1,1,1000
            A,5,102,0,0,0x1,0,0,1500
            C,6,102,,,,0,0,500
            C,7,102,,,,1,1,1000
            F,8,102,,,,,,
            C,9,999,,,,1,1,10
            A,10,103,0,0,0x1,0,0,1500
            """;

    @Test
    void predictorsListsEveryBuiltInWithParametersAndDefaults() {
        Run r = run("predictors");
        assertEquals(0, r.code());
        for (String name : List.of("producer-local", "interleave", "last-consumer", "majority", "ewma", "markov",
                "two-stage", "oracle")) {
            assertTrue(r.out().contains(name + " "), name);
        }
        assertTrue(r.out().contains("alpha=0.25"));
        assertTrue(r.out().contains("key=device (device|queue|flow)"));
        Run json = run("predictors", "--format", "json");
        assertTrue(json.out().contains("\"name\": \"markov\""));
        assertTrue(json.out().contains("\"origin\": \"built-in\""));
    }

    @Test
    void compareJsonCarriesEveryMetricAndProvenance() throws IOException {
        Path f = csv(GOLDEN);
        Run r = run("compare", f.toString(), "-p", "producer-local", "-p", "ewma:alpha=0.5", "--format", "json");
        assertEquals(0, r.code(), r.err());
        String json = r.out();
        for (String metric : List.of("consumptions", "bytes", "allocs", "unconsumedAllocs", "unknownConsumes", "accuracy",
                "localByteRatio", "remoteBytes", "cost", "regret", "capturedGain", "kappa", "kappaM", "kappaTemporal",
                "mpks", "faults")) {
            assertTrue(json.contains("\"" + metric + "\": "), metric);
        }
        assertTrue(json.contains("\"accuracy\": 0.25"));
        assertTrue(json.contains("\"cost\": 6500.0"));
        assertEquals("{\"key\":\"device\",\"alpha\":\"0.5\"}",
                new ObjectMapper().readTree(json).path("results").path(1).path("params").toString(), json);
        assertTrue(json.contains("\"eventsSha256\": "));
        assertTrue(json.contains("\"frameworkVersion\": "));
        assertTrue(json.contains("\"projected\": false"));
    }

    @Test
    void compareWithoutPredictorsRunsEveryBuiltInAndTheTableSaysSo() throws IOException {
        Run r = run("compare", csv(GOLDEN).toString());
        assertEquals(0, r.code(), r.err());
        for (String name : List.of("producer-local", "interleave", "last-consumer", "majority", "ewma", "markov",
                "two-stage", "oracle")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ")), name + "\n" + r.out());
        }
        Run csv = run("compare", csv(GOLDEN).toString(), "--format", "csv", "-p", "oracle");
        assertEquals(2, csv.out().lines().count());
        assertTrue(csv.out().lines().toList().get(1).startsWith("oracle,oracle,{},built-in,4,3500,4,1,1,0.75,"));
    }

    @Test
    void badPredictorSpecsAreClearErrorsWithExitCode1() throws IOException {
        Path f = csv(GOLDEN);
        Run unknown = run("compare", f.toString(), "-p", "nope");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("unknown predictor 'nope'; known: producer-local, interleave"), unknown.err());
        Run badParam = run("compare", f.toString(), "-p", "ewma:beta=1");
        assertTrue(badParam.err().contains("unknown parameter 'beta' for predictor 'ewma'; accepted: key, alpha"));
        Run badValue = run("compare", f.toString(), "-p", "ewma:alpha=2");
        assertTrue(badValue.err().contains("parameter 'alpha' of predictor 'ewma' must be in (0, 1], got '2'"));
        Run badKey = run("compare", f.toString(), "-p", "majority:key=socket");
        assertTrue(badKey.err().contains("must be one of device|queue|flow"), badKey.err());
        Run badScore = run("compare", f.toString(), "--score-from", "1.5");
        assertEquals(1, badScore.code());
        assertTrue(badScore.err().contains("--score-from"));
    }

    @Test
    void badTraceFilesNameTheLine() throws IOException {
        Path f = csv("type,time_ns,buffer,device,queue,flow,cpu,node,bytes\nA,1,1,0,0,0,0,0,1\nC,2,1,,,,0,,5\n");
        Run r = run("compare", f.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(f + ":3: field 'node': required"), r.err());
        Path perfText = tmp.resolve("capture.txt");
        Files.writeString(perfText, " python3 1 [000] 1.0: skb:consume_skb: skbaddr=0x1\n");
        Run perf = run("compare", perfText.toString());
        assertEquals(1, perf.code());
        assertTrue(perf.err().contains("looks like perf script text: import it first"), perf.err());
        Run missing = run("stats", tmp.resolve("nothing.csv").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such trace"), missing.err());
    }

    @Test
    void importThenExportReproducesTheRowsAndStatsAgree() throws IOException {
        Path f = csv(GOLDEN);
        Path dir = tmp.resolve("store");
        Run imp = run("import", "--format", "csv", f.toString(), "-o", dir.toString());
        assertEquals(0, imp.code(), imp.err());
        assertTrue(imp.out().contains("imported 10 events"));
        Path back = tmp.resolve("back.csv");
        assertEquals(0, run("export", dir.toString(), "-o", back.toString()).code());
        List<String> rows = Files.readAllLines(back).stream().filter(l -> !l.startsWith("#")).toList();
        List<String> original = GOLDEN.lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(original.size(), rows.size());
        assertEquals(original.get(1), rows.get(1).replace("0x00000001", "0x1"));
        assertEquals("F,8,102,,,,,,", rows.get(8));

        Run fromDir = run("compare", dir.toString(), "-p", "majority", "--format", "csv");
        Run fromCsv = run("compare", f.toString(), "-p", "majority", "--format", "csv");
        assertEquals(withoutRunDetails(fromCsv.out()), withoutRunDetails(fromDir.out()));

        Run stats = run("stats", dir.toString(), "--format", "json");
        assertTrue(stats.out().contains("\"allocs\": 4"));
        assertTrue(stats.out().contains("\"consumes\": 5"));
        assertTrue(stats.out().contains("\"frees\": 1"));
        assertTrue(stats.out().contains("\"bytes\": 3510"));        // every Consume, the unknown buffer's 10 too
        assertTrue(stats.out().contains("\"matchedBytes\": 3500"));
        assertEquals("[[500,3000],[0,0]]", new ObjectMapper().readTree(stats.out()).path("bytesByNodePair").toString(),
                stats.out());
        assertTrue(stats.out().contains("\"eventsSha256\": \"" ));

        Run again = run("import", f.toString(), "-o", dir.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains(dir + " exists; use --force to replace it"), again.err());
        Run overwrite = run("export", dir.toString(), "-o", back.toString());
        assertEquals(1, overwrite.code());
        assertTrue(overwrite.err().contains("--force"));
    }

    /** CSV results without the measured columns (nsPerCall, stateBytes, overBudget). */
    private static List<String> withoutRunDetails(String csv) {
        return csv.lines().map(l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',', l.lastIndexOf(',') - 1) - 1))).toList();
    }

    @Test
    void generateWritesADeterministicScenario() throws IOException {
        Path a = tmp.resolve("a.csv");
        Path b = tmp.resolve("b.csv");
        assertEquals(0, run("generate", "periodic", "-o", a.toString(), "--seed", "9", "--param", "length=300").code());
        assertEquals(0, run("generate", "periodic", "-o", b.toString(), "--seed", "9", "--param", "length=300").code());
        List<String> rowsA = Files.readAllLines(a).stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(rowsA, Files.readAllLines(b).stream().filter(l -> !l.startsWith("#")).toList());
        assertEquals(901, rowsA.size());
        Run bad = run("generate", "periodic", "-o", tmp.resolve("c.csv").toString(), "--param", "lenght=3");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("unknown parameter 'lenght' for scenario 'periodic'; accepted: "), bad.err());
    }

    @Test
    void datasetsListDescribeAndMaterialize() {
        Run list = run("datasets", "list");
        assertTrue(list.out().contains("static-skew"));
        assertTrue(list.out().contains("many-flows"));
        Run describe = run("datasets", "describe", "many-flows");
        assertTrue(describe.out().contains("Expected winner: majority:key=flow"));
        Path dir = tmp.resolve("mat");
        Run mat = run("datasets", "materialize", "static-skew", "-o", dir.toString());
        assertEquals(0, mat.code(), mat.err());
        Run stats = run("stats", dir.toString(), "--format", "json");
        assertTrue(stats.out().contains("\"allocs\": 20000"), stats.out());
        Run unknown = run("datasets", "describe", "nope");
        assertEquals(1, unknown.code());
    }

    @Test
    void demoPrintsOneTableAndWritesResultsAndCharts() throws IOException {
        Path out = tmp.resolve("demo");
        Run r = run("demo", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String dataset : List.of("static-skew", "migrating", "periodic", "many-flows", "size-dependent", "delayed", "mix",
                "size-classes")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(dataset + " ")), dataset);
        }
        for (String file : List.of("results.json", "results.csv", "localByteRatio.png", "remoteBytesAvoided.png",
                "capturedGain.png", "cd-localByteRatio.png")) {
            assertTrue(Files.size(out.resolve(file)) > 100, file);
        }
        byte[] png = Files.readAllBytes(out.resolve("localByteRatio.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        for (RecordedTrace recorded : RecordedTrace.all()) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(recorded.name() + " ")), recorded.name());
        }
        // every catalog dataset (8 scenarios and the bundled captures) x 10 predictors, plus the heading
        assertEquals(8 + RecordedTrace.all().size(), Catalog.all().size());
        assertEquals(Catalog.all().size() * 10 + 1, Files.readAllLines(out.resolve("results.csv")).size());
        assertFalse(r.err().contains("\r"));
    }

    @Test
    void demoOnSeveralThreadsWritesTheOneThreadResults() throws IOException {
        Path one = tmp.resolve("one");
        Path many = tmp.resolve("many");
        Run r1 = run("demo", "-p", "majority", "-p", "oracle", "--threads", "1", "-o", one.toString());
        Run r2 = run("demo", "-p", "majority", "-p", "oracle", "--threads", "3", "-o", many.toString());
        assertEquals(0, r1.code(), r1.err());
        assertEquals(0, r2.code(), r2.err());
        String json = Files.readString(one.resolve("results.json"));
        assertTrue(json.contains("\"static-skew\"") && json.contains("\"iperf3-udp-unpinned\""), json.substring(0, 200));
        assertEquals(CompareManyCliTest.withoutRunDetails(json),
                CompareManyCliTest.withoutRunDetails(Files.readString(many.resolve("results.json"))));
    }
}
