package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.PredictorRegistry;

/** {@code compare} over several traces and seeds, and {@code --report}, as a user runs them. */
class CompareManyCliTest {
    @TempDir
    Path tmp;

    @Test
    void seedsOfAScenarioAreOneBlock() {
        CliTest.Run one = CliTest.run("compare", "periodic", "--seeds", "1..3", "-p", "producer-local", "-p", "markov");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("N = 1 block (scenarios), each the mean of 3 seeds"), one.out());
        assertTrue(one.out().contains("No significance test: it needs at least 2 independent blocks"), one.out());
    }

    @Test
    void seedsOfScenariosGiveRanksAndSignificanceOnBlocks() {
        CliTest.Run r = CliTest.run("compare", "periodic", "migrating", "static-skew", "--seeds", "1..2", "-p",
                "producer-local", "-p", "markov", "-p", "last-consumer", "-p", "oracle", "--control", "producer-local");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("6 traces: periodic@seed1 (generated, "), r.out());
        assertTrue(r.out().contains("N = 3 blocks (scenarios), each the mean of 2 seeds"), r.out());
        assertTrue(r.out().contains("Wilcoxon signed-rank test against the control producer-local"), r.out());
        // markov learns the period, the migrations and the skew: rank 1 for localByteRatio; the oracle is not ranked
        assertTrue(r.out().contains("markov   "), r.out());
        int table = r.out().indexOf("localByteRatio: ");
        String firstRow = r.out().substring(table).lines().skip(5).findFirst().orElseThrow();
        assertTrue(firstRow.startsWith("markov") && firstRow.endsWith("1.333"), firstRow); // ranks 1, 1 and 2 on the blocks
        assertTrue(r.out().contains("Friedman chi-squared = "), r.out());
        assertTrue(r.out().contains("Nemenyi critical difference (alpha 0.05, k = 3, N = 3)"), r.out());
        assertTrue(!r.out().contains("N = 6"), "seeds are not counted as blocks");
        assertTrue(!r.out().contains("\noracle "), "the oracle is a bound, not ranked");
    }

    @Test
    void reportIsWrittenWithChartsAndProvenance() throws Exception {
        Path dir = tmp.resolve("report");
        CliTest.Run r = CliTest.run("compare", "../examples/traces/tiny.csv", "-p", "majority", "--report", dir.toString());
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("178b7d3ac07cb67a"), "the trace digest is in the report");
        assertTrue(md.contains("| producer-local |") && md.contains("| oracle |"), "references added for the report");
        assertTrue(md.contains("numabias compare ../examples/traces/tiny.csv -p majority --report"), md);
        assertTrue(Files.size(dir.resolve("metrics.png")) > 1000);
        assertTrue(Files.size(dir.resolve("node-pairs.png")) > 1000);
        assertTrue(Files.size(dir.resolve("learning-accuracy.png")) > 1000, "windows are measured for the report");
        // tiny.csv has 5 consumes: windows of 1 consumption (about 50 windows would need more)
        assertTrue(md.contains("windows of 1 scored consumptions"), md);
        assertTrue(Files.exists(dir.resolve("report.html")));
    }

    @Test
    void aMissingInputFailsNamingIt() {
        CliTest.Run r = CliTest.run("compare", "no-such-trace-or-dataset");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("no-such-trace-or-dataset: no such trace file or folder"), r.err());
    }

    /**
     * The JSON of a run without what differs between two runs of the same command: the per-call timings
     * (nsPerCall, and overBudget, which follows from it), when a file was read or imported, and the
     * temporary folders bundled captures are imported into.
     */
    static String withoutRunDetails(String json) {
        return json.lines().filter(l -> !l.contains("\"nsPerCall\"") && !l.contains("\"overBudget\"")
                        && !l.contains("\"readAt\"") && !l.contains("\"importedAt\"") && !l.contains("/numabias-"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void tracesReplayedInParallelGiveTheOneThreadResultsInTheSameOrder() {
        String[] args = {"compare", "periodic", "many-flows", "../examples/traces/tiny.csv", "--seeds", "1..3", "-p", "majority",
                "-p", "markov", "-p", "oracle", "--window", "1000", "--format", "json"};
        CliTest.Run one = CliTest.run(java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--threads", "1")).toArray(String[]::new));
        CliTest.Run many = CliTest.run(java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--threads", "4")).toArray(String[]::new));
        assertEquals(0, one.code(), one.err());
        assertEquals(0, many.code(), many.err());
        assertTrue(one.out().contains("\"periodic@seed3\"") && one.out().contains("tiny.csv"), one.out());
        assertEquals(withoutRunDetails(one.out()), withoutRunDetails(many.out()));
    }

    @Test
    void oneTracesPredictorsOnSeveralThreadsGiveTheOneThreadResults() {
        List<String> specs = new ArrayList<>(PredictorRegistry.builtIn().names());
        specs.addAll(DemoCommand.EXTRA_SPECS);
        List<String[]> makes = List.of(
                new String[] {"datasets", "materialize", "redis-unpinned"},
                new String[] {"datasets", "materialize", "nginx-wrk-pinned"},
                new String[] {"datasets", "materialize", "migrating"},
                new String[] {"generate", "mix", "--seed", "5"},
                new String[] {"generate", "periodic", "--seed", "2"});
        for (String[] make : makes) {
            Path trace = tmp.resolve(String.join("-", make).replace(' ', '_'));
            CliTest.Run m = CliTest.run(Stream.concat(Arrays.stream(make),
                    Stream.of("-o", trace.toString())).toArray(String[]::new));
            assertEquals(0, m.code(), m.err());
            List<String> args = new ArrayList<>(List.of("compare", trace.toString(),
                    "--score-from", "0.2", "--window", "700", "--format", "json"));
            specs.forEach(spec -> args.addAll(List.of("-p", spec)));
            String first = null;
            for (String threads : new String[] {"1", "2", "3"}) {
                args.addAll(List.of("--predictor-threads", threads));
                CliTest.Run r = CliTest.run(args.toArray(String[]::new));
                args.subList(args.size() - 2, args.size()).clear();
                assertEquals(0, r.code(), r.err());
                assertTrue(r.out().contains("\"windows\""), r.out());
                if (first == null) {
                    first = withoutRunDetails(r.out());
                } else {
                    assertEquals(first, withoutRunDetails(r.out()), String.join(" ", make) + " --predictor-threads " + threads);
                }
            }
        }
    }

    @Test
    void inParallelTheFirstBadTraceInOrderIsReported() throws Exception {
        Path good = tmp.resolve("good.csv");
        Files.copy(Path.of("../examples/traces/tiny.csv"), good);
        Path bad1 = tmp.resolve("bad1.csv");
        Files.writeString(bad1, "# nodes=2\ntype,time_ns,buffer,device,queue,flow,cpu,node,bytes\n"
                + "A,5,1,0,0,0x1,0,0,100\nA,4,2,0,0,0x1,0,0,100\n");
        Path bad2 = tmp.resolve("bad2.csv");
        Files.writeString(bad2, "# nodes=2\ntype,time_ns,buffer,device,queue,flow,cpu,node,bytes\n"
                + "A,1,1,0,0,0x1,0,7,100\n");
        for (String threads : new String[] {"1", "3"}) {
            CliTest.Run r = CliTest.run("compare", good.toString(), bad1.toString(), bad2.toString(), "-p", "majority",
                    "--threads", threads);
            assertEquals(1, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("bad1.csv:4: field 'time_ns': time 4 is before the previous row's 5"), r.err());
            assertTrue(!r.err().contains("bad2.csv"), r.err());
        }
    }

    @Test
    void threadsBelowOneIsAUsageError() {
        CliTest.Run r = CliTest.run("compare", "../examples/traces/tiny.csv", "--threads", "0");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--threads must be at least 1, got 0"), r.err());
        CliTest.Run p = CliTest.run("compare", "../examples/traces/tiny.csv", "--predictor-threads", "0");
        assertEquals(2, p.code(), p.out() + p.err());
        assertTrue(p.err().contains("--predictor-threads must be at least 1, got 0"), p.err());
    }
}
