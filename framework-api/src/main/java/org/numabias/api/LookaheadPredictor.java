package org.numabias.api;

/**
 * A predictor that needs the trace's future (the {@code oracle}). The replay engine calls
 * {@link #useLookahead} once, before the first {@link #predict}. In live mode there is no future:
 * such a predictor must not be used there, and throws from {@code predict} if it is.
 */
public interface LookaheadPredictor extends AllocationPredictor {
    /** Gives the predictor the trace's future; called once by the replay engine before replay. */
    void useLookahead(Lookahead lookahead);
}
