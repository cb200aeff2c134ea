package org.numabias.sweeps.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.numabias.sweeps.cli.Cli.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.runtime.trace.Traces;
import org.numabias.sweeps.CellRecord;
import org.numabias.sweeps.ResultStore;
import org.numabias.sweeps.StagedTraceTest;
import org.numabias.sweeps.cli.Cli.Run;

/**
 * Sweeps on a real Spark standalone cluster: a master and two one-core workers, each its own JVM on
 * 127.0.0.1, run from a stock Spark 4.2.0's jars ({@link LoopbackCluster}), whose executors get nothing of
 * numabias but what the driver ships. Driven through the CLI
 * as a user would ({@code --engine spark:spark://127.0.0.1:PORT}). Runs beside the module's classes that use
 * no Spark session (most of its time goes into the cluster's JVMs and waiting for them), its own tests one
 * after the other.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(SparkEngineTest.SESSION)
@ResourceLock(StagedTraceTest.STAGED_COPIES) // its executors stage a trace by URI
class SparkClusterTest {
    private static final Path EXAMPLE = Path.of("../examples/sweeps/grid.yaml");
    private static final Path TINY = Path.of("../examples/traces/tiny.csv");

    @TempDir
    static Path dir;

    private static LoopbackCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        cluster = LoopbackCluster.start(dir.resolve("cluster"), 2, Duration.ofSeconds(180));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Run onCluster(Path experiment, Path results) {
        return run("sweep", experiment.toString(), "-o", results.toString(), "--engine", "spark:" + cluster.masterUrl());
    }

    private static List<String> parts(Path results) throws IOException {
        try (Stream<Path> s = Files.list(results)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("part-")).sorted().toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theExampleExperimentOnTheClusterEqualsTheInProcessRunFieldByField() throws IOException {
        Run local = run("sweep", EXAMPLE.toString(), "-o", dir.resolve("local").toString());
        assertEquals(0, local.code(), local.err());
        Run spark = onCluster(EXAMPLE, dir.resolve("spark"));
        assertEquals(0, spark.code(), spark.err());
        assertTrue(spark.err().contains("sweep: shipping each executor "), spark.err());
        assertTrue(spark.out().contains("spark " + cluster.masterUrl()), spark.out());

        // the same parts, and in each the same records except the documented run fields
        assertEquals(List.of("part-00000.parquet", "part-00001.parquet", "part-00002.parquet", "part-00003.parquet",
                "part-00004.parquet", "part-00005.parquet"), parts(dir.resolve("spark")));
        assertEquals(parts(dir.resolve("local")), parts(dir.resolve("spark")));
        List<CellRecord> a = ResultStore.read(dir.resolve("local"));
        List<CellRecord> b = ResultStore.read(dir.resolve("spark"));
        assertEquals(6 * 9, b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).resultFields(), b.get(i).resultFields(), "cell " + i);
        }
        assertTrue(b.stream().allMatch(r -> r.engine().equals("spark")));

        // both workers ran an executor; each fetched Chronicle and our jars, and none of Spark's own
        for (int w = 1; w <= 2; w++) {
            Set<String> fetched;
            try (Stream<Path> s = Files.walk(cluster.workDir(w))) {
                fetched = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).collect(Collectors.toSet());
            }
            assertTrue(fetched.stream().anyMatch(n -> n.startsWith("chronicle-queue-")), "worker " + w + ": " + fetched);
            // (class folders of this test run are shipped packed, as numabias-MODULE-NNN.jar)
            assertTrue(fetched.stream().anyMatch(n -> n.startsWith("numabias-sweeps-")), "worker " + w + ": " + fetched);
            assertFalse(fetched.stream().anyMatch(n -> n.startsWith("spark-") || n.startsWith("jackson-databind")
                    || n.startsWith("netty-") || n.startsWith("picocli")), "worker " + w + ": " + fetched);
            // the worker logs each executor's command line: Chronicle's flags are on it (Spark adds none of these)
            String launched;
            try (Stream<Path> s = Files.walk(cluster.workDir(w))) {
                launched = s.filter(p -> p.getFileName().toString().equals("stderr")).map(SparkClusterTest::read)
                        .collect(Collectors.joining("\n"));
            }
            assertTrue(launched.contains("-Dchronicle.announcer.disable=true"), "worker " + w + ": " + launched);
        }
    }

    @Test
    void theClusterIsAStockSparkWhoseExecutorsLoadItsOwnJacksonNotThisBuilds() throws IOException, java.net.URISyntaxException {
        // Spark 4.2.0's POMs ask for Jackson 2.21.2; this build pins another version for itself
        Set<String> jars = LoopbackCluster.jars();
        assertEquals(List.of("jackson-databind-2.21.2.jar"), jars.stream().filter(n -> n.startsWith("jackson-databind-")).toList());
        assertEquals(List.of("jackson-module-scala_2.13-2.21.2.jar"),
                jars.stream().filter(n -> n.startsWith("jackson-module-scala")).toList());
        assertTrue(jars.contains("spark-core_2.13-4.2.0.jar"), jars.toString());
        assertFalse(jars.stream().anyMatch(n -> n.startsWith("chronicle-") || n.startsWith("framework-api")), jars.toString());
        // the master's command line is the one Spark's launcher builds: Spark's JVM options, not Chronicle's
        String master = read(dir.resolve("cluster").resolve("master.launch"));
        assertTrue(master.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), master);
        assertFalse(master.contains("chronicle"), master);

        // what an executor of the application loads: the cluster's Jackson, from the cluster's jars
        Path databind = Path.of(ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        SparkSession spark = SparkEngine.session(cluster.masterUrl(), Duration.ofSeconds(120), new PrintWriter(new StringWriter()));
        List<String> seen;
        try {
            seen = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1, 2), 2)
                    .map(SparkClusterTest::jacksonDatabindHere).collect();
        } finally {
            spark.stop();
        }
        String stock = "2.21.2 " + cluster.home().resolve("jars").resolve("jackson-databind-2.21.2.jar");
        assertEquals(List.of(stock, stock), seen, "the driver's own: " + PackageVersion.VERSION
                + " " + databind);
    }

    /** The version of jackson-databind this JVM loaded, and the jar it came from (run on an executor). */
    private static String jacksonDatabindHere(Integer task) throws java.net.URISyntaxException {
        return PackageVersion.VERSION + " "
                + Path.of(ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void aMalformedTraceFailsAloneAChronicleTraceByUriIsStagedAndARerunRetriesOnlyTheFailure() throws IOException {
        Path store = dir.resolve("good-store"); // a Chronicle trace: memory-mapped, so it needs the executors' JVM flags
        try (TraceSource s = Traces.open(TINY)) {
            ChronicleTraceWriter.copy(s, s.header(), store);
        }
        List<String> lines = Files.readAllLines(TINY);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, String.join("\n", lines.subList(0, 5)) + "\nA,not-a-time,101,0,0,0x1,0,0,1500\n");
        Path exp = dir.resolve("failing.yaml");
        Files.writeString(exp, "traces:\n  - path: " + store.toUri() + "\n  - path: " + bad + "\n"
                + "predictors:\n  - name: majority\n    grid: {weight: [count, bytes]}\n");
        Path results = dir.resolve("failing");

        Run first = onCluster(exp, results);
        assertEquals(1, first.code(), first.err());
        assertTrue(first.err().contains("sweep: failed: " + bad.toAbsolutePath() + ": " + bad.toAbsolutePath() + ":6:"), first.err());
        assertEquals(List.of("part-00000.parquet"), parts(results));
        List<CellRecord> stored = ResultStore.read(results);
        assertEquals(List.of(store.toUri().toString(), store.toUri().toString()), stored.stream().map(CellRecord::trace).toList());
        assertEquals(10, stored.getFirst().events(), "tiny.csv's events, replayed from the staged copy");

        Files.copy(TINY, bad, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run again = onCluster(exp, results);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("sweep: resuming: 1 of 2 traces already finished"), again.err());
        assertTrue(again.out().contains("this run: 1 traces (1 already done)"), again.out());
        assertEquals(List.of("part-00000.parquet", "part-00001.parquet"), parts(results));
    }

    @Test
    void aLostExecutorIsRetriedBySparkAndNoPartIsDuplicated() throws Exception {
        Path exp = dir.resolve("long.yaml");
        Files.writeString(exp, """
                traces:
                  - scenario: mix
                    params: {length: 150000}
                    seeds: [1, 2, 3, 4, 5, 6]
                predictors:
                  - name: ewma
                    grid: {alpha: [0.1, 0.5]}
                  - name: majority
                """);
        Path results = dir.resolve("lost");
        long quiet = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // executors of earlier sweeps exit first
        while (!cluster.executors().isEmpty() && System.nanoTime() < quiet) {
            Thread.sleep(100);
        }
        var sweep = java.util.concurrent.CompletableFuture.supplyAsync(() -> onCluster(exp, results));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while ((!Files.isDirectory(results) || parts(results).isEmpty()) && !sweep.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<ProcessHandle> executors = cluster.executors();
        assertEquals(2, executors.size(), "executors running when the first trace was stored");
        assertTrue(executors.getFirst().destroyForcibly(), "an executor killed mid-sweep");

        Run r = sweep.get(300, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err());
        assertEquals(6, parts(results).size());
        List<CellRecord> records = ResultStore.read(results);
        assertEquals(6 * 3, records.size());
        for (int t = 0; t < 6; t++) {
            int trace = t;
            assertEquals(List.of(0, 1, 2), records.stream().filter(c -> c.traceIndex() == trace).map(CellRecord::configIndex).sorted().toList());
        }
    }

    @Test
    void resourcesTheClusterCannotGrantAreReportedAfterTheTimeout() {
        System.setProperty("spark.executor.cores", "4");
        try {
            StringWriter log = new StringWriter();
            // no worker has 4 cores: no executor can start however long the wait, so a short one tells the same
            SparkEngine.ExecutorsUnavailable e = assertThrows(SparkEngine.ExecutorsUnavailable.class,
                    () -> SparkEngine.session(cluster.masterUrl(), Duration.ofSeconds(3), new PrintWriter(log)));
            assertTrue(e.getMessage().startsWith("no executor started on " + cluster.masterUrl() + " within 3 s"), e.getMessage());
            assertTrue(e.getMessage().contains("spark.executor.cores=4"), e.getMessage());
        } finally {
            System.clearProperty("spark.executor.cores");
        }
    }
}
