package org.example.numabias;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;

/** What makes sliding-majority different from majority: it forgets consumers older than its window. */
class SlidingMajorityTest {
    private final Topology topology = Topology.uniform(3, "test");
    private final MutableAllocationContext ctx = new MutableAllocationContext(topology).set(0, 0, 1, 0, 0, 5, 0, 0, 100);

    private static void feed(AllocationPredictor p, int node, int times) {
        MutableConsumptionFeedback fb = new MutableConsumptionFeedback();
        for (int i = 0; i < times; i++) {
            p.onConsumption(fb.set(0, 1, 0, 0, 5, 0, 0, node, node, 100));
        }
    }

    @Test
    void followsAMigratedConsumerWithinHalfAWindowWhileMajorityStays() {
        PredictorRegistry registry = PredictorRegistry.builtIn();
        AllocationPredictor sliding = registry.create("sliding-majority:window=10", topology).predictor();
        AllocationPredictor majority = registry.create("majority", topology).predictor();
        assertEquals(0, sliding.predict(ctx)); // cold: the producer's node
        for (AllocationPredictor p : new AllocationPredictor[]{sliding, majority}) {
            feed(p, 2, 100);
            feed(p, 1, 6);
        }
        assertEquals(1, sliding.predict(ctx)); // window holds 6 x node 1, 4 x node 2
        assertEquals(2, majority.predict(ctx));
    }
}
