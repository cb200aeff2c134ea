package org.numabias.kernel.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.numabias.api.ConfigurationException;

/**
 * Runs {@code perf record} system-wide on the tracepoints numabias imports, then {@code perf script}.
 * Every failure becomes a message that says what to do: perf missing, no permission, tracepoints the
 * kernel does not have.
 */
public final class PerfRecorder {
    /** Tracepoints without which a trace means nothing. */
    public static final List<String> REQUIRED = List.of("net:netif_receive_skb", "skb:skb_copy_datagram_iovec",
            "skb:consume_skb");
    /** Tracepoints recorded when the kernel has them. */
    public static final List<String> OPTIONAL = List.of("net:netif_rx_entry", "net:netif_receive_skb_entry",
            "net:napi_gro_receive_entry", "net:napi_gro_frags_entry", "net:netif_receive_skb_list_entry",
            "skb:kfree_skb", "sched:sched_migrate_task");

    private final String perf;

    /** A recorder using the {@code perf} binary at this path or name. */
    public PerfRecorder(String perf) {
        this.perf = perf;
    }

    /** perf's version line; a clear error if perf cannot be run. */
    public String version() {
        Run r = run(List.of(perf, "--version"), null, 30);
        if (r.code != 0) {
            throw new ConfigurationException("'" + perf + " --version' failed: " + r.output.strip());
        }
        return r.output.strip();
    }

    /** The tracepoints to record: every required one (else an error naming the missing) and the optional ones present. */
    public List<String> tracepoints() {
        Run r = run(List.of(perf, "list", "tracepoint"), null, 120);
        List<String> missing = new ArrayList<>();
        List<String> use = new ArrayList<>();
        for (String tp : REQUIRED) {
            if (listed(r.output, tp)) {
                use.add(tp);
            } else {
                missing.add(tp);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException("this kernel (or perf) lacks the tracepoints " + missing
                    + "; check 'perf list tracepoint' (tracefs must be mounted, and you may need root)");
        }
        for (String tp : OPTIONAL) {
            if (listed(r.output, tp)) {
                use.add(tp);
            }
        }
        return use;
    }

    private static boolean listed(String list, String tracepoint) {
        return list.lines().anyMatch(l -> l.strip().startsWith(tracepoint + " ") || l.strip().equals(tracepoint));
    }

    /**
     * What {@code perf record} did: its exit status (the workload's when perf ran it) and the end of its
     * error stream (perf's own messages and the workload's).
     */
    public record Recording(int exitCode, String messages) {
        /** Whether the workload ran and failed (perf itself succeeded). */
        public boolean workloadFailed() {
            return exitCode != 0;
        }
    }

    /**
     * Records system-wide into {@code data} while {@code command} runs (or for {@code seconds} when
     * {@code command} is empty), then writes {@code perf script} text to {@code script}. The workload's
     * output is passed through to {@code out} and {@code err} as it comes.
     *
     * @return the recording's outcome; a workload that exits non-zero is reported there, not thrown
     * @throws ConfigurationException when perf itself fails, with perf's own message (no permission,
     *                                the workload could not be started, ...)
     */
    public Recording record(List<String> tracepoints, List<String> command, double seconds, Path data, Path script,
                            Appendable out, Appendable err) {
        List<String> args = new ArrayList<>(List.of(perf, "record", "-q", "-a", "-o", data.toString()));
        for (String tp : tracepoints) {
            args.add("-e");
            args.add(tp);
        }
        args.add("--");
        if (command.isEmpty()) {
            args.addAll(List.of("sleep", Double.toString(seconds)));
        } else {
            args.addAll(command);
        }
        Recording rec = runPassingThrough(args, out, err);
        String m = rec.messages();
        boolean permission = m.contains("Permission denied") || m.contains("perf_event_paranoid") || m.contains("Access to performance");
        boolean perfFailed = permission || m.contains("Failed to collect") || m.contains("event syntax error")
                || m.contains("Usage: perf record") || !Files.isRegularFile(data);
        if (perfFailed) {
            throw new ConfigurationException("perf record failed" + (permission
                    ? " for lack of permission: run as root, or lower /proc/sys/kernel/perf_event_paranoid (to -1 for "
                    + "system-wide tracepoints)" : "") + " (exit status " + rec.exitCode() + "); perf said:\n" + m.strip());
        }
        Run scr = run(List.of(perf, "script", "-i", data.toString()), script, 0);
        if (scr.code != 0) {
            throw new ConfigurationException("perf script failed:\n" + scr.output.strip());
        }
        return rec;
    }

    /** How much of perf's error stream is kept for messages. */
    private static final int KEPT_MESSAGES = 16 * 1024;

    /** Runs {@code args}, copying its output to {@code out} and its errors to {@code err} (keeping their end). */
    private static Recording runPassingThrough(List<String> args, Appendable out, Appendable err) {
        Process p;
        try {
            p = new ProcessBuilder(args).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new ConfigurationException("cannot run '" + args.getFirst() + "': " + e.getMessage()
                    + " (install perf: Debian 'apt-get install linux-perf', Ubuntu 'linux-tools-$(uname -r)')");
        }
        StringBuilder kept = new StringBuilder();
        Thread outPump = Thread.ofPlatform().daemon().start(() -> pump(p.getInputStream(), out, null));
        Thread errPump = Thread.ofPlatform().daemon().start(() -> pump(p.getErrorStream(), err, kept));
        waitFor(p);
        try {
            outPump.join();
            errPump.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (kept) {
            return new Recording(p.exitValue(), kept.toString());
        }
    }

    private static void pump(java.io.InputStream in, Appendable to, StringBuilder kept) {
        char[] buffer = new char[8192];
        try (java.io.Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (int n; (n = r.read(buffer)) > 0; ) {
                synchronized (to) {
                    to.append(java.nio.CharBuffer.wrap(buffer, 0, n));
                    if (to instanceof java.io.Flushable f) {
                        f.flush();
                    }
                }
                if (kept != null) {
                    synchronized (kept) {
                        kept.append(buffer, 0, n);
                        if (kept.length() > KEPT_MESSAGES) {
                            kept.delete(0, kept.length() - KEPT_MESSAGES);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process ended: what it wrote so far was passed on
        }
    }

    private record Run(int code, String output) {
    }

    /** Runs a process; stdout goes to {@code stdout} if given, else is captured with stderr. */
    private static Run run(List<String> args, Path stdout, long timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(args);
        Path log;
        try {
            log = Files.createTempFile("numabias-perf", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (stdout != null) {
                pb.redirectOutput(stdout.toFile()).redirectError(log.toFile());
            } else {
                pb.redirectErrorStream(true).redirectOutput(log.toFile());
            }
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new ConfigurationException("cannot run '" + args.getFirst() + "': " + e.getMessage()
                        + " (install perf: Debian 'apt-get install linux-perf', Ubuntu 'linux-tools-$(uname -r)')");
            }
            boolean done = timeoutSeconds <= 0 ? waitFor(p) : waitFor(p, timeoutSeconds);
            if (!done) {
                p.destroyForcibly();
                throw new ConfigurationException("'" + String.join(" ", args) + "' did not finish in " + timeoutSeconds + " s");
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    private static boolean waitFor(Process p) {
        try {
            p.waitFor();
            return true;
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new ConfigurationException("interrupted while waiting for perf");
        }
    }

    private static boolean waitFor(Process p, long seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new ConfigurationException("interrupted while waiting for perf");
        }
    }
}
