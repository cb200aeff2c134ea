package org.numabias.api;

/**
 * A predictor that needs the trace's future (the {@code oracle}). Whoever drives it calls
 * {@link #useLookahead} once, before the first {@link #predict} (tests, the contract kit). The
 * one-pass replay engine gives no lookahead: it computes the {@code oracle} row itself, settling
 * each buffer instance when it ends, and counts every call of any other lookahead predictor as a
 * fault. In live mode there is no future: such a predictor throws from {@code predict}.
 */
public interface LookaheadPredictor extends AllocationPredictor {
    /** Gives the predictor the trace's future; called once, before the first {@code predict}. */
    void useLookahead(Lookahead lookahead);
}
