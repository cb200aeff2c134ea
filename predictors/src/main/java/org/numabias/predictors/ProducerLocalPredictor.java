package org.numabias.predictors;

import java.util.List;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.Spi;
import org.numabias.api.Topology;

/**
 * {@code producer-local}: the kernel's default, allocate on the producer's node; ignores feedback.
 * The smallest predictor, and the template for a new one.
 */
public final class ProducerLocalPredictor implements AllocationPredictor {

    @Override
    public int predict(AllocationContext ctx) {
        return ctx.node();
    }

    @Override
    public void onConsumption(ConsumptionFeedback fb) {
        // the kernel default learns nothing
    }

    @Override
    public long stateSizeBytes() {
        return 0;
    }

    /** Registers {@code producer-local}. */
    public static final class Provider implements PredictorProvider {
        /** True: no state (DESIGN.md), so a sweep may split a trace by device. */
        @Override public boolean stateIsPerDevice() { return true; }

        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return "producer-local"; }
        @Override public String description() { return "allocate on the producer's node (the kernel default)"; }
        @Override public List<ParameterSpec> parameters() { return List.of(); }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            return new ProducerLocalPredictor();
        }
    }
}
