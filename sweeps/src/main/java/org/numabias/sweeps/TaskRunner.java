package org.numabias.sweeps;

import java.time.Duration;
import org.numabias.runtime.guard.PredictorWatchdog;
import org.numabias.runtime.store.TraceState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.trace.TraceSource;
import org.numabias.api.PredictorSpec;
import org.numabias.api.Topology;
import org.numabias.api.Version;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.replay.ProtocolException;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.replay.ScoreFrom;

/**
 * Runs one {@link SweepTask}: opens the trace where the task runs, replays it (or its device part)
 * once through every configuration of the task with {@link ReplayEngine}, and returns one
 * {@link CellRecord} per configuration. Every configuration (but the oracle, which the engine settles
 * itself) and the references the metrics need run tapped ({@link Tap}), so that records carry the raw
 * sums that merging parts needs; the oracle's come from its own row (its cost x 10 and remote bytes).
 * A record's metrics are the engine's own, exactly as {@code compare} reports them.
 */
public final class TaskRunner {
    /** The oracle: computed by the engine itself at the end of each buffer instance, never tapped. */
    static final String ORACLE = "oracle";

    /** The references the metrics compare against besides the oracle, tapped for their raw sums. */
    static final List<String> REFERENCES = List.of("producer-local", "majority:key=device,weight=count",
            "last-consumer:key=device");

    /** Above this, cost x 10 as a double might not give back the exact long sum it was computed from. */
    private static final double EXACT_LIMIT = 0x1p50;

    /**
     * A predictor call running this long does not return: as in {@code compare}, the process reports it
     * and exits with status 1 (Java cannot stop the call); finished traces stay in the results folder, so
     * a rerun resumes. System property {@code numabias.stallSeconds} overrides it.
     */
    static final Duration STALL_LIMIT = Duration.ofSeconds(Math.max(1, Long.getLong("numabias.stallSeconds", 60)));

    /** One watchdog thread per process, for every task's predictors. */
    private static final PredictorWatchdog WATCHDOG = new PredictorWatchdog(STALL_LIMIT, (guard, running) -> {
        System.err.println("sweep: error: predictor " + guard.configured().label().replace(Tap.SUFFIX, "")
                + " has been inside one call for over " + STALL_LIMIT.toSeconds() + " s (it does not return); stopping "
                + "(exit 1); finished traces are kept and a rerun resumes");
        System.err.flush();
        Runtime.getRuntime().halt(1);
    });

    private TaskRunner() {
    }

    /** Whether a configuration's raw sums can be tapped (so its device parts can be merged). */
    static boolean tappable(String spec) {
        return !PredictorSpec.parse(spec).name().equals(ORACLE);
    }

