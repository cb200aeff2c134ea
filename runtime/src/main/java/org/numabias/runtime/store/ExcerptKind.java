package org.numabias.runtime.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
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

    /** Encodes {@code event} at {@code out}'s position 0 (little-endian); returns its length. */
    static int encode(TraceEvent event, ByteBuffer out) {
        out.clear();
        switch (event) {
            case TraceEvent.Alloc a -> out.put(ALLOC).putLong(a.timeNs()).putLong(a.bufferId()).putInt(a.device())
                    .putInt(a.queue()).putLong(a.flow()).putInt(a.cpu()).putInt(a.node()).putLong(a.bytes())
                    .putInt(a.allocNode());
            case TraceEvent.Consume c -> out.put(CONSUME).putLong(c.timeNs()).putLong(c.bufferId()).putInt(c.cpu())
                    .putInt(c.node()).putLong(c.bytes());
            case TraceEvent.Free f -> out.put(FREE).putLong(f.timeNs()).putLong(f.bufferId());
        }
        return out.position();
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
     * Decodes the event excerpt at {@code bytes[at]} (kind byte first, little-endian, length already
     * checked) into event {@code i} of {@code block}'s columns; returns the largest node id it names
     * (-1 for a Free). Hand-written with array views: this is the store's read path.
     */
    static int decode(byte[] bytes, int at, EventBlock block, int i) {
        byte kind = bytes[at];
        block.kind[i] = kind;
        block.time[i] = (long) LONG.get(bytes, at + 1);
        block.buffer[i] = (long) LONG.get(bytes, at + 9);
        switch (kind) {
            case ALLOC -> {
                block.device[i] = (int) INT.get(bytes, at + 17);
                block.queue[i] = (int) INT.get(bytes, at + 21);
                block.flow[i] = (long) LONG.get(bytes, at + 25);
                block.cpu[i] = (int) INT.get(bytes, at + 33);
                block.node[i] = (int) INT.get(bytes, at + 37);
                block.bytes[i] = (long) LONG.get(bytes, at + 41);
                block.allocNode[i] = (int) INT.get(bytes, at + 49);
                return Math.max(block.node[i], block.allocNode[i]);
            }
            case CONSUME -> {
                block.cpu[i] = (int) INT.get(bytes, at + 17);
                block.node[i] = (int) INT.get(bytes, at + 21);
                block.bytes[i] = (long) LONG.get(bytes, at + 25);
                return block.node[i];
            }
            default -> {
                return -1;
            }
        }
    }
}
