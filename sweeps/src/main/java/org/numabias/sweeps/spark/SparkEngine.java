package org.numabias.sweeps.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;
import org.numabias.sweeps.CellRecord;
import org.numabias.sweeps.Sweep;
import org.numabias.sweeps.SweepTask;
import org.numabias.sweeps.TaskRunner;

/**
 * Runs a sweep as Spark jobs: one job per trace, whose tasks are the trace's {@link SweepTask}s (the
 * whole trace, or its device parts), each run by {@link TaskRunner} on an executor, where the trace is
 * opened (so trace paths must be readable there; scenarios are generated there). Jobs of several traces
 * run at once (submitted from a few driver threads), so the cluster stays busy while each finished
 * trace is stored at once, which is what makes an interrupted sweep resumable.
 */
public final class SparkEngine implements Sweep.Engine {
    private final SparkSession spark;
    private final JavaSparkContext jsc;

    /** An engine on an existing session (spark-submit's, or {@link #session}'s). */
    public SparkEngine(SparkSession spark) {
        this.spark = spark;
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    /**
     * A session for {@code master} ({@code local[*]}, {@code local[4]}, {@code spark://host:7077}, ...), or
     * the one spark-submit configured when {@code master} is null. Local masters bind to loopback only.
     */
    public static SparkSession session(String master) {
        quietLogs();
        SparkSession.Builder b = SparkSession.builder().appName("numabias sweep").config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false").config("spark.sql.debug.maxToStringFields", "200");
        if (master != null) {
            b.master(master);
            if (master.startsWith("local")) {
                b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        return b.getOrCreate();
    }

    /** Spark logs at INFO through whatever SLF4J provider is present; a sweep wants its warnings only. */
    private static void quietLogs() {
        for (String logger : List.of("org.apache.spark", "org.apache.hadoop", "org.sparkproject", "io.netty",
                "org.apache.parquet", "org.apache.spark.util.Utils", "org.apache.hadoop.util.NativeCodeLoader")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                // the loopback-address and native-library notices are expected here and say nothing actionable
                System.setProperty(key, logger.contains("Utils") || logger.contains("Native") ? "error" : "warn");
            }
        }
    }

    @Override
    public String name() {
        return "spark";
    }

    /** The session's master, for messages. */
    public String master() {
        return spark.sparkContext().master();
    }

    @Override
    public void run(List<List<SweepTask>> traces, Sweep.TraceDone done) {
        int concurrent = Math.max(2, 2 * jsc.defaultParallelism());
        ExecutorService driver = Executors.newFixedThreadPool(concurrent, r -> {
            Thread t = new Thread(r, "sweep-spark-driver");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (List<SweepTask> tasks : traces) {
                jobs.add(driver.submit(() -> {
                    long t0 = System.nanoTime();
                    List<CellRecord> records;
                    try {
                        jsc.setJobDescription("numabias sweep: " + tasks.getFirst().trace().id());
                        records = jsc.parallelize(tasks, tasks.size()).map(new RunTask()).collect().stream()
                                .flatMap(List::stream).toList();
                    } catch (RuntimeException e) {
                        done.accept(tasks, null, e, (System.nanoTime() - t0) / 1e9);
                        return;
                    }
                    done.accept(tasks, records, null, (System.nanoTime() - t0) / 1e9);
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            driver.shutdownNow();
        }
    }

    /** The Spark function: one task's records (an ArrayList, which Spark serializes as is). */
    private static final class RunTask implements Function<SweepTask, List<CellRecord>> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<CellRecord> call(SweepTask task) {
            return new ArrayList<>(TaskRunner.run(task, "spark"));
        }
    }
}
