package org.numabias.api.trace;

import java.util.Iterator;
import java.util.List;

/** A trace held in a list: generated scenarios and tests. */
public record InMemoryTrace(TraceHeader header, List<TraceEvent> events, String description) implements TraceSource {

    public InMemoryTrace {
        events = List.copyOf(events);
    }

    @Override
    public long knownEvents() {
        return events.size();
    }

    @Override
    public TraceCursor open() {
        Iterator<TraceEvent> it = events.iterator();
        return new TraceCursor() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public TraceEvent next() {
                return it.next();
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }
}
