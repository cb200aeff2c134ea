package org.numabias.sweeps.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.numabias.sweeps.CellRecord;
import org.numabias.sweeps.LocalEngine;
import org.numabias.sweeps.ResultStore;
import org.numabias.sweeps.Sweep;

/**
 * One small experiment in-process and on Spark local mode: the same records, cell for cell; Spark reads the results.
 * Holds the JVM's one Spark session ({@link #SESSION}); runs beside the module's classes that use none.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(SparkEngineTest.SESSION)
class SparkEngineTest {
    /**
     * The lock ({@code @ResourceLock}) of a test class that opens a Spark session or sets {@code spark.*} system
     * properties: a JVM has one active session (getOrCreate returns it), so such classes run one at a time.
     */
    static final String SESSION = "the JVM's Spark session";

    @TempDir
    Path dir;

    @Test
    void sparkLocalModeGivesTheInProcessResultsCellForCell() throws IOException {
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, """
                name: spark-equals-local
                traces:
                  - catalog: mix
                    seeds: [1, 2]
                  - scenario: delayed
                    params: {devices: 2, length: 5000}
                predictors:
                  - name: ewma
                    grid: {alpha: [0.1, 0.5], key: [device, flow]}
                  - name: markov
                    params: {order: 2}
                options: {scoreFrom: 0.1, splitDevices: 2}
                """);
        Sweep.Plan plan = Sweep.plan(f);
        Sweep.Progress quiet = new Sweep.Progress(new PrintWriter(new StringWriter()), false);
        ResultStore local = ResultStore.open(dir.resolve("local"), plan);
        assertEquals(List.of(), Sweep.run(plan, local, new LocalEngine(2), quiet).failed());

        SparkSession spark = SparkEngine.session("local[2]");
        try {
            ResultStore onSpark = ResultStore.open(dir.resolve("spark"), plan);
            assertEquals(List.of(), Sweep.run(plan, onSpark, new SparkEngine(spark), quiet).failed());
            List<CellRecord> a = local.records();
            List<CellRecord> b = onSpark.records();
            assertEquals(15, a.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).resultFields(), b.get(i).resultFields(), "cell " + i);
            }
            assertTrue(a.stream().allMatch(r -> r.engine().equals("local")));
            assertTrue(b.stream().allMatch(r -> r.engine().equals("spark")));

            // Spark reads the results folder directly, typed columns included
            Dataset<Row> df = spark.read().parquet(dir.resolve("spark").toString());
            assertEquals(15, df.count());
            Row best = df.orderBy(df.col("localByteRatio").desc()).first();
            double max = a.stream().filter(r -> r.localByteRatio() != null).mapToDouble(CellRecord::localByteRatio).max().orElseThrow();
            assertEquals(max, best.<Double>getAs("localByteRatio"));
            assertEquals("array<bigint>", df.schema().apply("predictedByNode").dataType().simpleString());
        } finally {
            spark.stop();
        }
    }

    @Test
    void aMalformedTraceFailsAloneOnEveryEngineAndARerunRetriesOnlyIt() throws IOException {
        Path tiny = Path.of("../examples/traces/tiny.csv");
        SparkSession spark = SparkEngine.session("local[2]");
        try {
            for (Sweep.Engine engine : List.of(new LocalEngine(2), new SparkEngine(spark))) {
                Path traces = Files.createDirectories(dir.resolve(engine.name()));
                Path good = Files.copy(tiny, traces.resolve("good.csv"));
                Path bad = traces.resolve("bad.csv");
                List<String> lines = Files.readAllLines(tiny);
                Files.writeString(bad, String.join("\n", lines.subList(0, 5)) + "\nA,7,101,0,0,0x1,0,0,lots\n");
                Path f = traces.resolve("exp.yaml");
                Files.writeString(f, "traces: [{path: good.csv}, {path: bad.csv}]\npredictors: [{name: majority}]\n");
                Sweep.Plan plan = Sweep.plan(f);
                Sweep.Progress quiet = new Sweep.Progress(new PrintWriter(new StringWriter()), false);
                ResultStore store = ResultStore.open(traces.resolve("results"), plan);

                Sweep.Outcome first = Sweep.run(plan, store, engine, quiet);
                assertEquals(1, first.failed().size(), engine.name());
                assertTrue(first.failed().getFirst().startsWith(bad.toAbsolutePath() + ": " + bad.toAbsolutePath() + ":6: field 'bytes'"),
                        engine.name() + ": " + first.failed());
                assertEquals(1, first.traces());
                assertEquals(List.of(good.toAbsolutePath().toString()),
                        store.records().stream().map(CellRecord::trace).toList());

                Files.copy(tiny, bad, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Sweep.Outcome again = Sweep.run(plan, ResultStore.open(traces.resolve("results"), plan), engine, quiet);
                assertEquals(List.of(), again.failed(), engine.name());
                assertEquals(1, again.skipped());
                assertEquals(1, again.traces());
                assertEquals(2, ResultStore.read(traces.resolve("results")).size());
            }
        } finally {
            spark.stop();
        }
    }
}
