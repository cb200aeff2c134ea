package org.numabias.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.Spi;
import org.numabias.api.Topology;
import org.numabias.api.TrainingProvenance;

/** A tapped predictor shows the replay engine what the inner one was trained on, so a sweep's protocol guard holds. */
class TapTest {
    @Test
    void theTapPassesTheTrainingProvenanceThrough() {
        TrainingProvenance fitted = TrainingProvenance.of("ab".repeat(32), "t.csv", 0, 600, "0.5", 2, "1");
        PredictorProvider trained = new PredictorProvider() {
            @Override public int spiVersion() { return Spi.VERSION; }
            @Override public String name() { return "trained"; }
            @Override public String description() { return "declares its training"; }
            @Override public List<ParameterSpec> parameters() { return List.of(); }

            @Override
            public AllocationPredictor create(PredictorConfig config, Topology topology) {
                return new AllocationPredictor() {
                    @Override public int predict(AllocationContext ctx) { return 0; }
                    @Override public void onConsumption(ConsumptionFeedback fb) { }
                    @Override public Optional<TrainingProvenance> trainedOn() { return Optional.of(fitted); }
                };
            }
        };
        Tap tap = new Tap(trained, new ScoreClock(0), new ArrayList<>());
        AllocationPredictor tapped = tap.create(PredictorConfig.of("trained", List.of(), Map.of()), Topology.uniform(2, "test"));
        assertEquals(Optional.of(fitted), tapped.trainedOn());
    }
}
