package org.numabias.kernel.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.numabias.api.ConfigurationException;
import org.numabias.kernel.perf.PerfRecorder;

/**
 * {@code perf record -o -} piped into {@code perf script -i -}: the kernel's events as text while they
 * happen, with no file in between (measured here: perf script reads the pipe as perf record writes
 * it; the text comes in perf's flush rounds, about every half second under light load). The
 * workload's output (which perf record sends to its error stream in pipe mode) is passed through.
 * {@link #stop()} ends the recording as Ctrl-C would (perf flushes what it has); {@link #finish}
 * waits, bounded, and says how both processes ended and what perf lost.
 */
public final class PerfPipe {
    private static final Pattern LOST_CHUNKS = Pattern.compile("lost (\\d+) chunks");
    private static final Pattern LOST_SAMPLES = Pattern.compile("samples and lost ([0-9.]+)%");

    private static final int KEPT = 16 * 1024;

    private final Process record;
    private final Process script;
    private final StringBuilder recordMessages = new StringBuilder();
    private final StringBuilder scriptMessages = new StringBuilder();
    private final Thread recordPump;
    private final Thread scriptPump;

    /**
     * How the pipe ended.
     *
     * @param recordExit     perf record's exit status (the workload's when it ran one), or -1 if killed after the wait
     * @param scriptExit     perf script's exit status, or -1
     * @param recordMessages the end of perf record's error stream (its messages and the workload's output)
     * @param scriptMessages the end of perf script's error stream
     * @param lostChunks     chunks of events perf reported lost (its ring buffers overflowed: "lost N chunks"), 0 if
     *                       it reported none
     * @param lostSamplesPercent the share of samples perf reported lost ("lost X%"), 0 if it reported none
     */
    public record Outcome(int recordExit, int scriptExit, String recordMessages, String scriptMessages, long lostChunks,
                          double lostSamplesPercent) {
        /** Whether perf record failed for lack of permission. */
        public boolean permissionDenied() {
            return PerfRecorder.permissionDenied(recordMessages);
        }
    }

    private PerfPipe(Process record, Process script, Appendable err) {
        this.record = record;
        this.script = script;
        this.recordPump = pump(record.getErrorStream(), recordMessages, err);
        this.scriptPump = pump(script.getErrorStream(), scriptMessages, null);
    }

    /**
     * Starts recording {@code plan}'s tracepoints system-wide while {@code command} runs (or for
     * {@code seconds} when it is empty).
     *
     * @param err receives perf record's messages and the workload's output as they come
     * @throws ConfigurationException when perf cannot be started (not installed)
     */
    public static PerfPipe start(PerfRecorder recorder, PerfRecorder.Plan plan, List<String> command, double seconds,
                                 Appendable err) {
        ProcessBuilder rec = new ProcessBuilder(recorder.recordCommand(plan.tracepoints(), "-", command, seconds, PerfRecorder.MMAP_PAGES))
                .redirectInput(ProcessBuilder.Redirect.INHERIT);
        ProcessBuilder scr = new ProcessBuilder(recorder.scriptCommand("-", plan.datagramJoin()));
        try {
            List<Process> processes = ProcessBuilder.startPipeline(List.of(rec, scr));
            return new PerfPipe(processes.get(0), processes.get(1), err);
        } catch (IOException e) {
            throw new ConfigurationException("cannot run '" + rec.command().getFirst() + "': " + e.getMessage()
                    + " (install perf: Debian 'apt-get install linux-perf', Ubuntu 'linux-tools-$(uname -r)')");
        }
    }

    /** perf script's text, as it comes. */
    public Reader output() {
        return new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8);
    }

    /** Ends the recording as Ctrl-C would: perf record flushes, perf script prints the rest and ends. */
    public void stop() {
        if (record.isAlive()) {
            record.destroy(); // SIGTERM: perf record stops like on SIGINT and writes what it has
        }
    }

    /**
     * Whether perf record is still running {@code seconds} after this call (it closes its output a
     * moment before it exits: a reader that saw the end gives it that moment).
     */
    public boolean stillRecordingAfter(long seconds) {
        try {
            return !record.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return record.isAlive();
        }
    }

    /**
     * Waits up to {@code seconds} for both processes to end (then kills them) and says how they ended.
     */
    public Outcome finish(long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int recordExit = waitFor(record, deadline);
        int scriptExit = waitFor(script, deadline);
        join(recordPump, deadline);
        join(scriptPump, deadline);
        String rm;
        String sm;
        synchronized (recordMessages) {
            rm = recordMessages.toString();
        }
        synchronized (scriptMessages) {
            sm = scriptMessages.toString();
        }
        Matcher samples = LOST_SAMPLES.matcher(rm + sm);
        double percent = 0;
        while (samples.find()) {
            percent = Math.max(percent, Double.parseDouble(samples.group(1)));
        }
        return new Outcome(recordExit, scriptExit, rm, sm, lost(rm + sm), percent);
    }

    /** The chunks perf says it lost, summed over its messages. */
    static long lost(String messages) {
        long n = 0;
        Matcher m = LOST_CHUNKS.matcher(messages);
        while (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        return n;
    }

    private static int waitFor(Process p, long deadline) {
        try {
            long left = deadline - System.nanoTime();
            if (left > 0 && p.waitFor(left, TimeUnit.NANOSECONDS)) {
                return p.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.destroyForcibly();
        return -1;
    }

    private static void join(Thread t, long deadline) {
        try {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread pump(InputStream in, StringBuilder kept, Appendable to) {
        return Thread.ofPlatform().daemon().name("numabias-perf-messages").start(() -> {
            char[] buffer = new char[4096];
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                for (int n; (n = r.read(buffer)) > 0; ) {
                    if (to != null) {
                        synchronized (to) {
                            to.append(java.nio.CharBuffer.wrap(buffer, 0, n));
                            if (to instanceof java.io.Flushable f) {
                                f.flush();
                            }
                        }
                    }
                    synchronized (kept) {
                        kept.append(buffer, 0, n);
                        if (kept.length() > KEPT) {
                            kept.delete(0, kept.length() - KEPT);
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }
}
