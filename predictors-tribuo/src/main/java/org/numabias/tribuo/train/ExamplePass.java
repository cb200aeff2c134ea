package org.numabias.tribuo.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Spi;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayObserver;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.replay.ScoreFrom;
import org.numabias.runtime.replay.TraceScan;
import org.numabias.tribuo.features.FeatureSet;
import org.numabias.tribuo.features.FeatureState;

/**
 * Makes training examples from the head of a trace with a replay by the replay engine itself: a
 * collector rides in the replay as a predictor, so at each Alloc it computes the features from the
 * feedback the engine has delivered so far (a {@link FeatureState}, the code the {@code tribuo}
 * predictor runs), never from the future; the engine's {@link ReplayObserver} seam reports each
 * buffer instance's oracle node when the instance ends, which is its label.
 *
 * <p>The head is the events before the cut ({@code --until}, resolved like {@code --score-from}).
 * An example is a buffer instance allocated before the cut and consumed, every Consume before the
 * cut: instances never consumed are left out (the oracle has no opinion on them, and any placement
 * costs nothing), and so are instances consumed at or after the cut, whose label would come from
 * events that a comparison scored from the cut evaluates.
 */
public final class ExamplePass {
    private static final String NAME = "numabias-train-examples";
    /** The collector is not under evaluation: a budget no call reaches, so the engine's guard never disables it. */
    private static final long NO_BUDGET_NS = 1_000_000_000L;

    private ExamplePass() {
    }

    /**
     * Replays {@code source} (after a counting pass when {@code until} is a fraction) and collects the
     * examples of its head.
     *
     * @param until where the head ends: events with a lower index are trained on
     */
    public static TrainingSet run(TraceSource source, Topology topology, FeatureSet features, ScoreFrom until,
                                  ProgressListener progress) {
        return run(source, topology, features, 0, until, progress);
    }

    /**
     * Like {@link #run(TraceSource, Topology, FeatureSet, ScoreFrom, ProgressListener)}, but keeps only the
     * instances allocated at or after event {@code from} (the features still follow every feedback before the
     * cut): the examples of a range {@code from..cut-1}, e.g. a validation range at the end of the head.
     */
    public static TrainingSet run(TraceSource source, Topology topology, FeatureSet features, long from, ScoreFrom until,
                                  ProgressListener progress) {
        long cut = until.index() >= 0 ? until.index()
                : until.resolve(TraceScan.summarize(source, topology, progress).events());
        Counted counted = new Counted(source);
        Collector collector = new Collector(features, from, cut, counted, topology.nodes());
        PredictorRegistry registry = PredictorRegistry.builtIn().add(collector, "numabias train");
        ReplayReport report = new ReplayEngine(registry).run(counted, topology, List.of(NAME),
                new ReplayEngine.Options(ScoreFrom.parse(Long.toString(cut)), NO_BUDGET_NS, progress)
                        .withObserver(collector));
        PredictorResult lane = report.results().getFirst();
        if (lane.firstFault() != null) {
            throw new IllegalStateException("collecting training examples failed: " + lane.firstFault());
        }
        long events = report.summary().events();
        return collector.finish(Math.min(cut, events), events, report.summary().eventsSha256(), source.description());
    }

    /** A source whose cursor counts the events the engine has taken: the index of the event being replayed. */
    private static final class Counted implements TraceSource {
        private final TraceSource source;
        private long taken;

        Counted(TraceSource source) {
            this.source = source;
        }

        /** The index of the event the engine is processing (it takes one event, then processes it). */
        long current() {
            return taken - 1;
        }

        @Override
        public TraceHeader header() {
            return source.header();
        }

        @Override
        public String description() {
            return source.description();
        }

        @Override
        public TraceCursor open() {
            TraceCursor cursor = source.open();
            taken = 0;
            return new TraceCursor() {
                @Override
                public boolean hasNext() {
                    return cursor.hasNext();
                }

                @Override
                public TraceEvent next() {
                    TraceEvent e = cursor.next();
                    taken++;
                    return e;
                }

                @Override
                public void close() {
                    cursor.close();
                }
            };
        }
    }

