package org.numabias.kernel.advise;

import java.util.HashSet;
import java.util.Set;
import org.numabias.api.trace.PullCursor;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;

/**
 * The events of one receive queue of a trace: its Allocs, and the Consumes and Frees of the buffers
 * they started (followed by buffer id while live). A view: reading it reads the whole trace; memory
 * is the queue's live buffers.
 */
record QueueTrace(TraceSource trace, int device, int queue) implements TraceSource {
    @Override
    public TraceHeader header() {
        return trace.header();
    }

    @Override
    public String description() {
        return trace.description() + " (device " + device + ", queue " + queue + ")";
    }

    @Override
    public TraceCursor open() {
        TraceCursor all = trace.open();
        Set<Long> live = new HashSet<>();
        return new PullCursor() {
            @Override
            protected TraceEvent fetch() {
                while (all.hasNext()) {
                    TraceEvent e = all.next();
                    switch (e) {
                        case TraceEvent.Alloc a -> {
                            if (a.device() == device && a.queue() == queue) {
                                live.add(a.bufferId());
                                return a;
                            }
                            live.remove(a.bufferId()); // the id now names another queue's buffer
                        }
                        case TraceEvent.Consume c -> {
                            if (live.contains(c.bufferId())) {
                                return c;
                            }
                        }
                        case TraceEvent.Free f -> {
                            if (live.remove(f.bufferId())) {
                                return f;
                            }
                        }
                    }
                }
                return null;
            }

            @Override
            public void close() {
                all.close();
            }
        };
    }
}
