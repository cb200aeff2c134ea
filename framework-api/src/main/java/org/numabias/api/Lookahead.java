package org.numabias.api;

/**
 * The future of a replayed trace, computed by the replay engine before the replay starts: for each
 * Alloc (by {@link AllocationContext#allocIndex()}), the node that minimises the sum over the
 * buffer's Consumes of bytes x distance, with DESIGN.md's tie rule. Replay only.
 */
public interface Lookahead {
    /** The cost-minimising node for the Alloc with this index, or -1 if that buffer is never consumed. */
    int oracleNode(long allocIndex);
}
