package org.numabias.runtime.replay;

/**
 * What the predictor lanes of a group need from up to {@link #CAPACITY} events, read, checked and joined
 * once by the lead pass ({@link LaneGroups}): an Alloc with its instance's slot and allocation context,
 * or a Consume joined to a live instance with its slot, whether it is scored and its feedback fields.
 * Events the lanes do not see (Frees, Consumes of no live instance) are not here. Primitive columns
 * (step {@code i} at index {@code i} of each), reused: filled by the lead, read by every other group,
 * then handed back ({@link StepChannel}).
 */
final class LaneSteps {
    /** Steps in one hand-off: a few hundred microseconds of a lead's work, so the hand-offs cost nothing. */
    static final int CAPACITY = 4096;
    static final byte ALLOC = 0;
    static final byte CONSUME = 1;
    static final byte SCORED_CONSUME = 2;

    final byte[] op;
    /** The event's index in the trace. */
    final long[] index;
    final int[] slot;
    final long[] time;
    final long[] buffer;
    /** Alloc: its allocation index. */
    final long[] allocIndex;
    /** The instance's Alloc device, queue and flow. */
    final int[] device;
    final int[] queue;
    final long[] flow;
    final int[] cpu;
    /** Alloc: the producer's node; Consume: the consumer's. */
    final int[] node;
    /** Consume: the instance's producer node. */
    final int[] producer;
    final long[] bytes;
    int size;

    LaneSteps(int capacity) {
        op = new byte[capacity];
        index = new long[capacity];
        slot = new int[capacity];
        time = new long[capacity];
        buffer = new long[capacity];
        allocIndex = new long[capacity];
        device = new int[capacity];
        queue = new int[capacity];
        flow = new long[capacity];
        cpu = new int[capacity];
        node = new int[capacity];
        producer = new int[capacity];
        bytes = new long[capacity];
    }

    /** Whether no step fits any more. */
    boolean full() {
        return size == op.length;
    }

    /** Adds an Alloc of the instance in {@code slot}. */
    void alloc(long eventIndex, int instance, long timeNs, long allocationIndex, long bufferId, int allocDevice,
               int allocQueue, long allocFlow, int allocCpu, int producerNode, long allocBytes) {
        int i = size++;
        op[i] = ALLOC;
        index[i] = eventIndex;
        slot[i] = instance;
        time[i] = timeNs;
        allocIndex[i] = allocationIndex;
        buffer[i] = bufferId;
        device[i] = allocDevice;
        queue[i] = allocQueue;
        flow[i] = allocFlow;
        cpu[i] = allocCpu;
        node[i] = producerNode;
        bytes[i] = allocBytes;
    }

    /** Adds a Consume of the instance in {@code slot}. */
    void consume(long eventIndex, int instance, boolean scored, long timeNs, long bufferId, int allocDevice, int allocQueue,
                 long allocFlow, int producerNode, int consumerCpu, int consumerNode, long consumed) {
        int i = size++;
        op[i] = scored ? SCORED_CONSUME : CONSUME;
        index[i] = eventIndex;
        slot[i] = instance;
        time[i] = timeNs;
        buffer[i] = bufferId;
        device[i] = allocDevice;
        queue[i] = allocQueue;
        flow[i] = allocFlow;
        producer[i] = producerNode;
        cpu[i] = consumerCpu;
        node[i] = consumerNode;
        bytes[i] = consumed;
    }
}