    /** Runs the task; {@code engine} names the engine in the records. */
    public static List<CellRecord> run(SweepTask task, String engine) {
        SweepOptions o = task.options();
        try (TraceSource trace = task.trace().open()) {
            TraceState.requireWhole(trace.header(), "trace", o.allowPartial(), "options: {allowPartial: true}");
            Topology topology = Experiment.withDistances(trace.header().topology(), o, task.trace().id());
            ScoreFrom from = ScoreFrom.parse(o.scoreFrom());
            long scoreFromIndex = from.index() == 0 ? 0 : from.resolve(from.index() >= 0 ? 0 : SplitSource.count(trace));
            ScoreClock clock = new ScoreClock(scoreFromIndex);
            SplitSource source = new SplitSource(trace, task.part(), task.parts(), clock, scoreFromIndex);
            // a part is scored from the first of its events at or after the whole trace's index
            ScoreFrom engineFrom = task.parts() == 1 || scoreFromIndex == 0 ? ScoreFrom.parse(Long.toString(scoreFromIndex))
                    : ScoreFrom.parse(Long.toString(source.eventsBefore(scoreFromIndex)));

            PredictorRegistry registry = PredictorRegistry.withPlugins(o.plugins().stream().map(Path::of).toList());
            List<Tap.Counts> created = new ArrayList<>();
            for (PredictorRegistry.Entry e : registry.entries()) {
                if (!e.provider().name().equals(ORACLE)) {
                    registry.add(new Tap(e.provider(), clock, created), e.origin());
                }
            }
            List<String> specs = new ArrayList<>();
            task.specs().forEach(s -> specs.add(tappable(s) ? tapped(s) : s));
            specs.add(ORACLE);
            REFERENCES.forEach(s -> specs.add(tapped(s)));
            ReplayReport report;
            try {
                report = new ReplayEngine(registry).run(source, topology, specs, new ReplayEngine.Options(engineFrom,
                        o.budgetNs(), ProgressListener.NONE, 0, List.of(), WATCHDOG, o.allowInSample()));
            } catch (ProtocolException e) {
                throw inExperimentTerms(e);
            }

            // the engine creates every spec's predictor in order, once per attempt: the last ones are this replay's
            long tappedSpecs = specs.stream().filter(s -> PredictorSpec.parse(s).name().endsWith(Tap.SUFFIX)).count();
            List<Tap.Counts> counts = new ArrayList<>(created.subList(created.size() - (int) tappedSpecs, created.size()));
            int n = task.specs().size();
            List<PredictorResult> results = report.results();
            PredictorResult oracle = results.get(n);
            Tap.Counts producerLocal = counts.get(counts.size() - 3);
            Tap.Counts majority = counts.get(counts.size() - 2);
            Tap.Counts lastConsumer = counts.get(counts.size() - 1);
            boolean referencesComplete = oracle.cost() * 10 < EXACT_LIMIT;
            for (int i = 0; i < REFERENCES.size(); i++) {
                referencesComplete &= counts.get(counts.size() - 3 + i).consumptions == results.get(n + 1 + i).consumptions();
            }
            long[] actualByNode = source.actualByNode();
            String host = host();
            List<CellRecord> records = new ArrayList<>();
            int next = 0;
            for (int i = 0; i < n; i++) {
                PredictorResult r = results.get(i);
                Tap.Counts c = tappable(task.specs().get(i)) ? counts.get(next++) : null;
                boolean split = task.parts() > 1;
                records.add(new CellRecord(task.experiment(), task.traceIndex(), task.trace().id(), task.trace().kind(),
                        task.trace().seed(), split ? null : report.summary().eventsSha256(), report.summary().events(),
                        trace.header().deviceNames().size(), topology.nodes(), topology.describe(), o.scoreFrom(),
                        scoreFromIndex, task.parts(), split ? task.part() : -1, task.configIndexes().get(i),
                        task.specs().get(i), untapped(r.predictor()), params(r.params()), r.origin(),
                        r.consumptions(), r.bytes(), r.allocs(), r.unconsumedAllocs(), r.unknownConsumes(),
                        r.accuracy(), r.localByteRatio(), r.remoteBytes(), r.cost(), r.regret(), r.capturedGain(),
                        r.remoteBytesAvoided(), r.kappa(), r.kappaM(), r.kappaTemporal(), r.mpks(), r.faults(),
                        r.firstFault(), r.nsPerCall(), r.stateBytes(), r.overBudget(),
                        c == null ? 0 : c.hits, c == null ? 0 : c.localBytes, c == null ? 0 : c.weightedDistance,
                        c == null ? new long[topology.nodes()] : c.predictedByNode.clone(), actualByNode,
                        Math.round(oracle.cost() * 10), oracle.remoteBytes(),
                        producerLocal.bytes - producerLocal.localBytes, majority.hits, lastConsumer.hits,
                        referencesComplete && c != null && c.consumptions == r.consumptions(), Version.FRAMEWORK,
                        engine, host, r.trainedOn() == null ? null : r.trainedOn().describe(),
                        TraceState.of(trace.header()).key(), r.intervals()));
            }
            return records;
        }
    }

    /**
     * The engine's protocol refusal said as an experiment's options say it (the engine speaks {@code compare}'s
     * flags), without the tap's suffix on the predictor's name.
     */
    private static ProtocolException inExperimentTerms(ProtocolException e) {
        String m = e.getMessage().replace(Tap.SUFFIX, "");
        if (m.contains("--allow-in-sample")) {
            m = m.replace("(--score-from ", "(scoreFrom: ").replace("Use --score-from ", "In the experiment's options, set scoreFrom: ")
                    .replace("--allow-in-sample", "allowInSample: true");
        }
        ProtocolException said = new ProtocolException(m);
        said.initCause(e);
        return said;
    }

    static String tapped(String spec) {
        PredictorSpec s = PredictorSpec.parse(spec);
        return new PredictorSpec(s.name() + Tap.SUFFIX, s.params()).toString();
    }

    private static String untapped(String name) {
        return name.endsWith(Tap.SUFFIX) ? name.substring(0, name.length() - Tap.SUFFIX.length()) : name;
    }

    /** Parameters in spec form, {@code k=v,...}. */
    static String params(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
