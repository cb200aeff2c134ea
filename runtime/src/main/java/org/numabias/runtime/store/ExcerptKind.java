package org.numabias.runtime.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.numabias.api.trace.TraceEvent;

/**
 * The first byte of every excerpt in a trace queue, and the fixed little-endian layout of the
 * event excerpts (shared by the writer and the reader, so the two cannot drift apart).
 */
final class ExcerptKind {
    /** The header, always the first excerpt, written when the trace is created (format 2: then a CRC32C of the excerpt). */
    static final byte HEADER = 'H';
    /**
     * The complete header again (final device names and counts), the last excerpt of a closed trace;
     * format 2 adds the totals ({@link #SEAL_TOTALS_BYTES}) and a CRC32C of the excerpt.
     */
    static final byte SEAL = 'S';
    /** Format 2: the checksum of the block of event excerpts since the previous one ({@link #CHECKSUM_BYTES} bytes). */
    static final byte CHECKSUM = 'K';
    static final byte ALLOC = 'A';
    static final byte CONSUME = 'C';
    static final byte FREE = 'F';

    /** Excerpt sizes, kind byte included. */
    static final int ALLOC_BYTES = 1 + 8 + 8 + 4 + 4 + 8 + 4 + 4 + 8 + 4;
    static final int CONSUME_BYTES = 1 + 8 + 8 + 4 + 4 + 8;
    static final int FREE_BYTES = 1 + 8 + 8;
    /** Kind, index of the block's first event (long), event count (int), CRC32C of the block's event excerpts (int). */
    static final int CHECKSUM_BYTES = 1 + 8 + 4 + 4;
    /** Events, allocs, consumes, frees, checksum blocks (longs) and the CRC32C of every event excerpt in order (int). */
    static final int SEAL_TOTALS_BYTES = 5 * 8 + 4;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong SEGMENT_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt SEGMENT_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ExcerptKind() {
    }

    /**
     * Encodes {@code event} at {@code out[at]} (kind byte first, then the fields little-endian); returns
     * its length. {@code out} must have {@link #ALLOC_BYTES} bytes from {@code at}.
     */
    static int encode(TraceEvent event, byte[] out, int at) {
        switch (event) {
            case TraceEvent.Alloc a -> {
                head(out, at, ALLOC, a.timeNs(), a.bufferId());
                INT.set(out, at + 17, a.device());
                INT.set(out, at + 21, a.queue());
                LONG.set(out, at + 25, a.flow());
                INT.set(out, at + 33, a.cpu());
                INT.set(out, at + 37, a.node());
                LONG.set(out, at + 41, a.bytes());
                INT.set(out, at + 49, a.allocNode());
                return ALLOC_BYTES;
            }
            case TraceEvent.Consume c -> {
                head(out, at, CONSUME, c.timeNs(), c.bufferId());
                INT.set(out, at + 17, c.cpu());
                INT.set(out, at + 21, c.node());
                LONG.set(out, at + 25, c.bytes());
                return CONSUME_BYTES;
            }
            case TraceEvent.Free f -> {
                head(out, at, FREE, f.timeNs(), f.bufferId());
                return FREE_BYTES;
            }
        }
    }

    /** The kind, time and buffer that every event excerpt starts with. */
    private static void head(byte[] out, int at, byte kind, long time, long buffer) {
        out[at] = kind;
        LONG.set(out, at + 1, time);
        LONG.set(out, at + 9, buffer);
    }

    /** The exact excerpt length of an event kind, or -1 if {@code kind} is not an event. */
    static int eventBytes(byte kind) {
        return switch (kind) {
            case ALLOC -> ALLOC_BYTES;
            case CONSUME -> CONSUME_BYTES;
            case FREE -> FREE_BYTES;
            default -> -1;
        };
    }

    /**
     * Decodes the event excerpt whose payload starts at byte {@code p} of {@code m} (kind byte first,
     * little-endian, length already checked) into event {@code i} of {@code block}'s columns, and puts
     * the same bytes at {@code copy[at]}, where the block's checksum is computed in one pass (storing the
     * fields just loaded costs less than a bulk copy from the mapped file per excerpt); returns the
     * largest node id it names (-1 for a Free). Hand-written: this is the store's read path.
     */
    static int decode(MemorySegment m, long p, byte[] copy, int at, EventBlock block, int i) {
        byte kind = m.get(ValueLayout.JAVA_BYTE, p);
        long time = m.get(SEGMENT_LONG, p + 1);
        long buffer = m.get(SEGMENT_LONG, p + 9);
        block.kind[i] = kind;
        block.time[i] = time;
        block.buffer[i] = buffer;
        head(copy, at, kind, time, buffer);
        switch (kind) {
            case ALLOC -> {
                int device = m.get(SEGMENT_INT, p + 17);
                int queue = m.get(SEGMENT_INT, p + 21);
                long flow = m.get(SEGMENT_LONG, p + 25);
                int cpu = m.get(SEGMENT_INT, p + 33);
                int node = m.get(SEGMENT_INT, p + 37);
                long bytes = m.get(SEGMENT_LONG, p + 41);
                int allocNode = m.get(SEGMENT_INT, p + 49);
                block.device[i] = device;
                block.queue[i] = queue;
                block.flow[i] = flow;
                block.cpu[i] = cpu;
                block.node[i] = node;
                block.bytes[i] = bytes;
                block.allocNode[i] = allocNode;
                INT.set(copy, at + 17, device);
                INT.set(copy, at + 21, queue);
                LONG.set(copy, at + 25, flow);
                INT.set(copy, at + 33, cpu);
                INT.set(copy, at + 37, node);
                LONG.set(copy, at + 41, bytes);
                INT.set(copy, at + 49, allocNode);
                return Math.max(node, allocNode);
            }
            case CONSUME -> {
                int cpu = m.get(SEGMENT_INT, p + 17);
                int node = m.get(SEGMENT_INT, p + 21);
                long bytes = m.get(SEGMENT_LONG, p + 25);
                block.cpu[i] = cpu;
                block.node[i] = node;
                block.bytes[i] = bytes;
                INT.set(copy, at + 17, cpu);
                INT.set(copy, at + 21, node);
                LONG.set(copy, at + 25, bytes);
                return node;
            }
            default -> {
                return -1;
            }
        }
    }
}
