package org.numabias.api.trace;

import java.util.NoSuchElementException;

/**
 * A {@link TraceCursor} over a source that is read one event at a time: implement {@link #fetch()}
 * (the next event, or null at the end) and {@link #close()}.
 */
public abstract class PullCursor implements TraceCursor {
    private TraceEvent next;

    /** The next event from the source, or null when there are no more. */
    protected abstract TraceEvent fetch();

    @Override
    public final boolean hasNext() {
        if (next == null) {
            next = fetch();
        }
        return next != null;
    }

    @Override
    public final TraceEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        TraceEvent e = next;
        next = null;
        return e;
    }
}
