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

    /** Releases the files or queues behind the source; cursors must be closed first. Never throws a checked exception. */
    @Override
    default void close() {
        // holds nothing by default
    }
}
