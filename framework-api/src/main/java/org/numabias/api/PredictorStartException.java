package org.numabias.api;

import java.util.Map;

/**
 * A provider failed while creating its predictor (it threw, or returned null): a bug in the
 * provider, not in the spec. Carries what a comparison needs to report the predictor as faulty and
 * go on with the others.
 */
public final class PredictorStartException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    private final transient ConfiguredPredictor placeholder;

    PredictorStartException(String message, String label, String name, Map<String, String> params, String origin) {
        super(message);
        AllocationPredictor failing = new AllocationPredictor() {
            @Override
            public int predict(AllocationContext ctx) {
                throw new IllegalStateException(message);
            }

            @Override
            public void onConsumption(ConsumptionFeedback fb) {
                throw new IllegalStateException(message);
            }
        };
        this.placeholder = new ConfiguredPredictor(label, name, params, failing, origin);
    }

    /** A stand-in whose every call fails with this message, so that each call counts as a fault. */
    public ConfiguredPredictor placeholder() {
        return placeholder;
    }
}
