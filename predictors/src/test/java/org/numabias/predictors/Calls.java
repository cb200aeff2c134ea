package org.numabias.predictors;

import org.numabias.api.AllocationPredictor;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;

/** Drives one built-in predictor by hand: allocations and consumptions of (device, queue, flow) keys. */
final class Calls {
    final AllocationPredictor p;
    private final MutableAllocationContext ctx;
    private final MutableConsumptionFeedback fb = new MutableConsumptionFeedback();
    private long allocs;

    Calls(String spec, int nodes) {
        Topology topology = Topology.uniform(nodes, "test");
        this.p = PredictorRegistry.builtIn().create(spec, topology).predictor();
        this.ctx = new MutableAllocationContext(topology);
    }

    /** The node predicted for a buffer of {@code device}, queue 0, flow 0, produced on {@code producer}. */
    int predict(int device, int producer) {
        return predict(device, 0, 0, producer);
    }

    int predict(int device, int queue, long flow, int producer) {
        long i = allocs++;
        return p.predict(ctx.set(i, i, i, device, queue, flow, 0, producer, 1500));
    }

    /** A buffer of {@code device}, queue 0, flow 0, read on {@code node}: 100 bytes. */
    Calls consumed(int device, int node) {
        return consumed(device, 0, 0, node, 100);
    }

    Calls consumed(int device, int queue, long flow, int node, long bytes) {
        p.onConsumption(fb.set(0, 0, device, queue, flow, 0, 0, 0, node, bytes));
        return this;
    }
}
