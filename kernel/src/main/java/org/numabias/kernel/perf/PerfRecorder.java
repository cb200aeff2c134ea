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
    /** The tracepoints of DESIGN.md's datagram join (the reads of small datagrams that fire no copy event). */
    public static final List<String> DATAGRAM_JOIN = List.of("sock:sk_data_ready", "sock:sock_recv_length");
    /** The perf script (Python) that writes numabias' dialect: every field, including sk_data_ready's socket. */
    private static final String DIALECT = "numabias-dialect.py";

    /**
     * What to record and how to print it.
     *
     * @param tracepoints  the tracepoints to record
     * @param datagramJoin whether the datagram join's tracepoints are recorded and printed in numabias' dialect
     * @param note         why the datagram join is off (empty when it is on), for the user
     */
    public record Plan(List<String> tracepoints, boolean datagramJoin, String note) {
    }

    /**
     * The tracepoints to record ({@link #tracepoints()}) and whether the datagram join can be used: it
     * needs {@link #DATAGRAM_JOIN}'s tracepoints and a perf with Python scripting (perf's default text
     * lacks {@code sk_data_ready}'s socket address).
     */
    public Plan plan() {
        String listed = run(List.of(perf, "list", "tracepoint"), null, 120).output;
        List<String> use = new ArrayList<>(tracepoints(listed));
        List<String> missing = DATAGRAM_JOIN.stream().filter(tp -> !listed(listed, tp)).toList();
        if (!missing.isEmpty()) {
            return new Plan(use, false, "this kernel lacks " + missing + ": the reads of small UDP datagrams (copied "
                    + "without a copy event) are not recorded");
        }
        Run options = run(List.of(perf, "version", "--build-options"), null, 30);
        boolean python = options.output.lines().anyMatch(l -> l.contains("libpython") && l.contains("[ on"));
        if (!python) {
            return new Plan(use, false, "this perf has no Python scripting (libpython): the reads of small UDP datagrams "
                    + "(copied without a copy event) are not recorded");
        }
        use.addAll(DATAGRAM_JOIN);
        return new Plan(use, true, "");
    }

    /** perf script's command line for {@code input} ({@code -} for a pipe), in numabias' dialect with the join. */
    public List<String> scriptCommand(String input, boolean datagramJoin) {
        List<String> args = new ArrayList<>(List.of(perf, "script", "-i", input));
        if (datagramJoin) {
            args.addAll(List.of("-s", dialectScript().toString()));
        }
        return args;
    }

    /** The dialect script, written once per JVM to a temporary file perf can run. */
    private static synchronized Path dialectScript() {
        if (dialect == null) {
            try (var in = PerfRecorder.class.getResourceAsStream(DIALECT)) {
                Path file = Files.createTempFile("numabias-dialect", ".py");
                Files.write(file, in.readAllBytes());
                file.toFile().deleteOnExit();
                dialect = file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write perf's dialect script: " + e.getMessage(), e);
            }
        }
        return dialect;
    }

    private static Path dialect;

    /**
     * Ring buffer pages per CPU ({@code -m}) for {@code record} and {@code watch}: measured here, a
     * 3,000-datagram burst into a pipe lost 14.5% of its samples with perf's default and none with
     * 1024 pages (4 MiB per CPU).
     */
    public static final int MMAP_PAGES = 1024;

    /** perf record's arguments: system-wide, these tracepoints, into {@code output} ({@code -}: a pipe), while {@code command} runs. */
    public List<String> recordCommand(List<String> tracepoints, String output, List<String> command, double seconds) {
        return recordCommand(tracepoints, output, command, seconds, 0);
    }

    /**
     * perf record's arguments as {@link #recordCommand(List, String, List, double)}, with {@code mmapPages}
     * pages of ring buffer per CPU ({@code -m}; 0: perf's default; see {@link #MMAP_PAGES}).
     */
    public List<String> recordCommand(List<String> tracepoints, String output, List<String> command, double seconds,
                                      int mmapPages) {
        List<String> args = new ArrayList<>(List.of(perf, "record", "-q", "-a", "-o", output));
        if (mmapPages > 0) {
            args.addAll(List.of("-m", Integer.toString(mmapPages)));
        }
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
        return args;
    }

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
        return tracepoints(run(List.of(perf, "list", "tracepoint"), null, 120).output);
    }

    private static List<String> tracepoints(String list) {
        List<String> missing = new ArrayList<>();
        List<String> use = new ArrayList<>();
        for (String tp : REQUIRED) {
            if (listed(list, tp)) {
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
            if (listed(list, tp)) {
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
    public Recording record(Plan plan, List<String> command, double seconds, Path data, Path script,
                            Appendable out, Appendable err) {
        Recording rec = runPassingThrough(recordCommand(plan.tracepoints(), data.toString(), command, seconds, MMAP_PAGES),
                out, err);
        String m = rec.messages();
        boolean permission = permissionDenied(m);
        boolean perfFailed = permission || m.contains("Failed to collect") || m.contains("event syntax error")
                || m.contains("Usage: perf record") || !Files.isRegularFile(data);
        if (perfFailed) {
            throw failure(rec.exitCode(), m, permission);
        }
        Run scr = run(scriptCommand(data.toString(), plan.datagramJoin()), script, 0);
        if (scr.code != 0) {
            throw new ConfigurationException("perf script failed:\n" + scr.output.strip());
        }
        return rec;
    }

    /** Whether perf's messages say it lacked permission. */
    public static boolean permissionDenied(String messages) {
        return messages.contains("Permission denied") || messages.contains("perf_event_paranoid")
                || messages.contains("Access to performance");
    }

    /** The error for a perf record that failed with {@code messages}. */
    public static ConfigurationException failure(int exitCode, String messages, boolean permission) {
        return new ConfigurationException("perf record failed" + (permission
                ? " for lack of permission: run as root, or lower /proc/sys/kernel/perf_event_paranoid (to -1 for "
                + "system-wide tracepoints)" : "") + " (exit status " + exitCode + "); perf said:\n" + messages.strip());
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
