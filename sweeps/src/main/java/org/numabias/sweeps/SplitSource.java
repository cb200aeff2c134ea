package org.numabias.sweeps;

import org.numabias.api.KeyTable;
import org.numabias.api.trace.PullCursor;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;

/**
 * Part {@code part} of {@code parts} of a trace split by device: the Allocs of the devices d with
 * {@code floorMod(d, parts) == part}, and the Consumes and Frees of the buffer instances they opened.
 * Each buffer event goes to the part that owns the buffer's live instance in the whole trace (so an
 * Alloc that replaces another device's live instance moves the id, as in the unsplit replay);
 * Consumes and Frees of buffers that are not live go to part 0 (counted once). So every instance's
 * events, and every key's (key = device, or device with queue or flow), stay in one part in their order.
 *
 * <p>With {@code parts == 1} the source passes every event. Either way its cursor tells the
 * {@link ScoreClock} the whole-trace index of each event it returns, and counts the scored Consumes of
 * live instances per consumer node ({@link #actualByNode()}, the actual side of kappa).
 */
final class SplitSource implements TraceSource {
    private final TraceSource trace;
    private final int part;
    private final int parts;
    private final ScoreClock clock;
    private final long scoreFromIndex;
    private final long[] actualByNode;

    SplitSource(TraceSource trace, int part, int parts, ScoreClock clock, long scoreFromIndex) {
        this.trace = trace;
        this.part = part;
        this.parts = parts;
        this.clock = clock;
        this.scoreFromIndex = scoreFromIndex;
        this.actualByNode = new long[trace.header().topology().nodes()];
    }

    @Override
    public TraceHeader header() {
        return trace.header();
    }

    @Override
    public String description() {
        return trace.description();
    }

    /** Scored consumptions per consumer node in this part, counted during the last pass. */
    long[] actualByNode() {
        return actualByNode.clone();
    }

    /** How many events of this part come before whole-trace index {@code globalIndex} (one pass over the trace). */
    long eventsBefore(long globalIndex) {
        long count = 0;
        try (Router r = new Router(trace.open())) {
            while (r.hasNext() && r.index < globalIndex) { // hasNext fetched the next event of this part
                r.next();
                count++;
            }
        }
        return count;
    }

    /** Events in the whole trace (one pass). */
    static long count(TraceSource trace) {
        long n = 0;
        try (TraceCursor c = trace.open()) {
            while (c.hasNext()) {
                c.next();
                n++;
            }
        }
        return n;
    }

    @Override
    public TraceCursor open() {
        java.util.Arrays.fill(actualByNode, 0);
        return new Router(trace.open());
    }

    private final class Router extends PullCursor {
        private final TraceCursor in;
        private final KeyTable owner = new KeyTable(1024); // live buffer id -> owning part
        long index = -1; // whole-trace index of the last event read

        Router(TraceCursor in) {
            this.in = in;
        }

        @Override
        protected TraceEvent fetch() {
            while (in.hasNext()) {
                TraceEvent e = in.next();
                index++;
                boolean mine = switch (e) {
                    case TraceEvent.Alloc a -> {
                        int p = Math.floorMod(a.device(), parts);
                        owner.put(a.bufferId(), 0, p);
                        yield p == part;
                    }
                    case TraceEvent.Consume c -> {
                        int p = owner.get(c.bufferId(), 0);
                        if (p == part && index >= scoreFromIndex) {
                            actualByNode[c.node()]++;
                        }
                        yield p == KeyTable.ABSENT ? part == 0 : p == part;
                    }
                    case TraceEvent.Free f -> {
                        int p = owner.remove(f.bufferId(), 0);
                        yield p == KeyTable.ABSENT ? part == 0 : p == part;
                    }
                };
                if (mine) {
                    clock.at(index);
                    return e;
                }
            }
            return null;
        }

        @Override
        public void close() {
            in.close();
        }
    }
}
