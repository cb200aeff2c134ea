package org.numabias.sweeps.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;
import org.numabias.runtime.replay.ProtocolException;
import org.numabias.sweeps.CellRecord;
import org.numabias.sweeps.Sweep;
import org.numabias.sweeps.SweepTask;
import org.numabias.sweeps.TaskRunner;

/**
 * Runs a sweep as Spark jobs: one job per trace, whose tasks are the trace's {@link SweepTask}s (the
 * whole trace, or its device parts), each run by {@link TaskRunner} on an executor, where the trace is
 * opened (plain paths must be readable there, URIs are staged there, scenarios are generated there).
 * Jobs of several traces run at once (submitted from a few driver threads), so the cluster stays busy
 * while each finished trace is stored at once, which is what makes an interrupted sweep resumable. A
 * trace that cannot be read fails alone (its tasks return the error, so Spark does not retry it); a job
 * Spark aborts (executors lost too often) fails its trace alone too.
 */
public final class SparkEngine implements Sweep.Engine {
    /** How long a session waits for a cluster's first executor by default. */
    public static final java.time.Duration EXECUTOR_TIMEOUT = java.time.Duration.ofSeconds(120);

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
     * For a cluster master the driver ships the executors their {@link ExecutorPayload} (told on
     * {@code log}) and their JVM flags (spark-submit ships its {@code --jars} itself), and on any
     * cluster waits at most {@code executorTimeout} for a first executor.
     *
     * @throws ExecutorsUnavailable if no executor registered in time, or Spark gave up on the master
     */
    public static SparkSession session(String master, java.time.Duration executorTimeout, java.io.PrintWriter log) {
        org.numabias.sweeps.Logs.quietLibraries();
        SparkSession.Builder b = SparkSession.builder().appName("numabias sweep").config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false").config("spark.sql.debug.maxToStringFields", "200");
        String effective = master != null ? master : System.getProperty("spark.master", "local"); // spark-submit's
        boolean cluster = !effective.startsWith("local");
        if (master != null) {
            b.master(master);
            if (!cluster || loopback(master)) { // a loopback cluster can only reach a loopback driver
                b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        if (cluster && master != null) { // spark-submit ships its --jars itself
            ExecutorPayload.Payload payload = ExecutorPayload.ofClassPath();
            log.println("sweep: shipping each executor " + payload.describe());
            log.flush();
            b.config("spark.jars", joined(System.getProperty("spark.jars"), payload.sparkJars(), ","));
            b.config("spark.executor.extraJavaOptions",
                    joined(System.getProperty("spark.executor.extraJavaOptions"), ExecutorPayload.jvmFlags(), " "));
        }
        SparkSession spark = b.getOrCreate();
        if (cluster) {
            awaitExecutors(spark, executorTimeout);
        }
        return spark;
    }

    /** {@link #session(String, java.time.Duration, java.io.PrintWriter)} waiting {@link #EXECUTOR_TIMEOUT}, telling stderr. */
    public static SparkSession session(String master) {
        return session(master, EXECUTOR_TIMEOUT, new java.io.PrintWriter(System.err, true));
    }

    private static String joined(String user, String ours, String separator) {
        return user == null || user.isBlank() ? ours : user + separator + ours;
    }

    private static boolean loopback(String master) {
        String host = java.net.URI.create(master).getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127."));
    }

    /** Thrown when a cluster grants no executor: the message says what was asked for. */
    public static final class ExecutorsUnavailable extends org.numabias.api.ConfigurationException {
        private static final long serialVersionUID = 1L;

        ExecutorsUnavailable(String message) {
            super(message);
        }
    }

    /**
     * Waits until an executor has registered; stops the session and throws if none did within
     * {@code timeout} (the cluster cannot grant the cores or memory asked for) or if Spark stopped
     * (the master is unreachable or refused the application).
     */
    static void awaitExecutors(SparkSession spark, java.time.Duration timeout) {
        org.apache.spark.SparkContext sc = spark.sparkContext();
        long deadline = System.nanoTime() + timeout.toNanos();
        // the status tracker lists the driver too
        while (sc.statusTracker().getExecutorInfos().length < 2) {
            if (sc.isStopped()) {
                throw new ExecutorsUnavailable("Spark stopped before any executor registered with " + sc.master()
                        + ": is a Spark master listening there, and does it accept this application? (Spark's messages above say more)");
            }
            if (System.nanoTime() > deadline) {
                org.apache.spark.SparkConf c = sc.getConf();
                String asked = "spark.executor.cores=" + c.get("spark.executor.cores", "all of a worker's")
                        + ", spark.executor.memory=" + c.get("spark.executor.memory", "1g")
                        + ", spark.cores.max=" + c.get("spark.cores.max", "unset");
                spark.stop();
                throw new ExecutorsUnavailable("no executor started on " + sc.master() + " within " + timeout.toSeconds()
                        + " s: the cluster cannot grant what this application asks for (" + asked + "); each executor needs a "
                        + "worker with that many free cores and that much free memory (the master's web UI lists them). Ask for "
                        + "less (e.g. NUMABIAS_JAVA_OPTS='-Dspark.executor.cores=1 -Dspark.executor.memory=1g'), free a worker, "
                        + "or wait longer with --executor-timeout");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                spark.stop();
                throw new ExecutorsUnavailable("interrupted while waiting for executors");
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
                    List<CellRecord> records = new ArrayList<>();
                    Throwable failure = null;
                    try {
                        jsc.setJobDescription("numabias sweep: " + tasks.getFirst().trace().id());
                        for (TaskResult r : jsc.parallelize(tasks, tasks.size()).map(new RunTask()).collect()) {
                            if (r.error() != null && failure == null) {
                                failure = r.refused() ? new ProtocolException(r.error()) : new TraceFailure(r.error());
                            }
                            records.addAll(r.records());
                        }
                    } catch (Exception e) { // Spark's SparkException is checked, though Java is not told
                        failure = new TraceFailure(sparkMessage(e));
                    }
                    done.accept(tasks, failure == null ? records : null, failure, (System.nanoTime() - t0) / 1e9);
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

    /** The first line of a Spark failure, without the driver's stack trace Spark appends. */
    private static String sparkMessage(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int cut = m.indexOf("\nDriver stacktrace");
        m = cut < 0 ? m : m.substring(0, cut);
        return "Spark: " + m.lines().findFirst().orElse(m);
    }

    /** A trace's failure as the executor or Spark reported it. */
    static final class TraceFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TraceFailure(String message) {
            super(message);
        }
    }

    /**
     * What a task sends back: its records, or the error that stopped it. A bad trace is a result, not
     * a task failure, so Spark does not retry what would fail the same way again; a lost executor is a
     * task failure, which Spark retries (the driver keeps one result per task, so nothing doubles).
     *
     * @param records the records (empty on error)
     * @param error   the error's message, or null
     * @param refused whether the error is the protocol guard's refusal ({@link ProtocolException}: exit 2)
     */
    record TaskResult(List<CellRecord> records, String error, boolean refused) implements java.io.Serializable {
    }

    /** The Spark function: one task's result. */
    private static final class RunTask implements Function<SweepTask, TaskResult> {
        private static final long serialVersionUID = 1L;

        @Override
        public TaskResult call(SweepTask task) {
            try {
                return new TaskResult(new ArrayList<>(TaskRunner.run(task, "spark")), null, false);
            } catch (RuntimeException e) {
                return new TaskResult(new ArrayList<>(), Sweep.message(e), e instanceof ProtocolException);
            }
        }
    }
}
