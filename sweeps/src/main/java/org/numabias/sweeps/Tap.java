package org.numabias.sweeps;

import java.util.List;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.Lookahead;
import org.numabias.api.LookaheadPredictor;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.Topology;

/**
 * A provider that wraps another ({@code NAME.tap}, same parameters) so that a sweep learns the raw
 * sums behind a predictor's metrics, which merging device splits needs and results do not expose:
 * per scored consumption (feedback while the {@link ScoreClock} says scored) it adds up consumptions,
 * hits, bytes, local bytes, bytes x distance and predictions per node. The prediction it counts is the
 * one the engine scored ({@code fb.allocNode()}, the fallback after a fault). The wrapped predictor
 * sees exactly the calls it would see untapped.
 */
final class Tap implements PredictorProvider {
    /** The suffix of a tapped provider's name. */
    static final String SUFFIX = ".tap";

    private final PredictorProvider inner;
    private final ScoreClock clock;
    private final List<Counts> created;

    /** Taps {@code inner}; each predictor created adds its counts to {@code created}, in creation order. */
    Tap(PredictorProvider inner, ScoreClock clock, List<Counts> created) {
        this.inner = inner;
        this.clock = clock;
        this.created = created;
    }

    /** The raw sums of one tapped predictor. */
    static final class Counts {
        long consumptions;
        long hits;
        long bytes;
        long localBytes;
        long weightedDistance;
        final long[] predictedByNode;

        Counts(int nodes) {
            predictedByNode = new long[nodes];
        }
    }

    @Override
    public int spiVersion() {
        return inner.spiVersion();
    }

    @Override
    public String name() {
        return inner.name() + SUFFIX;
    }

    @Override
    public String description() {
        return inner.description();
    }

    @Override
    public List<ParameterSpec> parameters() {
        return inner.parameters();
    }

    @Override
    public boolean stateIsPerDevice() {
        return inner.stateIsPerDevice();
    }

    @Override
    public AllocationPredictor create(PredictorConfig config, Topology topology) {
        Counts counts = new Counts(topology.nodes());
        created.add(counts); // before create: a provider that fails still takes its place in the order
        AllocationPredictor p = inner.create(config, topology);
        if (p == null) {
            return null;
        }
        return p instanceof LookaheadPredictor lp ? new TappedLookahead(lp, counts, clock, topology)
                : new Tapped(p, counts, clock, topology);
    }

    private static class Tapped implements AllocationPredictor {
        private final AllocationPredictor inner;
        private final Counts counts;
        private final ScoreClock clock;
        private final Topology topology;

        Tapped(AllocationPredictor inner, Counts counts, ScoreClock clock, Topology topology) {
            this.inner = inner;
            this.counts = counts;
            this.clock = clock;
            this.topology = topology;
        }

        @Override
        public int predict(AllocationContext ctx) {
            return inner.predict(ctx);
        }

        @Override
        public void onConsumption(ConsumptionFeedback fb) {
            if (clock.scored()) {
                int p = fb.allocNode();
                counts.consumptions++;
                counts.bytes += fb.bytes();
                counts.predictedByNode[p]++;
                if (p == fb.node()) {
                    counts.hits++;
                    counts.localBytes += fb.bytes();
                }
                counts.weightedDistance += fb.bytes() * topology.distance(p, fb.node());
            }
            inner.onConsumption(fb);
        }

        @Override
        public long stateSizeBytes() {
            return inner.stateSizeBytes();
        }

        @Override
        public java.util.Optional<org.numabias.api.TrainingProvenance> trainedOn() {
            return inner.trainedOn(); // so the engine's protocol guard sees through the tap
        }
    }

    private static final class TappedLookahead extends Tapped implements LookaheadPredictor {
        private final LookaheadPredictor inner;

        TappedLookahead(LookaheadPredictor inner, Counts counts, ScoreClock clock, Topology topology) {
            super(inner, counts, clock, topology);
            this.inner = inner;
        }

        @Override
        public void useLookahead(Lookahead lookahead) {
            inner.useLookahead(lookahead);
        }
    }
}
