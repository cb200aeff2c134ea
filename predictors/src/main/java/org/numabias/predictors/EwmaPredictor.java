package org.numabias.predictors;

import java.util.List;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.KeySlots;
import org.numabias.api.NodeChoice;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.Spi;
import org.numabias.api.Topology;

/**
 * {@code ewma}: exponentially weighted consumer-node scores per key. On feedback from node c, every
 * score is multiplied by {@code (1 - alpha)}, then {@code alpha} is added to c's, in IEEE double
 * and in exactly that order (results are reproducible). Predicts the argmax with the tie rule;
 * cold: the producer's node. With {@code alpha=1} it is {@code last-consumer}.
 */
public final class EwmaPredictor implements AllocationPredictor {
    private final KeySlots keys;
    private final int nodes;
    private final double alpha;
    private double[] scores = new double[64];

    EwmaPredictor(KeySlots keys, int nodes, double alpha) {
        this.keys = keys;
        this.nodes = nodes;
        this.alpha = alpha;
    }

    @Override
    public int predict(AllocationContext ctx) {
        int slot = keys.find(ctx);
        return slot < 0 ? ctx.node() : NodeChoice.argmax(scores, slot * nodes, nodes, ctx.node());
    }

    @Override
    public void onConsumption(ConsumptionFeedback fb) {
        int slot = keys.findOrAdd(fb);
        scores = KeySlots.ensure(scores, (slot + 1) * nodes);
        int base = slot * nodes;
        for (int n = 0; n < nodes; n++) {
            scores[base + n] = scores[base + n] * (1 - alpha);
        }
        scores[base + fb.node()] = scores[base + fb.node()] + alpha;
    }

    @Override
    public long stateSizeBytes() {
        return keys.sizeBytes() + 8L * scores.length;
    }

    /** Registers {@code ewma}. */
    public static final class Provider implements PredictorProvider {
        /** True: state per key, and every key includes the device (DESIGN.md), so a sweep may split a trace by device. */
        @Override public boolean stateIsPerDevice() { return true; }

        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return "ewma"; }
        @Override public String description() { return "exponentially weighted consumer-node scores per key (adapts to migration)"; }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.key(),
                    ParameterSpec.of("alpha", "0.25", "weight of the newest consumption, in (0, 1]"));
        }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            double alpha = config.real("alpha");
            config.require(alpha > 0 && alpha <= 1, "alpha", "in (0, 1]");
            return new EwmaPredictor(new KeySlots(config.keyMode()), topology.nodes(), alpha);
        }
    }
}
