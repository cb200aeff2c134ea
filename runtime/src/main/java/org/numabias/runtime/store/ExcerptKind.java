package org.numabias.runtime.store;

import java.nio.ByteBuffer;
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

    /** Decodes the event excerpt in {@code in} (little-endian, kind byte at 0, length already checked). */
    static TraceEvent decode(ByteBuffer in) {
        return switch (in.get(0)) {
            case ALLOC -> new TraceEvent.Alloc(in.getLong(1), in.getLong(9), in.getInt(17), in.getInt(21), in.getLong(25),
                    in.getInt(33), in.getInt(37), in.getLong(41), in.getInt(49));
            case CONSUME -> new TraceEvent.Consume(in.getLong(1), in.getLong(9), in.getInt(17), in.getInt(21), in.getLong(25));
            case FREE -> new TraceEvent.Free(in.getLong(1), in.getLong(9));
            default -> throw new IllegalArgumentException("not an event excerpt: " + in.get(0));
        };
    }
}
