package org.numabias.runtime.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.Objects;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConfiguredPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.LookaheadPredictor;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.PredictorStartException;
import org.numabias.api.Topology;
import org.numabias.api.TrainingProvenance;
import org.numabias.api.Version;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.guard.PredictorGuard;
import org.numabias.runtime.guard.PredictorWatchdog;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.store.EventBlock;

/**
 * Replays a trace through predictors with delayed progressive validation (DESIGN.md, "Replay"), in
 * one pass ({@link ReplayPass}): on an Alloc every predictor predicts (through its
 * {@link PredictorGuard}) and the prediction is remembered for that buffer instance; on a Consume of
 * a live instance every predictor is scored against its prediction (if the event index is at or after
 * {@code scoreFrom}) and then gets the feedback. A Consume of a buffer that is not live is counted,
 * not scored, not fed back. The summary, validation and digest come from the same pass. A stored
 * trace is read a checked block of columns at a time ({@link ChronicleTraceSource#blocks()}); a source
 * that knows its digest ({@link TraceSource#knownEventsSha256()}: a sealed store) is not hashed again.
 * The engine is stateless: several replays may run at once on different threads
 * ({@link OrderedParallel}); one replay may run its predictors in groups on several threads, over one
 * reading of the trace ({@link #run(TraceSource, Topology, List, Options, int)}, {@link LaneGroups}),
 * with the same results.
 *
 * <p>The engine owns the references the metrics need: producer-local (the Alloc's node), majority
 * (key=device, weight=count) and last-consumer (key=device) ({@link DeviceReferences}), and the
 * oracle, settled per buffer instance when it ends ({@link OracleSettlement}): memory proportional
 * to the live buffers, no lookahead. The {@code oracle} predictor, when asked for, is that reference
 * shown as a row. Another {@link LookaheadPredictor} cannot be served and counts a fault per call.
 *
 * <p>{@code --score-from} as a fraction needs the event count first: a source that knows it
 * ({@link TraceSource#knownEvents()}: in-memory traces, sealed format-2 stores) or a sealed trace whose
 * header counts its events ({@code events}, or {@code allocs}+{@code consumes}+{@code frees} as the perf
 * importer writes) gives it; any other trace (CSV, generated scenarios, unsealed or format-1 stores) is
 * counted in a pre-pass that only reads. A header count that turns out wrong is
 * not trusted: the replay is run again with the true count, so no result is silently off.
 */
public final class ReplayEngine {
    /** Default per-call time budget: a predictor slower than this on average is flagged. */
    public static final long DEFAULT_BUDGET_NS = 10_000;

    private static final String ORACLE = "oracle";

    /**
     * How to replay.
     *
     * @param scoreFrom where scoring starts
     * @param budgetNs  per-call time budget in ns, > 0; predictors over it on average are flagged
     * @param progress  told about progress
     * @param window    W: also measure every window of W scored consumptions; 0 for none
     * @param observers ride on the pass (called on the replaying thread)
     * @param watchdog  watches every predictor's calls during the replay, or null
     * @param allowInSample score a trained predictor on events it was fitted on (its results are labelled
     *                  in-sample) instead of refusing ({@link TrainingCheck})
     */
    public record Options(ScoreFrom scoreFrom, long budgetNs, ProgressListener progress, int window,
                          List<ReplayObserver> observers, PredictorWatchdog watchdog, boolean allowInSample) {
        /**
         * @throws IllegalArgumentException for a budget {@code <= 0} or a negative window (usage errors)
         */
        public Options {
            Objects.requireNonNull(scoreFrom, "scoreFrom");
            Objects.requireNonNull(progress, "progress");
            if (budgetNs <= 0) {
                throw new IllegalArgumentException("the time budget per predictor call must be a positive number of ns, got "
                        + budgetNs);
            }
            if (window < 0) {
                throw new IllegalArgumentException("the window must be a positive number of scored consumptions (or 0 for "
                        + "none), got " + window);
            }
            observers = List.copyOf(observers);
        }

        /** In-sample scoring refused. */
        public Options(ScoreFrom scoreFrom, long budgetNs, ProgressListener progress, int window,
                       List<ReplayObserver> observers, PredictorWatchdog watchdog) {
            this(scoreFrom, budgetNs, progress, window, observers, watchdog, false);
        }

        /** No windows, no observers, no watchdog. */
        public Options(ScoreFrom scoreFrom, long budgetNs, ProgressListener progress) {
            this(scoreFrom, budgetNs, progress, 0, List.of(), null);
        }

        /** Score everything, default budget, no progress. */
        public static Options defaults() {
            return new Options(ScoreFrom.START, DEFAULT_BUDGET_NS, ProgressListener.NONE);
        }

        /** These options with windows of {@code w} scored consumptions. */
        public Options withWindow(int w) {
            return new Options(scoreFrom, budgetNs, progress, w, observers, watchdog, allowInSample);
        }

        /** These options with one more observer. */
        public Options withObserver(ReplayObserver observer) {
            List<ReplayObserver> all = new ArrayList<>(observers);
            all.add(observer);
            return new Options(scoreFrom, budgetNs, progress, window, all, watchdog, allowInSample);
        }

        /** These options with {@code w} watching every predictor call. */
        public Options withWatchdog(PredictorWatchdog w) {
            return new Options(scoreFrom, budgetNs, progress, window, observers, w, allowInSample);
        }

        /** These options, allowing (or not) trained predictors to be scored on events they were fitted on. */
        public Options withAllowInSample(boolean allow) {
            return new Options(scoreFrom, budgetNs, progress, window, observers, watchdog, allow);
        }
    }

