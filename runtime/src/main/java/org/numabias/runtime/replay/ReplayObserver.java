package org.numabias.runtime.replay;

import org.numabias.api.AllocationContext;
import org.numabias.api.ConsumptionFeedback;

/**
 * Rides on a replay's single pass (for example to collect training data: an Alloc's features at
 * predict time, the consumptions that update a key's history, and, when the buffer ends, its oracle
 * label). Called on the replaying thread, in trace order; must not keep the context or feedback
 * objects. Every method defaults to nothing.
 */
public interface ReplayObserver {
    /**
     * An Alloc, after every predictor predicted for it.
     *
     * @param ctx what the predictors saw ({@link AllocationContext#allocIndex()} names the Alloc);
     *            valid only during this call
     */
    default void onAlloc(AllocationContext ctx) {
    }

    /**
     * A Consume of a live buffer instance, after the predictors were scored and fed back.
     *
     * @param fb     the consumption with its buffer's Alloc columns; {@link ConsumptionFeedback#allocNode()} is
     *               the producer's node; valid only during this call
     * @param scored whether it was scored (its event index is at or after {@code --score-from})
     */
    default void onConsume(ConsumptionFeedback fb, boolean scored) {
    }

    /**
     * A buffer instance ended: its id was freed or allocated again, or the trace ended (then
     * instances still live end in no particular order).
     *
     * @param allocIndex    its Alloc's index
     * @param oracleNode    the oracle's node for it (DESIGN.md), or -1 if it was never consumed
     * @param consumes      its Consume events (scored or not)
     * @param consumedBytes their bytes
     */
    default void onInstanceEnd(long allocIndex, int oracleNode, int consumes, long consumedBytes) {
    }
}
