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
 * {@code two-stage}: the kernel NUMA-balancing two-stage filter. A key's preferred node moves to a
 * consumer's node only when two consecutive consumptions come from it: on feedback from c, if the
 * last node is unset or equals c, preferred = c; then last = c. Predicts the preferred node; cold:
 * the producer's node.
 */
public final class TwoStagePredictor implements AllocationPredictor {
    private final KeySlots keys;
    private int[] preferred = new int[0];
    private int[] last = new int[0];

    TwoStagePredictor(KeySlots keys) {
        this.keys = keys;
    }

    @Override
    public int predict(AllocationContext ctx) {
        int slot = keys.find(ctx);
        return slot < 0 || preferred[slot] < 0 ? ctx.node() : preferred[slot];
    }

    @Override
    public void onConsumption(ConsumptionFeedback fb) {
        int slot = keys.findOrAdd(fb);
        preferred = KeySlots.ensure(preferred, slot + 1, -1);
        last = KeySlots.ensure(last, slot + 1, -1);
        int c = fb.node();
        if (last[slot] < 0 || last[slot] == c) {
            preferred[slot] = c;
        }
        last[slot] = c;
    }

    @Override
    public long stateSizeBytes() {
        return keys.sizeBytes() + 4L * (preferred.length + last.length);
    }

    /** Registers {@code two-stage}. */
    public static final class Provider implements PredictorProvider {
        /** True: state per key, and every key includes the device (DESIGN.md), so a sweep may split a trace by device. */
        @Override public boolean stateIsPerDevice() { return true; }

        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return "two-stage"; }
        @Override public String description() { return "move to a consumer's node after two consecutive consumptions there (NUMA balancing)"; }
        @Override public List<ParameterSpec> parameters() { return List.of(ParameterSpec.key()); }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            return new TwoStagePredictor(new KeySlots(config.keyMode()));
        }
    }
}
