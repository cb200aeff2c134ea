package org.numabias.sweeps;

/**
 * Which event of the whole trace a replay is at, and whether it is scored: set by {@link SplitSource}'s
 * cursor as it hands each event to the engine, read by the {@link Tap}s when the engine delivers that
 * event's feedback (the engine handles an event before it reads the next). One per replay, one thread.
 */
final class ScoreClock {
    private final long scoreFromIndex;
    private long index = -1;

    /** A clock for a replay scored from global event index {@code scoreFromIndex}. */
    ScoreClock(long scoreFromIndex) {
        this.scoreFromIndex = scoreFromIndex;
    }

    void at(long globalIndex) {
        index = globalIndex;
    }

    /** True when the event being replayed is at or after the score-from index. */
    boolean scored() {
        return index >= scoreFromIndex;
    }
}
