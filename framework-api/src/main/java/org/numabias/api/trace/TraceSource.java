package org.numabias.api.trace;

/**
 * A trace that can be read, from the start, any number of times (a Chronicle Queue store, a CSV
 * file, a generated scenario). Readers stream: memory does not grow with the trace's length.
 * Whoever opened a source closes it ({@link #close()}, a no-op for sources that hold nothing).
 */
public interface TraceSource extends AutoCloseable {
    /** The trace's header. */
    TraceHeader header();

    /** A new cursor at the first event. The caller closes it. */
    TraceCursor open();

    /** A short name for messages and provenance (a path, a scenario spec). */
    String description();

    /**
     * The number of events, if known without reading them (a list's size, the totals of a sealed
     * store), else -1. A replay that needs the count first ({@code --score-from} as a fraction) reads
     * the trace once to count it when this says -1; a count given here must be exact.
     */
    default long knownEvents() {
        return -1;
    }

    /**
     * The trace's {@link EventDigest} if known without reading its events (a sealed store keeps the one
     * its writer computed, covered by the seal's checksum), else null. A digest given here must be exact:
     * the replay uses it instead of hashing every event.
     */
    default String knownEventsSha256() {
        return null;
    }

    /** Releases the files or queues behind the source; cursors must be closed first. Never throws a checked exception. */
    @Override
    default void close() {
        // holds nothing by default
    }
}
