package org.numabias.sweeps;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.PredictorSpec;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.replay.ProtocolException;

/**
 * A sweep: every (trace, configuration) cell of an experiment. {@link #plan} expands the experiment;
 * {@link #run} hands the unfinished traces to an {@link Engine} (in-process threads or Spark), merges
 * device parts, and stores each trace's records as soon as all its tasks are done, so an interrupted
 * sweep resumes where it stopped.
 */
public final class Sweep {
    private Sweep() {
    }

    /**
     * The expanded experiment.
     *
     * @param experiment     the experiment as read
     * @param file           its file
     * @param traces         every trace, in order
     * @param configurations every configuration, as specs, in order
     * @param perDevice      per configuration: whether its provider allows splitting by device
     * @param options        replay options
     * @param sha256         digest of what determines the results (name, traces, configurations, options)
     */
    public record Plan(Experiment experiment, Path file, List<TraceRef> traces, List<String> configurations,
                       List<Boolean> perDevice, SweepOptions options, String sha256) {
        /** Cells in the sweep. */
        public long cells() {
            return (long) traces.size() * configurations.size();
        }
    }

    /** Runs the tasks of traces and reports each trace's records (or failure) as it finishes. */
    public interface Engine {
        /** A short name for records and messages, e.g. {@code local} or {@code spark:local[*]}. */
        String name();

        /**
         * Runs every trace's tasks; calls {@code done} once per trace, from any thread, as soon as all
         * its tasks have finished; returns when all have been reported.
         */
        void run(List<List<SweepTask>> traces, TraceDone done);
    }

    /** Told when a trace's tasks have finished. */
    public interface TraceDone {
        /**
         * @param tasks   the trace's tasks
         * @param records every task's records (null on failure)
         * @param failure the first failure, or null
         * @param seconds wall time of the tasks, summed
         */
        void accept(List<SweepTask> tasks, List<CellRecord> records, Throwable failure, double seconds);
    }

    /** Reads and expands an experiment file; every error names the file and field. */
    public static Plan plan(Path file) {
        Experiment e = Experiment.read(file);
        Path base = file.toAbsolutePath().getParent();
        String name = file.toString();
        SweepOptions options = e.sweepOptions(base);
        PredictorRegistry registry = PredictorRegistry.withPlugins(options.plugins().stream().map(Path::of).toList());
        List<String> configs = e.configurations(registry, name);
        List<Boolean> perDevice = configs.stream()
                .map(s -> registry.find(PredictorSpec.parse(s).name()).provider().stateIsPerDevice()).toList();
        List<TraceRef> traces = TraceRef.expand(e, base, name);
        String experimentName = e.name() == null ? file.getFileName().toString().replaceFirst("\\.[^.]*$", "") : e.name();
        e = new Experiment(experimentName, e.traces(), e.predictors(), e.options(), e.report());
        StringBuilder what = new StringBuilder(experimentName).append('\n');
        traces.forEach(t -> what.append(t.id()).append('\n'));
        configs.forEach(c -> what.append(c).append('\n'));
        what.append(options.scoreFrom()).append('\n').append(Arrays.deepToString(options.distances())).append('\n')
                .append(options.distancesFile()).append('\n').append(contents(options.distancesFile())).append('\n')
                .append(options.budgetNs()).append('\n').append(options.splitDevices()).append('\n').append(options.plugins());
        if (options.allowPartial()) {
            what.append("\nallowPartial"); // only when set: plans made before the option keep their digest
        }
        if (options.allowInSample()) {
            what.append("\nallowInSample"); // likewise
        }
        return new Plan(e, file, traces, configs, perDevice, options, sha256(what.toString()));
    }

