package org.numabias.predictors;

import java.util.List;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.KeySlots;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.Spi;
import org.numabias.api.Topology;

/**
 * {@code interleave}: round robin over the nodes, {@code counter % nodes} with one counter per key
 * starting at 0 and advancing on every allocation; ignores feedback (no cold rule).
 */
public final class InterleavePredictor implements AllocationPredictor {
    private final KeySlots keys;
    private final int nodes;
    private long[] counters = new long[16];

    InterleavePredictor(KeySlots keys, int nodes) {
        this.keys = keys;
        this.nodes = nodes;
    }

    @Override
    public int predict(AllocationContext ctx) {
        int slot = keys.findOrAdd(ctx);
        counters = KeySlots.ensure(counters, slot + 1, 0);
        return (int) (counters[slot]++ % nodes);
    }

    @Override
    public void onConsumption(ConsumptionFeedback fb) {
        // interleaving is blind to consumers
    }

    @Override
    public long stateSizeBytes() {
        return keys.sizeBytes() + 8L * counters.length;
    }

    /** Registers {@code interleave}. */
    public static final class Provider implements PredictorProvider {
        /** True: state per key, and every key includes the device (DESIGN.md), so a sweep may split a trace by device. */
        @Override public boolean stateIsPerDevice() { return true; }

        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return "interleave"; }
        @Override public String description() { return "round robin over the nodes, one counter per key"; }
        @Override public List<ParameterSpec> parameters() { return List.of(ParameterSpec.key()); }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            return new InterleavePredictor(new KeySlots(config.keyMode()), topology.nodes());
        }
    }
}
