package org.numabias.sweeps.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: a master and {@code n} one-core workers, each a
 * separate JVM started from a stock Spark 4.2.0's jars (spark-core and spark-sql with their dependencies
 * at Spark's own versions, which module {@code spark-dist} copies to its {@code target/spark-home/jars}),
 * so executors have nothing of numabias, nor any of its dependency versions, unless the driver ships it.
 * Each JVM's command line is the one Spark's launcher builds, as {@code sbin/start-master.sh} and
 * {@code start-worker.sh} would run it: Spark's default JVM options, none of ours. Every wait is bounded;
 * {@link #close} stops the processes (and the executors the workers started) by PID.
 */
final class LoopbackCluster implements AutoCloseable {
    /** The system property (set by the sweeps POM for surefire) naming the stock Spark's home. */
    static final String SPARK_HOME_PROPERTY = "numabias.test.sparkHome";
    private static final String MARKER = "spark-core_2.13-4.2.0.jar";
    private static final Duration LAUNCHER_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private final int port;
    private final int webPort;

    private LoopbackCluster(Path dir, Path home, int port, int webPort) {
        this.dir = dir;
        this.home = home;
        this.port = port;
        this.webPort = webPort;
    }

    /**
     * The stock Spark's home (its {@code jars/} folder), checked: a missing one fails (never skips) with
     * how to build it.
     */
    static Path sparkHome() {
        String home = System.getProperty(SPARK_HOME_PROPERTY);
        if (home == null) {
            throw new IllegalStateException("system property " + SPARK_HOME_PROPERTY + " is not set: run the test through "
                    + "Maven (./numabias mvn -q -pl sweeps -am test -Dtest=SparkClusterTest), whose module spark-dist "
                    + "copies a stock Spark 4.2.0's jars");
        }
        Path h = Path.of(home).toAbsolutePath().normalize();
        if (!Files.isRegularFile(h.resolve("jars").resolve(MARKER))) {
            throw new IllegalStateException("no stock Spark 4.2.0 at " + h + " (" + MARKER + " is missing from its jars/): "
                    + "module spark-dist copies it there in a build that runs tests (./numabias mvn -q -pl sweeps -am "
                    + "test-compile builds it; not with -DskipTests)");
        }
        return h;
    }

    /** The jar files of the cluster's {@code jars/} folder, by name. */
    static Set<String> jars() throws IOException {
        try (Stream<Path> s = Files.list(sparkHome().resolve("jars"))) {
            return s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    /** Starts a master and {@code workers} workers, logs and work folders under {@code dir}; waits at most {@code timeout} for them. */
    static LoopbackCluster start(Path dir, int workers, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        LoopbackCluster c = new LoopbackCluster(dir, sparkHome(), freePort(), freePort());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            c.spawn("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(c.port), "--webui-port", Integer.toString(c.webPort));
            for (int i = 1; i <= workers; i++) {
                c.spawn("worker" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", "1", "--memory", "1g", "--webui-port", "0",
                        "--work-dir", Files.createDirectories(dir.resolve("work" + i)).toString(), c.masterUrl());
            }
            while (c.aliveWorkers() < workers) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the loopback cluster did not start within " + timeout.toSeconds()
                            + " s; logs in " + dir);
                }
                for (Process p : c.processes) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("a cluster JVM exited with " + p.exitValue() + "; logs in " + dir);
                    }
                }
                Thread.sleep(250);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The master's URL, {@code spark://127.0.0.1:PORT}. */
    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The folders where worker {@code i} (1-based) runs its executors. */
    Path workDir(int i) {
        return dir.resolve("work" + i);
    }

    /** The executor JVMs the workers are running now. */
    List<ProcessHandle> executors() {
        return processes.stream().flatMap(Process::descendants).filter(ProcessHandle::isAlive).toList();
    }

    /** The stock Spark's home this cluster runs from. */
    Path home() {
        return home;
    }

    /** Starts {@code main} with the command line Spark's launcher builds for it (as {@code bin/spark-class} does), logging to NAME.log. */
    private void spawn(String name, String main, String... args) throws IOException, InterruptedException {
        List<String> launcher = new ArrayList<>(List.of(java(), "-Xmx128m", "-cp", home.resolve("jars") + "/*",
                "org.apache.spark.launcher.Main", main));
        launcher.addAll(Arrays.asList(args));
        Path out = dir.resolve(name + ".launch");
        ProcessBuilder lb = environment(new ProcessBuilder(launcher)).redirectOutput(out.toFile())
                .redirectError(dir.resolve(name + ".launch.err").toFile());
        Process l = lb.start();
        if (!l.waitFor(LAUNCHER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            l.destroyForcibly();
            throw new IllegalStateException("Spark's launcher did not answer within " + LAUNCHER_TIMEOUT.toSeconds() + " s; see " + out);
        }
        if (l.exitValue() != 0) {
            throw new IllegalStateException("Spark's launcher exited with " + l.exitValue() + "; see " + dir.resolve(name + ".launch.err"));
        }
        ProcessBuilder pb = environment(new ProcessBuilder(launchCommand(Files.readString(out))))
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        processes.add(pb.start());
    }

    /**
     * The command in the output of {@code org.apache.spark.launcher.Main}: messages, one per line, up to a
     * line holding only NUL, then the command's words, each ended by NUL.
     */
    private static List<String> launchCommand(String launcherOutput) {
        String lines = "\n" + launcherOutput;
        int at = lines.indexOf("\n\0\n");
        if (at < 0) {
            throw new IllegalStateException("Spark's launcher printed no command: " + launcherOutput);
        }
        List<String> words = Arrays.asList(lines.substring(at + 3).split("\0"));
        if (words.isEmpty() || words.getFirst().isEmpty()) {
            throw new IllegalStateException("Spark's launcher printed an empty command: " + launcherOutput);
        }
        return words;
    }

    /** What Spark's scripts export before they launch a daemon (conf/spark-env.sh left out: there is none). */
    private ProcessBuilder environment(ProcessBuilder pb) {
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        for (String inherited : List.of("SPARK_CONF_DIR", "SPARK_DAEMON_JAVA_OPTS", "SPARK_MASTER_OPTS", "SPARK_WORKER_OPTS",
                "SPARK_DAEMON_MEMORY", "SPARK_DAEMON_CLASSPATH", "SPARK_DIST_CLASSPATH", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            pb.environment().remove(inherited);
        }
        return pb;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Workers the master lists as alive (its web UI's JSON), 0 while it is not up. */
    private int aliveWorkers() throws InterruptedException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", webPort), 1000);
        } catch (IOException e) {
            return 0;
        }
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            String json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            var m = java.util.regex.Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(json);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops every JVM by PID: the executors, then workers and master (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(executors());
        for (int i = processes.size() - 1; i >= 0; i--) {
            all.add(processes.get(i).toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.destroyForcibly();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new UncheckedIOException(new IOException(e.getCause()));
            }
        }
    }
}
