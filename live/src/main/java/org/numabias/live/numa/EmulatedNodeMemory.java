package org.numabias.live.numa;

import java.lang.foreign.MemorySegment;
import java.util.Optional;
import org.numabias.api.Topology;

/**
 * N virtual nodes on one real node: node ids are labels the loop carries (pools, consumers, the
 * trace), but all memory comes from the same real node and threads are not bound. Copy costs
 * between virtual nodes are therefore all local; only the bookkeeping (which buffer a predictor put
 * where, who consumed it) is exercised. Uses libnuma on real node 0 when present, so pages can
 * still be checked, else the JVM's native memory.
 */
public final class EmulatedNodeMemory implements NodeMemory {
    private final int nodes;
    private final Optional<Numa> numa;
    /** Without libnuma: the arena of each allocation, by address, so that {@link #free} can close it. */
    private final java.util.concurrent.ConcurrentHashMap<Long, java.lang.foreign.Arena> arenas =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param nodes how many virtual nodes, at least 1
     * @param numa  libnuma when present (memory then comes from real node 0)
     */
    public EmulatedNodeMemory(int nodes, Optional<Numa> numa) {
        if (nodes < 1) {
            throw new IllegalArgumentException("--emulate-nodes must be at least 1, got " + nodes);
        }
        this.nodes = nodes;
        this.numa = numa;
    }

    @Override
    public int nodes() {
        return nodes;
    }

    @Override
    public String mode() {
        return "emulated";
    }

    @Override
    public Topology topology() {
        return new Topology(nodes, new int[0], null, "emulated:" + nodes + "-virtual-nodes-on-1-real", true);
    }

    @Override
    public MemorySegment alloc(long bytes, int node) {
        if (node < 0 || node >= nodes) {
            throw new IllegalArgumentException("node " + node + " does not exist (emulated nodes 0.." + (nodes - 1) + ")");
        }
        if (numa.isPresent()) {
            return numa.get().allocOnNode(bytes, 0);
        }
        java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofShared();
        MemorySegment segment = arena.allocate(bytes, 4096);
        arenas.put(segment.address(), arena);
        return segment;
    }

    @Override
    public void free(MemorySegment segment) {
        if (numa.isPresent()) {
            numa.get().free(segment);
        } else {
            java.lang.foreign.Arena arena = arenas.remove(segment.address());
            if (arena != null) {
                arena.close();
            }
        }
    }

    @Override
    public void bindThread(int node) {
        if (node < 0 || node >= nodes) {
            throw new IllegalArgumentException("node " + node + " does not exist (emulated nodes 0.." + (nodes - 1) + ")");
        }
    }

    @Override
    public int currentCpu() {
        return numa.map(Numa::currentCpu).orElse(-1);
    }

    @Override
    public int realNodeOfPage(MemorySegment address) {
        return numa.map(n -> n.nodeOfPage(address)).orElse(-1);
    }

    @Override
    public String describe() {
        return "EMULATED: " + nodes + " virtual nodes on 1 real node (placement and copy costs are not real)";
    }
}
