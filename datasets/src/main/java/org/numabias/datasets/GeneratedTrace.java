package org.numabias.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;

/**
 * A scenario's trace, generated while it is read: every {@link #open()} runs the generator again
 * from the seed, so memory does not grow with the trace's length and every pass yields the same
 * events.
 */
public final class GeneratedTrace implements TraceSource {
    private final TraceHeader header;
    private final String description;
    private final Supplier<TraceCursor> passes;

    /**
     * @param header      the trace's header
     * @param description e.g. {@code static-skew(seed=1)}
     * @param passes      a new generator pass from the first event, on each call
     */
    public GeneratedTrace(TraceHeader header, String description, Supplier<TraceCursor> passes) {
        this.header = header;
        this.description = description;
        this.passes = passes;
    }

    @Override
    public TraceHeader header() {
        return header;
    }

    @Override
    public TraceCursor open() {
        return passes.get();
    }

    @Override
    public String description() {
        return description;
    }

    /** The whole trace held in memory (tests, benchmarks, small traces: memory grows with the length). */
    public InMemoryTrace inMemory() {
        List<TraceEvent> events = new ArrayList<>();
        try (TraceCursor c = open()) {
            c.forEachRemaining(events::add);
        }
        return new InMemoryTrace(header, events, description);
    }
}