    private static String contents(String file) {
        try {
            return file == null ? "" : java.nio.file.Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The tasks of one trace: with {@code splitDevices} k > 1, k device parts for the configurations
     * that allow it and one unsplit task for the others (and for the oracle row, whose per-node counts the
     * engine keeps to itself); else one task for every configuration.
     */
    public static List<SweepTask> tasks(Plan plan, int traceIndex) {
        TraceRef trace = plan.traces().get(traceIndex);
        String name = plan.experiment().name();
        int k = plan.options().splitDevices() > 1 ? Math.min(plan.options().splitDevices(), devices(trace)) : 1;
        List<Integer> split = new ArrayList<>();
        List<Integer> whole = new ArrayList<>();
        for (int i = 0; i < plan.configurations().size(); i++) {
            boolean splittable = plan.perDevice().get(i) && TaskRunner.tappable(plan.configurations().get(i));
            (k > 1 && splittable ? split : whole).add(i);
        }
        List<SweepTask> tasks = new ArrayList<>();
        if (!whole.isEmpty()) {
            tasks.add(new SweepTask(name, traceIndex, trace, whole, specs(plan, whole), plan.options(), 0, 1));
        }
        for (int part = 0; !split.isEmpty() && part < k; part++) {
            tasks.add(new SweepTask(name, traceIndex, trace, split, specs(plan, split), plan.options(), part, k));
        }
        return tasks;
    }

    /**
     * The devices of {@code trace}, the most parts a split by device can fill (more parts would only
     * each read the whole trace for nothing): the header's device names, else the distinct devices of
     * its Allocs (one pass).
     */
    static int devices(TraceRef trace) {
        try (TraceSource source = trace.open()) {
            int named = source.header().deviceNames().size();
            if (named > 0) {
                return named;
            }
            java.util.BitSet seen = new java.util.BitSet();
            int other = 0;
            try (org.numabias.api.trace.TraceCursor c = source.open()) {
                while (c.hasNext()) {
                    if (c.next() instanceof org.numabias.api.trace.TraceEvent.Alloc a) {
                        if (a.device() >= 0 && a.device() < 1 << 20) {
                            seen.set(a.device());
                        } else {
                            other = 1; // unusual device numbers: count them as one more part at least
                        }
                    }
                }
            }
            return Math.max(1, seen.cardinality() + other);
        }
    }

    private static List<String> specs(Plan plan, List<Integer> indexes) {
        return indexes.stream().map(plan.configurations()::get).toList();
    }

    /**
     * What a run did.
     *
     * @param traces   traces finished in this run
     * @param skipped  traces already finished by an earlier run
     * @param failed   one message per failed trace
     * @param refused  how many of them the protocol for trained predictors refused (a usage error: the experiment must change)
     * @param events   events replayed in this run (each trace counted once)
     * @param seconds  wall time of this run
     */
    public record Outcome(int traces, int skipped, List<String> failed, int refused, long events, double seconds) {
    }

    /**
     * Runs the unfinished traces of {@code plan} on {@code engine}, storing each trace as it finishes.
     *
     * @param progress told about each finished trace (may print)
     */
    public static Outcome run(Plan plan, ResultStore store, Engine engine, Progress progress) {
        long start = System.nanoTime();
        List<List<SweepTask>> pending = new ArrayList<>();
        for (int i = 0; i < plan.traces().size(); i++) {
            if (!store.finished(i)) {
                pending.add(tasks(plan, i));
            }
        }
        int skipped = plan.traces().size() - pending.size();
        List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong events = new AtomicLong();
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        progress.start(plan, skipped);
        engine.run(pending, (tasks, records, failure, seconds) -> {
            SweepTask first = tasks.getFirst();
            if (failure == null) {
                try {
                    List<CellRecord> merged = Merge.byConfiguration(records);
                    store.add(first.traceIndex(), first.trace().id(), merged, seconds);
                    events.addAndGet(merged.getFirst().events());
                    finished.incrementAndGet();
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                failed.add(first.trace().id() + ": " + message(failure));
                if (refusedByProtocol(failure)) {
                    refused.incrementAndGet();
                }
            }
            progress.traceDone(events.get(), failure == null);
        });
        progress.end();
        return new Outcome(finished.get(), skipped, List.copyOf(failed), refused.get(), events.get(),
                (System.nanoTime() - start) / 1e9);
    }

    /** Whether {@code t}, or one of its causes, is the protocol guard's refusal ({@link ProtocolException}). */
    private static boolean refusedByProtocol(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ProtocolException) {
                return true;
            }
        }
        return false;
    }

    /** A failure's message for the user: the first message found down its causes. */
    public static String message(Throwable t) {
        Throwable root = t;
        while ((root instanceof java.util.concurrent.CompletionException || root.getMessage() == null)
                && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** Progress of a run, printed on one line of a terminal. */
    public static final class Progress {
        private final PrintWriter out;
        private final boolean enabled;
        private long start;
        private int total;
        private int done;
        private int failures;

        /** Progress on {@code out}, printed only when {@code enabled} (a terminal). */
        public Progress(PrintWriter out, boolean enabled) {
            this.out = out;
            this.enabled = enabled;
        }

        synchronized void start(Plan plan, int skipped) {
            start = System.nanoTime();
            total = plan.traces().size();
            done = skipped;
            if (skipped > 0) {
                out.println("sweep: resuming: " + skipped + " of " + total + " traces already finished");
                out.flush();
            }
        }

        synchronized void traceDone(long events, boolean ok) {
            done++;
            failures += ok ? 0 : 1;
            if (enabled) {
                double s = (System.nanoTime() - start) / 1e9;
                out.printf("\rsweep: %d/%d traces%s, %.2f M events/s, %.0f s   ", done, total,
                        failures == 0 ? "" : " (" + failures + " failed)", events / s / 1e6, s);
                out.flush();
            }
        }

        synchronized void end() {
            if (enabled) {
                out.println();
                out.flush();
            }
        }
    }
}
