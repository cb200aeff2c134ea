package org.numabias.runtime.store;

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
        return EVENT_BYTES[kind & 0xFF];
    }

    /** {@link #eventBytes} by kind byte: a table, because a switch mispredicts on the alternating kinds. */
    private static final int[] EVENT_BYTES = new int[256];

    static {
        java.util.Arrays.fill(EVENT_BYTES, -1);
        EVENT_BYTES[ALLOC] = ALLOC_BYTES;
        EVENT_BYTES[CONSUME] = CONSUME_BYTES;
        EVENT_BYTES[FREE] = FREE_BYTES;
    }

    /** The longest event excerpt rounded up to whole longs: what {@link #decode} reads and writes from each excerpt. */
    static final int DECODE_SPAN = 56;

    /**
     * Copies the event excerpt whose payload starts at {@code in[p]} (kind byte first, little-endian,
     * length already checked) to {@code copy[at]}, where its block's checksum is computed in one pass;
     * returns the largest node id it names (-1 for a Free). Both arrays must have {@link #DECODE_SPAN}
     * bytes from there: every kind is read and copied as if it were the longest, so that no branch
     * depends on the kind (kinds alternate unpredictably); the bytes copied beyond the excerpt are
     * overwritten by the next one. Hand-written: this is the store's read path.
     */
    static int copy(byte[] in, int p, byte[] copy, int at) {
        for (int k = 0; k < DECODE_SPAN; k += 8) {
            LONG.set(copy, at + k, (long) LONG.get(in, p + k));
        }
        byte kind = in[p];
        // a Consume's cpu, node and bytes are where an Alloc's device, queue and flow are
        int tail = kind == ALLOC ? 16 : 0;
        int node = (int) INT.get(in, p + 21 + tail);
        int nodes = tail != 0 ? Math.max(node, (int) INT.get(in, p + 49)) : node;
        return kind == FREE ? -1 : nodes;
    }

    /**
     * {@link #copy} and event {@code i} of {@code block}'s columns decoded from the same bytes, as if
     * every kind were an Alloc (the columns a kind lacks get the bytes after it: they hold no meaning).
     */
    static int decode(byte[] in, int p, byte[] copy, int at, EventBlock block, int i) {
        int nodes = copy(in, p, copy, at);
        int tail = in[p] == ALLOC ? 16 : 0;
        block.kind[i] = in[p];
        block.time[i] = (long) LONG.get(in, p + 1);
        block.buffer[i] = (long) LONG.get(in, p + 9);
        block.device[i] = (int) INT.get(in, p + 17);
        block.queue[i] = (int) INT.get(in, p + 21);
        block.flow[i] = (long) LONG.get(in, p + 25);
        block.cpu[i] = (int) INT.get(in, p + 17 + tail);
        block.node[i] = (int) INT.get(in, p + 21 + tail);
        block.bytes[i] = (long) LONG.get(in, p + 25 + tail);
        block.allocNode[i] = (int) INT.get(in, p + 49);
        return nodes;
    }

    /** The event record of the excerpt whose payload starts at {@code in[p]} (length already checked). */
    static TraceEvent event(byte[] in, int p) {
        long time = (long) LONG.get(in, p + 1);
        long buffer = (long) LONG.get(in, p + 9);
        return switch (in[p]) {
            case ALLOC -> new TraceEvent.Alloc(time, buffer, (int) INT.get(in, p + 17), (int) INT.get(in, p + 21),
                    (long) LONG.get(in, p + 25), (int) INT.get(in, p + 33), (int) INT.get(in, p + 37),
                    (long) LONG.get(in, p + 41), (int) INT.get(in, p + 49));
            case CONSUME -> new TraceEvent.Consume(time, buffer, (int) INT.get(in, p + 17), (int) INT.get(in, p + 21),
                    (long) LONG.get(in, p + 25));
            default -> new TraceEvent.Free(time, buffer);
        };
    }
}
