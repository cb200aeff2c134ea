package org.numabias.runtime.replay;

/**
 * An observer that also wants the results so far while a replay runs (an online view of a trace
 * that is still arriving: {@code numabias watch}). Before each event the engine asks {@link #due()}
 * on the replaying thread; when it says yes, the engine builds the partial report and hands it to
 * {@link #onSnapshot}. A partial report's oracle counts only the buffer instances that have ended,
 * and its summary has no digest (empty). Both methods run on the replaying thread and must be quick.
 */
public interface ReplaySnapshots extends ReplayObserver {
    /** Whether a snapshot is wanted now (cheap: asked before every event). */
    boolean due();

    /** The results so far, in the order of the predictor specs. */
    void onSnapshot(ReplayReport partial);
}
