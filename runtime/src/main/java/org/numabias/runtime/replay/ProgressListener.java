package org.numabias.runtime.replay;

/** Told about a long pass over a trace; called from the replaying thread, every few thousand events. */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = (phase, done, total) -> { };

    /**
     * @param phase what is running ({@code scan}: a summary alone, {@code replay})
     * @param done  events processed so far in this phase
     * @param total events in the trace, or -1 when not yet known
     */
    void onProgress(String phase, long done, long total);
}
