package org.numabias.sweeps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.numabias.sweeps.cli.Cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.sweeps.cli.Cli.Run;

/** {@code numabias sweep} through the real CLI, found as a command extension. */
class SweepCommandTest {
    @TempDir
    Path dir;

    @Test
    void sweepRunsPrintsTheSummaryAndResumesWithExitCodes() throws IOException {
        Path exp = dir.resolve("exp.yaml");
        Files.writeString(exp, """
                traces:
                  - scenario: static-skew
                    params: {length: 3000}
                    seeds: [1, 2]
                predictors:
                  - name: majority
                    grid: {weight: [count, bytes]}
                report: {metrics: [localByteRatio, regret]}
                """);
        Path out = dir.resolve("results");
        Run first = run("sweep", exp.toString(), "-o", out.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("2 traces x 2 configurations = 4 cells"), first.err());
        assertTrue(first.out().lines().anyMatch(l -> l.startsWith("majority:weight=bytes ") && l.contains(" 2 ")), first.out());
        assertTrue(first.out().contains("mean localByteRatio") && first.out().contains("mean regret"), first.out());
        assertTrue(Files.isRegularFile(out.resolve("part-00001.parquet")));

        Run again = run("sweep", exp.toString(), "-o", out.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("resuming: 2 of 2 traces already finished"), again.err());
        assertTrue(again.out().contains("this run: 0 traces (2 already done)"), again.out());
    }

    @Test
    void badInputIsAnErrorNamingTheFieldAndBadUsageExitsTwo() throws IOException {
        Path exp = dir.resolve("bad.yaml");
        Files.writeString(exp, "traces: [{catalog: mix}]\npredictors: [{name: ewma, grid: {alpha: [0.1, 7]}}]\n");
        Run bad = run("sweep", exp.toString(), "-o", dir.resolve("r").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("sweep: error: " + exp + ": predictors[0]: "), bad.err());
        assertTrue(!Files.exists(dir.resolve("r")), "nothing is written for a bad experiment");

        Run engine = run("sweep", exp.toString(), "-o", dir.resolve("r").toString(), "--engine", "hadoop");
        assertEquals(2, engine.code());
        assertTrue(engine.err().contains("--engine: 'hadoop' is not local, spark or spark:MASTER"), engine.err());
        assertEquals(2, run("sweep", exp.toString()).code());
    }
}
