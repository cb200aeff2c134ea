package org.numabias.runtime.store;

import org.numabias.api.trace.TraceEvent;

/**
 * A checked block of a stored trace's events as primitive columns (event {@code i} of the block is
 * at index {@code i} of every column; the columns its kind lacks hold no meaning): how the replay engine
 * reads a store, with no object per event. A reader fills and reuses one block: its contents are valid
 * until the reader's next call. Consumers read the columns and never write them. {@link #event}
 * gives the record view ({@link TraceEvent}) that cursors hand out.
 */
public final class EventBlock {
    /** Event kinds in {@link #kind}. */
    public static final byte ALLOC = ExcerptKind.ALLOC;
    public static final byte CONSUME = ExcerptKind.CONSUME;
    public static final byte FREE = ExcerptKind.FREE;

    public final byte[] kind;
    public final long[] time;
    public final long[] buffer;
    public final int[] device;
    public final int[] queue;
    public final long[] flow;
    public final int[] cpu;
    public final int[] node;
    public final long[] bytes;
    public final int[] allocNode;
    int size;

    EventBlock(int capacity) {
        kind = new byte[capacity];
        time = new long[capacity];
        buffer = new long[capacity];
        device = new int[capacity];
        queue = new int[capacity];
        flow = new long[capacity];
        cpu = new int[capacity];
        node = new int[capacity];
        bytes = new long[capacity];
        allocNode = new int[capacity];
    }

    /** The number of events in the block. */
    public int size() {
        return size;
    }

    /** Event {@code i} as a record. */
    public TraceEvent event(int i) {
        return switch (kind[i]) {
            case ALLOC -> new TraceEvent.Alloc(time[i], buffer[i], device[i], queue[i], flow[i], cpu[i], node[i], bytes[i],
                    allocNode[i]);
            case CONSUME -> new TraceEvent.Consume(time[i], buffer[i], cpu[i], node[i], bytes[i]);
            default -> new TraceEvent.Free(time[i], buffer[i]);
        };
    }

    /** A stored trace's checked blocks, in order. Close it when done. */
    public interface Cursor extends AutoCloseable {
        /**
         * The next block (never empty), valid until the next call; null at the end.
         *
         * @throws org.numabias.api.trace.TraceFormatException at damage, as the trace's record cursor does
         */
        EventBlock next();

        @Override
        void close();
    }
}
