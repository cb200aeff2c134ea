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
 * separate JVM started from a Spark "distribution" made of Spark's own jars only (spark-sql's
 * closure, taken from the test class path), so executors have nothing of numabias unless the driver
 * ships it. Every wait is bounded; {@link #close} stops the processes (and the executors the workers
 * started) by PID.
 */
final class LoopbackCluster implements AutoCloseable {
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final int port;
    private final int webPort;

    private LoopbackCluster(Path dir, int port, int webPort) {
        this.dir = dir;
        this.port = port;
        this.webPort = webPort;
    }

    /** Starts a master and {@code workers} workers under {@code dir}; waits at most {@code timeout} for them. */
    static LoopbackCluster start(Path dir, int workers, Duration timeout) throws IOException, InterruptedException {
        Path home = dir.resolve("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        Set<String> provided = ExecutorPayload.sparkProvided();
        for (Path jar : ExecutorPayload.classPath(System.getProperty("java.class.path"))) {
            if (jar.toString().endsWith(".jar") && ExecutorPayload.isOneOf(jar, provided)
                    && !Files.exists(jars.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
            }
        }
        LoopbackCluster c = new LoopbackCluster(dir, freePort(), freePort());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            c.spawn("master", home, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(c.port), "--webui-port", Integer.toString(c.webPort));
            for (int i = 1; i <= workers; i++) {
                c.spawn("worker" + i, home, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
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

    private void spawn(String name, Path home, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(ExecutorPayload.jvmFlags().split("\\s+")));
        cmd.addAll(List.of("-Xmx512m", "-cp", home.resolve("jars") + "/*", main));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("SPARK_CONF_DIR");
        processes.add(pb.start());
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
        try (Stream<Path> links = Files.list(dir.resolve("spark-home").resolve("jars"))) {
            for (Path link : links.toList()) {
                Files.delete(link); // the links only, not the jars they point to
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