    /** A head instance waiting for its label. */
    private static final class Pending {
        final int[] values;
        final long bufferId;
        boolean straddles;

        Pending(int[] values, long bufferId) {
            this.values = values;
            this.bufferId = bufferId;
        }
    }

    /** Distinct feature values, as a map key. */
    private record Values(int[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Values other && Arrays.equals(v, other.v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }

        @Override
        public String toString() {
            return Arrays.toString(v);
        }
    }

    /**
     * The predictor lane (features at predict, feedback at onConsumption), its provider, and the
     * observer (labels at instance end), in one object for one replay.
     */
    private static final class Collector implements AllocationPredictor, PredictorProvider, ReplayObserver {
        private final FeatureSet features;
        private final long from;
        private final long cut;
        private final Counted counted;
        private final int nodes;
        private final FeatureState state;
        private final Map<Long, Pending> pending = new HashMap<>();      // by alloc index
        private final Map<Long, Long> liveAlloc = new HashMap<>();        // buffer id -> alloc index of its head instance
        private final Map<Values, long[]> counts = new LinkedHashMap<>(); // [2 node]: instances, [2 node + 1]: bytes
        private long unconsumed;
        private long straddling;

        Collector(FeatureSet features, long from, long cut, Counted counted, int nodes) {
            this.features = features;
            this.from = from;
            this.cut = cut;
            this.counted = counted;
            this.nodes = nodes;
            this.state = new FeatureState(features);
        }

        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return NAME; }
        @Override public String description() { return "collects training examples (numabias train)"; }
        @Override public List<ParameterSpec> parameters() { return List.of(); }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            return this;
        }

        @Override
        public int predict(AllocationContext ctx) {
            if (counted.current() >= from && counted.current() < cut) {
                int[] values = new int[features.groups()];
                state.encode(ctx, values);
                pending.put(ctx.allocIndex(), new Pending(values, ctx.bufferId()));
                liveAlloc.put(ctx.bufferId(), ctx.allocIndex());
            } else {
                liveAlloc.remove(ctx.bufferId());
            }
            return ctx.node();
        }

        @Override
        public void onConsumption(ConsumptionFeedback fb) {
            if (counted.current() < cut) {
                state.observe(fb);
                return;
            }
            Long alloc = liveAlloc.get(fb.bufferId());
            Pending p = alloc == null ? null : pending.get(alloc);
            if (p != null) {
                p.straddles = true;
            }
        }

        @Override
        public void onInstanceEnd(long allocIndex, int oracleNode, int consumes, long consumedBytes) {
            Pending p = pending.remove(allocIndex);
            if (p == null) {
                return;
            }
            liveAlloc.remove(p.bufferId, allocIndex);
            if (oracleNode < 0) {
                unconsumed++;
            } else if (p.straddles) {
                straddling++;
            } else {
                long[] byNode = counts.computeIfAbsent(new Values(p.values), v -> new long[2 * nodes]);
                byNode[2 * oracleNode]++;
                byNode[2 * oracleNode + 1] += consumedBytes;
            }
        }

        TrainingSet finish(long cutIndex, long events, String digest, String description) {
            List<TrainingSet.Example> examples = new ArrayList<>();
            long instances = 0;
            long bytes = 0;
            for (Map.Entry<Values, long[]> e : counts.entrySet()) {
                long[] byNode = e.getValue();
                for (int node = 0; node < nodes; node++) {
                    if (byNode[2 * node] > 0) {
                        examples.add(new TrainingSet.Example(e.getKey().v(), node, byNode[2 * node], byNode[2 * node + 1]));
                        instances += byNode[2 * node];
                        bytes += byNode[2 * node + 1];
                    }
                }
            }
            return new TrainingSet(features, examples, instances, bytes, unconsumed, straddling, cutIndex, events,
                    digest, description, nodes);
        }
    }
}
