package org.numabias.tools.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command line of a fresh JVM with this JVM's class path and the flags Chronicle needs, for tests that kill or isolate it. */
final class ChildJvm {
    /**
     * The lock ({@code @ResourceLock}) of a test class that starts child JVMs and signals or kills them at
     * chosen moments: such a class may run beside the module's other classes ({@code @Execution(CONCURRENT)};
     * its time goes into the children and waits), but not beside another one, whose children would skew
     * its timing; the lock also runs the class's own tests one after the other.
     */
    static final String KILLS = "child JVMs signalled or killed at chosen moments";

    private ChildJvm() {
    }

    /**
     * A JVM that starts fast and stays light (C1 only, serial GC): the kill tests start dozens of these,
     * each living for seconds, and time nothing of theirs.
     */
    static List<String> command(Class<?> main, String... args) {
        return command(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), main, args);
    }

    /** The same, with {@code jvmOptions} after the defaults (so {@code -Xmx64m} there wins). */
    static List<String> command(List<String> jvmOptions, Class<?> main, String... args) {
        return command(jvmOptions, System.getProperty("java.class.path"), main, args);
    }

    /** The same, with the class path {@code classPath} instead of this JVM's. */
    static List<String> command(List<String> jvmOptions, String classPath, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("--enable-native-access") || a.startsWith("--sun-misc")
                    || a.startsWith("-Dchronicle")) {
                cmd.add(a);
            }
        }
        cmd.add("-Xmx256m");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * How a child ended.
     *
     * @param ended  whether it ended within the bound (else it was killed)
     * @param exit   its exit code (that of the kill if it did not end)
     * @param output what it wrote to the stream read
     */
    record Outcome(boolean ended, int exit, String output) {
    }

    /**
     * Starts {@code child} and waits for it at most {@code seconds} (killing it after that), reading its standard
     * error, or its standard output if {@code stdout}, on a thread of its own: a child that never ends cannot hang
     * the test.
     */
    static Outcome run(ProcessBuilder child, boolean stdout, long seconds) throws IOException, InterruptedException {
        Process p = child.start();
        byte[][] read = new byte[1][];
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                read[0] = (stdout ? p.getInputStream() : p.getErrorStream()).readAllBytes();
            } catch (IOException e) {
                read[0] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(10_000);
        return new Outcome(ended, p.exitValue(), read[0] == null ? "" : new String(read[0], StandardCharsets.UTF_8));
    }
}
