package org.numabias.runtime.replay;

import org.numabias.api.AllocationContext;
import org.numabias.api.MutableConsumptionFeedback;

/**
 * One lane of a {@link ReplayPass}: a predictor or a reference, as one unit that owns its state and
 * its node matrix (its tallies per window live in {@link Windows}, at the lane's place in the pass's
 * lane order; its whole-trace tally is their sum). The pass asks every
 * lane for its node on each Alloc ({@link #predict}), remembers it with the buffer instance, scores it
 * on each scored Consume of that instance into the lane's tallies, then gives the lane the consumption
 * ({@link #feedback}). A lane that does not predict at the Alloc ({@link #predicts()} false: the
 * oracle) fills its own tallies. Adding a lane is adding a subclass and listing it in
 * {@link References} (a reference) or in the engine (a predictor): the pass, the windows and the
 * results follow. Not thread-safe.
 */
abstract class Lane {
    /** Its scored consumptions by (predicted, consumer) node over the trace, or null when it keeps no matrix. */
    final NodePairs pairs;

    /** A lane that keeps the {@link PredictionMatrix} when {@code matrix} (and the nodes fit). */
    Lane(int nodes, boolean matrix) {
        this.pairs = matrix && nodes <= PredictionMatrix.MAX_NODES ? new NodePairs(nodes) : null;
    }

    /** Whether the pass asks it on each Alloc and scores it on each Consume; false for a lane that scores itself. */
    boolean predicts() {
        return true;
    }

    /**
     * Its node for the buffer instance the Alloc in {@code ctx} starts (called once per Alloc, in lane
     * order, before any feedback for it); the pass scores it against that instance's consumers.
     */
    abstract int predict(AllocationContext ctx);

    /**
     * A Consume of a live instance, after every lane was scored on it: {@code fb} holds it, with the
     * instance's Alloc columns; {@link MutableConsumptionFeedback#allocNode()} is unspecified (a lane
     * that passes {@code fb} on sets it). {@code predicted} is this lane's node for the instance.
     */
    void feedback(MutableConsumptionFeedback fb, int predicted) {
    }
}
