package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
