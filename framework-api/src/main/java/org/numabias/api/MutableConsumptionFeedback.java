package org.numabias.api;

/**
 * The runtime's reusable {@link ConsumptionFeedback}: filled with {@link #set} before each
 * {@code onConsumption} call, so the hot path allocates nothing.
 */
public final class MutableConsumptionFeedback implements ConsumptionFeedback {
    private long timeNs;
    private long bufferId;
    private int device;
    private int queue;
    private long flow;
    private int producerNode;
    private int allocNode;
    private int cpu;
    private int node;
    private long bytes;

    /** Fills every field for the next {@code onConsumption} call; returns this. */
    public MutableConsumptionFeedback set(long timeNs, long bufferId, int device, int queue, long flow,
                                          int producerNode, int allocNode, int cpu, int node, long bytes) {
        this.timeNs = timeNs;
        this.bufferId = bufferId;
        this.device = device;
        this.queue = queue;
        this.flow = flow;
        this.producerNode = producerNode;
        this.allocNode = allocNode;
        this.cpu = cpu;
        this.node = node;
        this.bytes = bytes;
        return this;
    }

    @Override public long timeNs() { return timeNs; }
    @Override public long bufferId() { return bufferId; }
    @Override public int device() { return device; }
    @Override public int queue() { return queue; }
    @Override public long flow() { return flow; }
    @Override public int producerNode() { return producerNode; }
    @Override public int allocNode() { return allocNode; }
    @Override public int cpu() { return cpu; }
    @Override public int node() { return node; }
    @Override public long bytes() { return bytes; }
}
