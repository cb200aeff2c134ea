package org.numabias.api;

/**
 * The runtime's reusable {@link AllocationContext}: one instance is filled with {@link #set} before
 * each {@code predict} call, so the hot path allocates nothing. Predictors only ever see the
 * read-only interface.
 */
public final class MutableAllocationContext implements AllocationContext {
    private long timeNs;
    private long allocIndex;
    private long bufferId;
    private int device;
    private int queue;
    private long flow;
    private int cpu;
    private int node;
    private long bytes;
    private Topology topology;

    /** A context for predictions on {@code topology}. */
    public MutableAllocationContext(Topology topology) {
        this.topology = topology;
    }

    /** Fills every field for the next {@code predict} call; returns this. */
    public MutableAllocationContext set(long timeNs, long allocIndex, long bufferId, int device, int queue, long flow,
                                        int cpu, int node, long bytes) {
        this.timeNs = timeNs;
        this.allocIndex = allocIndex;
        this.bufferId = bufferId;
        this.device = device;
        this.queue = queue;
        this.flow = flow;
        this.cpu = cpu;
        this.node = node;
        this.bytes = bytes;
        return this;
    }

    @Override public long timeNs() { return timeNs; }
    @Override public long allocIndex() { return allocIndex; }
    @Override public long bufferId() { return bufferId; }
    @Override public int device() { return device; }
    @Override public int queue() { return queue; }
    @Override public long flow() { return flow; }
    @Override public int cpu() { return cpu; }
    @Override public int node() { return node; }
    @Override public long bytes() { return bytes; }
    @Override public Topology topology() { return topology; }
}
