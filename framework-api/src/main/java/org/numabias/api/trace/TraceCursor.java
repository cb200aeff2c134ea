package org.numabias.api.trace;

import java.util.Iterator;

/**
 * A forward-only pass over a trace's events. {@link #next()} may throw a
 * {@link TraceFormatException} naming the place of a malformed event.
 */
public interface TraceCursor extends Iterator<TraceEvent>, AutoCloseable {
    /** Releases the underlying file or queue. */
    @Override
    void close();
}
