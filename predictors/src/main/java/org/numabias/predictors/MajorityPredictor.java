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
 * {@code majority}: the argmax of the key's consumer-node counts ({@code weight=count}: +1 per
 * consumption; {@code weight=bytes}: + its bytes), ties to the producer's node, else the lowest id;
 * cold (no feedback for the key): the producer's node.
 */
public final class MajorityPredictor implements AllocationPredictor {
    private final KeySlots keys;
    private final int nodes;
    private final boolean byBytes;
    private long[] counts = new long[64];

    MajorityPredictor(KeySlots keys, int nodes, boolean byBytes) {
        this.keys = keys;
        this.nodes = nodes;
        this.byBytes = byBytes;
    }

    @Override
    public int predict(AllocationContext ctx) {
        int slot = keys.find(ctx);
        return slot < 0 ? ctx.node() : NodeChoice.argmax(counts, slot * nodes, nodes, ctx.node());
    }

    @Override
    public void onConsumption(ConsumptionFeedback fb) {
        int slot = keys.findOrAdd(fb);
        counts = KeySlots.ensure(counts, (slot + 1) * nodes, 0);
        counts[slot * nodes + fb.node()] += byBytes ? fb.bytes() : 1;
    }

    @Override
    public long stateSizeBytes() {
        return keys.sizeBytes() + 8L * counts.length;
    }

    /** Registers {@code majority}. */
    public static final class Provider implements PredictorProvider {
        /** True: state per key, and every key includes the device (DESIGN.md), so a sweep may split a trace by device. */
        @Override public boolean stateIsPerDevice() { return true; }

        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return "majority"; }
        @Override public String description() { return "the node that consumed the key's buffers most often (or most bytes)"; }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.key(), ParameterSpec.choice("weight", "count",
                    "what a consumption adds to its node: 1, or its bytes", "count", "bytes"));
        }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            return new MajorityPredictor(new KeySlots(config.keyMode()), topology.nodes(),
                    config.string("weight").equals("bytes"));
        }
    }
}
