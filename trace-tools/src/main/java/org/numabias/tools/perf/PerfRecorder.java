package org.numabias.tools.perf;

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
     * Records system-wide into {@code data} while {@code command} runs (or for {@code seconds} when
     * {@code command} is empty), then writes {@code perf script} text to {@code script}.
     */
    public void record(List<String> tracepoints, List<String> command, double seconds, Path data, Path script) {
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
        Run rec = run(args, null, 0);
        if (!Files.isRegularFile(data) || rec.output.contains("Permission denied") || rec.output.contains("perf_event_paranoid")) {
            throw new ConfigurationException("perf record failed" + (rec.output.contains("ermission") || rec.output.contains("paranoid")
                    ? " for lack of permission: run as root, or lower /proc/sys/kernel/perf_event_paranoid (to -1 for "
                    + "system-wide tracepoints)" : "") + ":\n" + rec.output.strip());
        }
        Run scr = run(List.of(perf, "script", "-i", data.toString()), script, 0);
        if (scr.code != 0) {
            throw new ConfigurationException("perf script failed:\n" + scr.output.strip());
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
