package org.numabias.live.numa;

import java.lang.foreign.MemorySegment;
import org.numabias.api.Topology;

/** The machine's own NUMA nodes through libnuma: what a node id names is where memory really is. */
public record RealNodeMemory(Numa numa) implements NodeMemory {
    @Override
    public int nodes() {
        return numa.nodes();
    }

    @Override
    public String mode() {
        return "real";
    }

    @Override
    public Topology topology() {
        return new Topology(numa.nodes(), numa.cpuToNode(), null, "libnuma", false);
    }

    @Override
    public MemorySegment alloc(long bytes, int node) {
        return numa.allocOnNode(bytes, node);
    }

    @Override
    public void free(MemorySegment segment) {
        numa.free(segment);
    }

    @Override
    public void bindThread(int node) {
        numa.bindThreadToNode(node);
    }

    @Override
    public int currentCpu() {
        return numa.currentCpu();
    }

    @Override
    public int realNodeOfPage(MemorySegment address) {
        return numa.nodeOfPage(address);
    }

    @Override
    public String describe() {
        return "real: " + numa.describe();
    }
}
