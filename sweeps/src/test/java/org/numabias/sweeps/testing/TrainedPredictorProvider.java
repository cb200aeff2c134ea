package org.numabias.sweeps.testing;

import java.util.List;
import java.util.Optional;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.Spi;
import org.numabias.api.Topology;
import org.numabias.api.TrainingProvenance;

/**
 * {@code test-trained:digest=D,until=N}: a predictor that declares it was fitted on events 0..N-1 of the
 * trace whose events digest is D (as a trained model does), and always predicts node 0; for the
 * sweep's protocol guard tests.
 */
public final class TrainedPredictorProvider implements PredictorProvider {
    @Override
    public int spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public String name() {
        return "test-trained";
    }

    @Override
    public String description() {
        return "test predictor: declares a training range, predicts node 0";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.of("digest", "", "events digest of the training trace"),
                ParameterSpec.of("until", "0", "first event after the fitted range"));
    }

    @Override
    public AllocationPredictor create(PredictorConfig config, Topology topology) {
        TrainingProvenance fitted = TrainingProvenance.of(config.string("digest"), "fixture", 0,
                config.integer("until"), "", 0, "1");
        return new AllocationPredictor() {
            @Override
            public int predict(AllocationContext ctx) {
                return 0;
            }

            @Override
            public void onConsumption(ConsumptionFeedback fb) {
                // fixed
            }

            @Override
            public Optional<TrainingProvenance> trainedOn() {
                return Optional.of(fitted);
            }
        };
    }
}
