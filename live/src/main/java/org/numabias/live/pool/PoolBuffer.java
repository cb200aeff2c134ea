package org.numabias.live.pool;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * One fixed-size buffer carved from a slab of its pool's node, with the metadata the live loop
 * carries with it (our skb). The memory and {@link #byteBuffer()} view are fixed for the buffer's
 * life; the public fields describe its current use and are written by whichever thread holds it
 * (the hand-off through a concurrent queue orders them).
 */
public final class PoolBuffer {
    private final long id;
    private final int node;
    private final MemorySegment segment;
    private final ByteBuffer byteBuffer;

    /** Producer (device) that allocated it; its feedback goes back there. */
    public int device;
    /** Receive queue (the flow's socket index on its device). */
    public int queue;
    /** Flow hash. */
    public long flow;
    /** The producer's node and CPU at allocation. */
    public int producerNode;
    /** The producer's CPU at allocation. */
    public int producerCpu;
    /** Allocation (receive) time, ns since the run's start. */
    public long allocNs;
    /** Payload length received. */
    public int length;
    /** The consumer's node and CPU, and the consumption time, once consumed. */
    public int consumerNode;
    /** The consumer's CPU. */
    public int consumerCpu;
    /** Consumption time, ns since the run's start. */
    public long consumeNs;

    PoolBuffer(long id, int node, MemorySegment segment) {
        this.id = id;
        this.node = node;
        this.segment = segment;
        this.byteBuffer = segment.asByteBuffer();
    }

    /** Unique id of this buffer (stable across reuse: a trace sees Alloc, Consume, Free, Alloc... of it). */
    public long id() {
        return id;
    }

    /** The node of the pool it belongs to (where its memory was allocated). */
    public int node() {
        return node;
    }

    /** Its memory. */
    public MemorySegment segment() {
        return segment;
    }

    /** A direct view of its memory for NIO (receive straight into the buffer); cleared by the pool on take. */
    public ByteBuffer byteBuffer() {
        return byteBuffer;
    }
}
