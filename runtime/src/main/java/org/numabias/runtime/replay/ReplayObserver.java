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
     * Before the pass's first event (once per pass: a replay that must be run again, see {@link ReplayEngine},
     * starts again here).
     *
     * @param laneLabels the labels of the predictors that predict in this pass, in the order of
     *                   {@link #onScored}'s predictions (the {@code oracle} row is settled, not predicted, and is not one)
     */
    default void onStart(java.util.List<String> laneLabels) {
    }

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
     * A scored Consume of a live buffer instance, just after {@link #onConsume}: what each predictor had
     * predicted for its buffer.
     *
     * @param eventIndex  the Consume's event index
     * @param fb          as given to {@link #onConsume}; valid only during this call
     * @param predictions lane {@code l}'s predicted node is {@code predictions[offset + l]}, for each lane of
     *                    {@link #onStart}; read only, valid only during this call
     * @param offset      where this buffer's predictions start
     */
    default void onScored(long eventIndex, ConsumptionFeedback fb, int[] predictions, int offset) {
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
