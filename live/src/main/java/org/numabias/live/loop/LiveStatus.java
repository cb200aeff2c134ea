package org.numabias.live.loop;

/**
 * The loop's state once a second, for the status line: totals so far and the last second's feedback
 * delay percentiles (ns, -1 when no feedback arrived in that second).
 */
public record LiveStatus(double seconds, long received, long receivedBytes, long consumed, Double localByteRatio,
                         long drops, double poolUse, long feedbackP50Ns, long feedbackP99Ns) {

    /** Listens to the status once a second. */
    @FunctionalInterface
    public interface Listener {
        /** Called on the run's main thread; must return quickly. */
        void onStatus(LiveStatus status);

        /** Ignores the status. */
        Listener NONE = s -> { };
    }
}
