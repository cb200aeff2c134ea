package org.numabias.api;

/**
 * The future of a trace, known before it is replayed: for each Alloc (by
 * {@link AllocationContext#allocIndex()}), the node that minimises the sum over the buffer's
 * Consumes of bytes x distance, with DESIGN.md's tie rule. For {@link LookaheadPredictor}s driven
 * outside the replay engine (which settles the oracle itself).
 */
public interface Lookahead {
    /** The cost-minimising node for the Alloc with this index, or -1 if that buffer is never consumed. */
    int oracleNode(long allocIndex);
}
