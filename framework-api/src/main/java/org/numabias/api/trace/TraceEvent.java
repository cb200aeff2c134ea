package org.numabias.api.trace;

/**
 * One event of a trace (DESIGN.md, "Trace model"). Unknown integer fields are -1; node ids are
 * {@code 0..nodes-1}. Events are ordered by time; ties keep their order.
 */
public sealed interface TraceEvent permits TraceEvent.Alloc, TraceEvent.Consume, TraceEvent.Free {

    /** Time in nanoseconds. */
    long timeNs();

    /** The buffer the event is about. */
    long bufferId();

    /**
     * A producer allocated (or received into) buffer {@code bufferId} on {@code cpu} (node {@code node})
     * for {@code device}, rx {@code queue}, flow hash {@code flow}, {@code bytes} long.
     * {@code allocNode} is where the buffer was actually placed when known (live mode), else -1.
     */
    record Alloc(long timeNs, long bufferId, int device, int queue, long flow, int cpu, int node, long bytes,
                 int allocNode) implements TraceEvent {
        /** An Alloc whose placement is unknown (every imported trace). */
        public Alloc(long timeNs, long bufferId, int device, int queue, long flow, int cpu, int node, long bytes) {
            this(timeNs, bufferId, device, queue, flow, cpu, node, bytes, -1);
        }
    }

    /** A consumer on {@code cpu} (node {@code node}) copied {@code bytes} out of the buffer. */
    record Consume(long timeNs, long bufferId, int cpu, int node, long bytes) implements TraceEvent {
    }

    /** The end of the buffer's life. */
    record Free(long timeNs, long bufferId) implements TraceEvent {
    }
}
