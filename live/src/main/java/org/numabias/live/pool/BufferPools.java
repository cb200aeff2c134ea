package org.numabias.live.pool;

import java.util.ArrayList;
import java.util.List;
import org.numabias.live.numa.NodeMemory;

/**
 * One {@link NodePool} per node of a {@link NodeMemory}, all with the same buffer size and bounds:
 * total native memory is at most {@code nodes x maxSlabs x slabBytes}. Buffer ids are unique across
 * pools. Thread-safe.
 */
public final class BufferPools implements AutoCloseable {
    private final NodePool[] pools;
    private final long maxId;

    /**
     * @param bufferSize bytes per buffer (the largest datagram the loop can receive)
     * @param slabBytes  bytes per slab (a multiple of the page size is best)
     * @param maxSlabs   slabs per node at most
     */
    public BufferPools(NodeMemory memory, int bufferSize, long slabBytes, int maxSlabs) {
        pools = new NodePool[memory.nodes()];
        long idSpace = (long) maxSlabs * (slabBytes / bufferSize);
        maxId = memory.nodes() * idSpace;
        for (int n = 0; n < pools.length; n++) {
            pools[n] = new NodePool(memory, n, bufferSize, slabBytes, maxSlabs, 1 + n * idSpace);
        }
    }

    /** The largest id any buffer of these pools can have (ids start at 1). */
    public long maxId() {
        return maxId;
    }

    /** The pool of {@code node}. */
    public NodePool node(int node) {
        return pools[node];
    }

    /** Number of pools (= nodes). */
    public int nodes() {
        return pools.length;
    }

    /** Every pool's state. */
    public List<NodePool.Stats> stats() {
        List<NodePool.Stats> out = new ArrayList<>();
        for (NodePool p : pools) {
            out.add(p.stats());
        }
        return out;
    }

    /** Buffers in use over buffers that can exist, all pools. */
    public double use() {
        long inUse = 0;
        long max = 0;
        for (NodePool.Stats s : stats()) {
            inUse += s.inUse();
            max += s.capacity();
        }
        return max == 0 ? 0 : (double) inUse / max;
    }

    @Override
    public void close() {
        for (NodePool p : pools) {
            p.close();
        }
    }
}
