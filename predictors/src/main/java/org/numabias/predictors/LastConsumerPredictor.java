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

/** {@code last-consumer}: the node of the key's last consumer (like RFS); cold: the producer's node. */
public final class LastConsumerPredictor implements AllocationPredictor {
    private final KeySlots keys;
    private int[] last = new int[0];

    LastConsumerPredictor(KeySlots keys) {
        this.keys = keys;
    }

    @Override
    public int predict(AllocationContext ctx) {
        int slot = keys.find(ctx);
        return slot < 0 ? ctx.node() : last[slot];
    }

    @Override
    public void onConsumption(ConsumptionFeedback fb) {
        int slot = keys.findOrAdd(fb);
        last = KeySlots.ensure(last, slot + 1, -1);
        last[slot] = fb.node();
    }

    @Override
    public long stateSizeBytes() {
        return keys.sizeBytes() + 4L * last.length;
    }

    /** Registers {@code last-consumer}. */
    public static final class Provider implements PredictorProvider {
        /** True: state per key, and every key includes the device (DESIGN.md), so a sweep may split a trace by device. */
        @Override public boolean stateIsPerDevice() { return true; }

        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return "last-consumer"; }
        @Override public String description() { return "the node of the key's last consumer (RFS-like)"; }
        @Override public List<ParameterSpec> parameters() { return List.of(ParameterSpec.key()); }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            return new LastConsumerPredictor(new KeySlots(config.keyMode()));
        }
    }
}
