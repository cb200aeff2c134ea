package org.numabias.sweeps.testing;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.Spi;
import org.numabias.api.Topology;

/** {@code test-stuck}: a predictor whose first call never returns (a hostile plugin), for the sweep's watchdog test. */
public final class StuckPredictorProvider implements PredictorProvider {
    @Override
    public int spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public String name() {
        return "test-stuck";
    }

    @Override
    public String description() {
        return "test predictor: its first call never returns";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of();
    }

    @Override
    public AllocationPredictor create(PredictorConfig config, Topology topology) {
        return new AllocationPredictor() {
            @Override
            public int predict(AllocationContext ctx) {
                while (true) {
                    LockSupport.park(this); // parked: the stuck call costs no CPU
                }
            }

            @Override
            public void onConsumption(ConsumptionFeedback fb) {
                // never reached
            }
        };
    }
}