    private final PredictorRegistry registry;

    /** An engine that creates the predictors asked for from {@code registry}. */
    public ReplayEngine(PredictorRegistry registry) {
        this.registry = registry;
    }

    /**
     * Replays {@code source} through {@code specs} (predictor specs, created fresh for this replay).
     *
     * @param topology the topology the metrics use (the trace's, or with other distances)
     * @throws org.numabias.api.trace.TraceFormatException naming the event index of the first invalid event
     */
    public ReplayReport run(TraceSource source, Topology topology, List<String> specs, Options options) {
        return run(source, topology, specs, options, 1);
    }

    /**
     * Replays {@code source} through {@code specs} as {@link #run(TraceSource, Topology, List, Options)}
     * does, on up to {@code threads} threads: with several predictors and no observers, the predictors'
     * lanes are split into groups that follow one reading of the trace at once ({@link LaneGroups}); the report is
     * the same as on one thread, bit for bit, whatever {@code threads}.
     *
     * @throws IllegalArgumentException for {@code threads < 1}
     */
    public ReplayReport run(TraceSource source, Topology topology, List<String> specs, Options options, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a replay needs at least 1 thread, got " + threads);
        }
        boolean fraction = options.scoreFrom().index() < 0;
        long known = knownEvents(source);
        long expected = fraction && known < 0 ? count(source) : known;
        ReplayReport report = attempt(source, topology, specs, options, expected, threads);
        if (fraction && report.summary().events() != expected) {
            // the header's count was wrong: the fraction pointed at the wrong event; replay with the true count
            report = attempt(source, topology, specs, options, report.summary().events(), threads);
        }
        return report;
    }

    private ReplayReport attempt(TraceSource source, Topology topology, List<String> specs, Options options,
                                 long expectedEvents, int threads) {
        long scoreFromIndex = options.scoreFrom().resolve(Math.max(expectedEvents, 0));
        List<ConfiguredPredictor> configured = new ArrayList<>();
        List<PredictorGuard> guards = new ArrayList<>();
        List<Integer> laneOf = new ArrayList<>(); // per spec: its guard's index, or -1 for the oracle row
        List<TrainingProvenance> trained = new ArrayList<>(); // per spec: what it was fitted on, or null
        for (String spec : specs) {
            ConfiguredPredictor predictor = create(spec, topology);
            TrainingProvenance provenance = null;
            try {
                provenance = predictor.predictor().trainedOn().orElse(null);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) { // a plugin's fault: it does not run, every call is a fault with the reason
                predictor = new ConfiguredPredictor(predictor.label(), predictor.name(), predictor.params(),
                        new Failing("trainedOn() failed: " + e), predictor.origin());
            }
            trained.add(provenance);
            configured.add(predictor);
            if (predictor.name().equals(ORACLE) && predictor.predictor() instanceof LookaheadPredictor) {
                laneOf.add(-1);
            } else {
                laneOf.add(guards.size());
                guards.add(PredictorGuard.budgeted(predictor, topology.nodes(), options.budgetNs()));
            }
        }
        TrainingCheck.before(source, topology, configured, trained, scoreFromIndex, options.scoreFrom().text(),
                options.allowInSample(), options.progress());
        CutCounter cuts = new CutCounter(trained);
        List<ReplayObserver> observers = new ArrayList<>(options.observers());
        if (cuts.any()) {
            observers.add(cuts);
        }
        LaneGroups.Deal deal = LaneGroups.deal(options.observers().isEmpty() ? threads : 1, guards.size(),
                LaneGroups.LEAD_LOAD);
        ReplayPass[] passes = new ReplayPass[deal.groups()];
        for (int g = 0; g < passes.length; g++) {
            PredictorGuard[] mine = deal.of(g, guards).toArray(PredictorGuard[]::new);
            // group 0 reads, runs the references, hashes, reports progress and tells the observers; the others'
            // digest is never read
            passes[g] = g == 0 ? new ReplayPass("replay", source.description(), topology, mine, options.window(),
                    scoreFromIndex, expectedEvents, source.knownEventsSha256(), options.progress(), observers)
                    : new ReplayPass("replay", source.description(), topology, mine, options.window(), scoreFromIndex,
                    expectedEvents, "", ProgressListener.NONE, List.of(), passes[0]);
        }
        ReplayPass pass = passes[0];
        guards.forEach(g -> watch(options, g, true));
        ReplaySnapshots snapshots = (ReplaySnapshots) options.observers().stream()
                .filter(ReplaySnapshots.class::isInstance).findFirst().orElse(null);
        try {
            if (passes.length > 1) {
                LaneGroups.run(passes, source);
            } else if (snapshots == null) {
                run(pass, source);
            } else {
                try (TraceCursor cursor = source.open()) {
                    pass.run(new SnapshotCursor(cursor, () -> {
                        if (snapshots.due()) {
                            snapshots.onSnapshot(report(source, topology, specs, options, scoreFromIndex, passes, deal,
                                    configured, trained, cuts, guards, laneOf, pass.summarySoFar()));
                        }
                    }));
                }
            }
            // still watched: the report asks each predictor its state size, a call that may stall too
            return report(source, topology, specs, options, scoreFromIndex, passes, deal, configured, trained, cuts,
                    guards, laneOf, pass.summary());
        } finally {
            // no lambda, no iterator: this also runs when a predictor has filled the heap
            for (int g = 0; g < guards.size(); g++) {
                watch(options, guards.get(g), false);
            }
        }
    }

    private static ReplayReport report(TraceSource source, Topology topology, List<String> specs, Options options,
                                       long scoreFromIndex, ReplayPass[] passes, LaneGroups.Deal deal,
                                       List<ConfiguredPredictor> configured,
                                       List<TrainingProvenance> trained, CutCounter cuts, List<PredictorGuard> guards,
                                       List<Integer> laneOf, TraceSummary summary) {
        List<List<Integer>> specsOf = new ArrayList<>(); // per pass, the specs of its rows in spec order
        List<List<Row>> rowsOf = new ArrayList<>();
        for (int g = 0; g < passes.length; g++) {
            specsOf.add(new ArrayList<>());
            rowsOf.add(new ArrayList<>());
        }
        for (int i = 0; i < specs.size(); i++) {
            int lane = laneOf.get(i);
            PredictorGuard guard = lane >= 0 ? guards.get(lane)
                    : PredictorGuard.reference(configured.get(i), topology.nodes());
            TrainingProvenance p = trained.get(i);
            // a predictor's lane is in its group's pass; the oracle row is the lead's
            int g = lane < 0 ? 0 : deal.group()[lane];
            int inPass = lane < 0 ? -1 : deal.index()[lane];
            TrainedOn trainedOn = p == null ? null
                    : new TrainedOn(p, TrainedOn.classify(p, summary.eventsSha256(), scoreFromIndex), cuts.count(i));
            specsOf.get(g).add(i);
            rowsOf.get(g).add(new Row(inPass, guard, trainedOn));
        }
        // the rows of a pass share their intervals' draws (BlockBootstrap.intervalsOfRows); they are cut into
        // chunks of about an equal share of every row per thread, each within one pass, so that a group with many
        // predictors does not keep one thread busy after the others are done; the rows go back in spec order
        int chunk = Math.max(1, (specs.size() + passes.length - 1) / passes.length);
        List<Callable<List<PredictorResult>>> tasks = new ArrayList<>();
        List<List<Integer>> specsOfTask = new ArrayList<>();
        for (int g = 0; g < passes.length; g++) {
            ReplayPass pass = passes[g];
            for (int from = 0; from < rowsOf.get(g).size(); from += chunk) {
                int to = Math.min(from + chunk, rowsOf.get(g).size());
                List<Row> rows = rowsOf.get(g).subList(from, to);
                tasks.add(() -> results(pass, rows, summary, options.window() > 0));
                specsOfTask.add(specsOf.get(g).subList(from, to));
            }
        }
        PredictorResult[] results = new PredictorResult[specs.size()];
        try {
            List<List<PredictorResult>> byTask = OrderedParallel.map(tasks, passes.length);
            for (int t = 0; t < tasks.size(); t++) {
                for (int j = 0; j < byTask.get(t).size(); j++) {
                    results[specsOfTask.get(t).get(j)] = byTask.get(t).get(j);
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("a result could not be computed", e); // results() throws nothing checked
        }
        return new ReplayReport(source.description(), source.header(), summary, topology, options.scoreFrom().text(),
                scoreFromIndex, options.budgetNs(), options.window(), Version.FRAMEWORK, List.of(results));
    }

    /**
     * Counts, per trained predictor (per spec; null provenance: none), the scored consumptions at events before
     * its fitted range's end ({@link TrainedOn#scoredBeforeCut()}); starts again with the pass.
     */
    private static final class CutCounter implements ReplayObserver {
        private final long[] until;
        private final long[] counts;

        CutCounter(List<TrainingProvenance> trained) {
            until = trained.stream().mapToLong(p -> p == null ? -1 : p.untilEvent()).toArray();
            counts = new long[until.length];
        }

        boolean any() {
            return Arrays.stream(until).anyMatch(u -> u >= 0);
        }

        long count(int spec) {
            return counts[spec];
        }

        @Override
        public void onStart(List<String> laneLabels) {
            Arrays.fill(counts, 0);
        }

        @Override
        public void onScored(long eventIndex, ConsumptionFeedback fb, int[] predictions, int offset) {
            for (int i = 0; i < until.length; i++) {
                if (eventIndex < until[i]) {
                    counts[i]++;
                }
            }
        }
    }

    /** Runs {@code pass} over {@code source}: a store by its blocks of columns, any other source by its cursor. */
    static void run(ReplayPass pass, TraceSource source) {
        if (source instanceof ChronicleTraceSource store) {
            try (EventBlock.Cursor blocks = store.blocks()) {
                pass.run(blocks);
            }
        } else {
            try (TraceCursor cursor = source.open()) {
                pass.run(cursor);
            }
        }
    }

    /** A cursor that runs {@code beforeEach} before it looks for each event (where a snapshot may be taken). */
    private record SnapshotCursor(TraceCursor cursor, Runnable beforeEach) implements TraceCursor {
        @Override
        public boolean hasNext() {
            beforeEach.run();
            return cursor.hasNext();
        }

        @Override
        public org.numabias.api.trace.TraceEvent next() {
            return cursor.next();
        }

        @Override
        public void close() {
            cursor.close();
        }
    }

    private static void watch(Options options, PredictorGuard guard, boolean on) {
        if (options.watchdog() != null) {
            if (on) {
                options.watchdog().watch(guard);
            } else {
                options.watchdog().unwatch(guard);
            }
        }
    }

    private ConfiguredPredictor create(String spec, Topology topology) {
        ConfiguredPredictor predictor;
        try {
            predictor = registry.create(spec, topology);
        } catch (PredictorStartException e) {
            return e.placeholder(); // a broken provider is reported as faults, the others still run
        }
        if (predictor.predictor() instanceof LookaheadPredictor && !predictor.name().equals(ORACLE)) {
            return new ConfiguredPredictor(predictor.label(), predictor.name(), predictor.params(),
                    new Failing("needs the trace's future, which the one-pass replay engine gives only to the oracle"),
                    predictor.origin());
        }
        return predictor;
    }

    /**
     * Stands in for a predictor that cannot run (a lookahead predictor other than the oracle, or one whose
     * {@code trainedOn()} failed): every call is a fault, with the reason.
     */
    private record Failing(String why) implements AllocationPredictor {
        @Override
        public int predict(AllocationContext ctx) {
            throw new UnsupportedOperationException(why);
        }

        @Override
        public void onConsumption(ConsumptionFeedback fb) {
            throw new UnsupportedOperationException(why);
        }
    }

    /** A result row of a pass: lane {@code lane} ({@code -1}: the oracle) of the pass, its guard and training. */
    private record Row(int lane, PredictorGuard guard, TrainedOn trainedOn) {
    }

    /**
     * The results of {@code rows} of {@code pass}, in order, their intervals computed at once over the same draws
     * ({@link BlockBootstrap#intervalsOfRows}).
     */
    private static List<PredictorResult> results(ReplayPass pass, List<Row> rows, TraceSummary summary,
                                                 boolean windowsAsked) {
        List<List<RawSums>> windowSums = new ArrayList<>(rows.size());
        for (Row row : rows) {
            windowSums.add(BlockBootstrap.windows(pass, row.lane()));
        }
        List<Map<Measurement, Interval>> intervals = BlockBootstrap.intervalsOfRows(windowSums, BlockBootstrap.SEED,
                BlockBootstrap.REPLICATES);
        List<PredictorResult> results = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            results.add(result(pass, rows.get(r), summary, windowSums.get(r), intervals.get(r), windowsAsked));
        }
        return results;
    }

    /**
     * Row {@code row}'s result: its measurements, their {@code intervals} from the pass's windows
     * ({@code windowSums}), and, when {@code windowsAsked}, the windows' measurements.
     */
    private static PredictorResult result(ReplayPass pass, Row row, TraceSummary summary, List<RawSums> windowSums,
                                          Map<Measurement, Interval> intervals, boolean windowsAsked) {
        PredictorGuard.Stats stats = row.guard().stats();
        Map<Measurement, Number> values = pass.sums(row.lane(), summary, stats.faults()).measurements();
        List<Map<Measurement, Number>> windows = new ArrayList<>();
        if (windowsAsked) {
            for (RawSums sums : windowSums) {
                Map<Measurement, Number> window = new EnumMap<>(Measurement.class);
                for (Measurement m : Measurement.values()) {
                    if (m.windowed()) {
                        window.put(m, m.of(sums));
                    }
                }
                windows.add(window);
            }
        }
        ConfiguredPredictor c = row.guard().configured();
        return new PredictorResult(c.label(), c.name(), c.params(), c.origin(), values, stats.firstFault(),
                stats.nsPerCall(), stats.stateBytes(), stats.overBudget(), pass.matrix(row.lane()), windows,
                row.trainedOn(), intervals);
    }

    /**
     * The number of events of {@code source} if known without reading it ({@link TraceSource#knownEvents()},
     * or counted in a sealed header: {@code events}, or {@code allocs}+{@code consumes}+{@code frees}), else -1.
     */
    static long knownEvents(TraceSource source) {
        if (source.knownEvents() >= 0) {
            return source.knownEvents();
        }
        TraceHeader header = source.header();
        Map<String, Long> counts = header.counts();
        if (header.provenance().containsKey("incomplete")) {
            return -1;
        }
        if (counts.get("events") != null) {
            return counts.get("events");
        }
        Long a = counts.get("allocs");
        Long c = counts.get("consumes");
        Long f = counts.get("frees");
        return a != null && c != null && f != null ? a + c + f : -1;
    }

    /** The number of events of {@code source}, by reading it once (nothing else is done in that pass). */
    private static long count(TraceSource source) {
        long n = 0;
        try (TraceCursor cursor = source.open()) {
            while (cursor.hasNext()) {
                cursor.next();
                n++;
            }
        }
        return n;
    }
}
