package org.numabias.live.pool;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import org.numabias.live.numa.NodeMemory;

/**
 * The buffers of one node: slabs of {@code slabBytes} allocated on the node as needed (at most
 * {@code maxSlabs}), carved into buffers of {@code bufferSize}, recycled through a bounded lock-free
 * queue. {@link #take()} never allocates native memory except when it grows by a slab; when every
 * slab is in use it returns null and counts an exhaustion (the caller drops). Pages are touched when
 * a slab is carved, so no page fault lands on the data path. Thread-safe.
 */
public final class NodePool {
    private final NodeMemory memory;
    private final int node;
    private final int bufferSize;
    private final int buffersPerSlab;
    private final int maxSlabs;
    private final ManyToManyConcurrentArrayQueue<PoolBuffer> free;
    private final List<MemorySegment> slabs = new ArrayList<>();
    private final long idBase;
    private volatile int slabCount;
    private final AtomicLong exhausted = new AtomicLong();
    private volatile boolean closed;

    NodePool(NodeMemory memory, int node, int bufferSize, long slabBytes, int maxSlabs, long idBase) {
        if (bufferSize < 64 || slabBytes < bufferSize || maxSlabs < 1) {
            throw new IllegalArgumentException("pool needs bufferSize >= 64, slabBytes >= bufferSize, maxSlabs >= 1; got "
                    + bufferSize + ", " + slabBytes + ", " + maxSlabs);
        }
        this.memory = memory;
        this.node = node;
        this.bufferSize = bufferSize;
        this.buffersPerSlab = (int) Math.min(Integer.MAX_VALUE, slabBytes / bufferSize);
        this.maxSlabs = maxSlabs;
        this.free = new ManyToManyConcurrentArrayQueue<>(Math.max(2, buffersPerSlab * maxSlabs));
        this.idBase = idBase;
    }

    /** A free buffer of this node, cleared for receiving, or null when the pool is exhausted. */
    public PoolBuffer take() {
        PoolBuffer b = free.poll();
        if (b == null) {
            b = grow();
            if (b == null) {
                exhausted.incrementAndGet();
                return null;
            }
        }
        b.byteBuffer().clear();
        return b;
    }

    /** Returns a buffer taken from this pool. */
    public void release(PoolBuffer b) {
        if (b.node() != node || !free.offer(b)) {
            throw new IllegalStateException("buffer " + b.id() + " does not belong to the pool of node " + node);
        }
    }

    private synchronized PoolBuffer grow() {
        if (closed || slabCount >= maxSlabs) {
            return null;
        }
        MemorySegment slab = memory.alloc((long) buffersPerSlab * bufferSize, node);
        for (long off = 0; off < slab.byteSize(); off += 4096) {
            slab.set(ValueLayout.JAVA_BYTE, off, (byte) 0); // first touch now, not on the data path
        }
        slabs.add(slab);
        long firstId = idBase + (long) slabCount * buffersPerSlab;
        slabCount++;
        PoolBuffer first = null;
        for (int i = 0; i < buffersPerSlab; i++) {
            PoolBuffer b = new PoolBuffer(firstId + i, node, slab.asSlice((long) i * bufferSize, bufferSize));
            if (first == null) {
                first = b;
            } else {
                free.offer(b);
            }
        }
        return first;
    }

    /** Adds slabs until {@code count} exist (or the maximum), so a run starts with warm buffers. */
    public synchronized void reserve(int count) {
        while (slabCount < Math.min(count, maxSlabs)) {
            release(grow());
        }
    }

    /** The node. */
    public int node() {
        return node;
    }

    /** Bytes of each buffer. */
    public int bufferSize() {
        return bufferSize;
    }

    /** What the pool holds now. */
    public Stats stats() {
        int total = slabCount * buffersPerSlab;
        return new Stats(node, slabCount, maxSlabs, total, buffersPerSlab * maxSlabs, total - free.size(), (long) slabCount * buffersPerSlab * bufferSize,
                exhausted.get());
    }

    /** The real node of one sampled page of each slab (-1 where it cannot be known). */
    public synchronized int[] slabPageNodes() {
        return slabs.stream().mapToInt(memory::realNodeOfPage).toArray();
    }

    /** Frees every slab; call only once no thread uses the pool's buffers any more. */
    public synchronized void close() {
        closed = true;
        slabs.forEach(memory::free);
        slabs.clear();
    }

    /**
     * A pool's state: slabs in use of the maximum, buffers carved, the most that can exist, and in use (taken, not yet
     * released), native bytes reserved, and how often a take found it exhausted.
     */
    public record Stats(int node, int slabs, int maxSlabs, int buffers, int capacity, int inUse, long reservedBytes, long exhausted) {
    }
}
