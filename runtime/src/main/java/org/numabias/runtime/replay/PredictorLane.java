package org.numabias.runtime.replay;

import org.numabias.api.AllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.runtime.guard.PredictorGuard;

/**
 * A predictor's lane: its guard predicts and gets the feedback, with the instance's predicted node as
 * {@link org.numabias.api.ConsumptionFeedback#allocNode()}. It keeps the node matrix.
 */
final class PredictorLane extends Lane {
    final PredictorGuard guard;

    PredictorLane(PredictorGuard guard, int nodes) {
        super(nodes, true);
        this.guard = guard;
    }

    @Override
    int predict(AllocationContext ctx) {
        return guard.predict(ctx);
    }

    @Override
    void feedback(MutableConsumptionFeedback fb, int predicted) {
        guard.feedback(fb.set(fb.timeNs(), fb.bufferId(), fb.device(), fb.queue(), fb.flow(), fb.producerNode(), predicted,
                fb.cpu(), fb.node(), fb.bytes()));
    }
}
