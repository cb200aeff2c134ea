package org.numabias.runtime.replay;

import org.numabias.api.AllocationContext;

/**
 * Rides on a replay's single pass (for example to collect training data: an Alloc's features at
 * predict time and, later, its oracle label). Called on the replaying thread, in trace order; must
 * not keep the context. Both methods default to nothing.
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
