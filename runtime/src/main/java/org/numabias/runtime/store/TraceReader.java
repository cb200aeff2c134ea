package org.numabias.runtime.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceHeader;

/**
 * Reads the excerpts of a trace in order and hands out its events, a block at a time: a block's
 * events are handed out only after its checksum matched, so a damaged event is never used. Strict
 * readers throw {@link TraceFormatException} at the first damage (saying where, and how many events
 * before it are intact); lenient readers ({@code verify}) record it, drop the damaged block and go
 * on. In an unsealed trace the events after the last checksum (a killed writer's last moments) are
 * ignored and counted. Format 1 traces have no checksums: their events are handed out unchecked.
 */
final class TraceReader {
    /** A damaged place: where (file and byte), the index of the first event affected, and what is wrong. */
    record Damage(String where, long firstEvent, String reason) {
        @Override
        public String toString() {
            return where + " (from event " + firstEvent + "): " + reason;
        }
    }

    /** The totals a format-2 seal holds. */
    record Totals(long events, long allocs, long consumes, long frees, long blocks, int crc) {
    }

    /**
     * A header or seal excerpt, decoded.
     *
     * @param header       the header, without the {@link ChronicleTraceWriter#EVENTS_SHA256} entry
     * @param totals       a format-2 seal's totals, else null
     * @param eventsSha256 the events digest a seal keeps (its writer's, covered by the seal's checksum), else null
     */
    record HeaderExcerpt(TraceHeader header, Totals totals, String eventsSha256) {
    }

    private final QueueFiles files;
    private final boolean columns;
    /** The most events a checksum block holds (a writer's block). */
    private static final int BLOCK = ChronicleTraceWriter.BLOCK_EVENTS;
    /** Where the next record's excerpt is in {@link #blockBytes} (records only). */
    private int readyAt;
    private final QueueFiles.Walk walk;
    private final String dir;
    private final boolean lenient;
    private final TraceHeader initial;
    private final boolean checksums;
    /**
     * The block handed out ({@code size} events from {@code readyPos} not yet read) and, once they are
     * read, the one being filled ({@code fillCount} events): one set of columns, so that they stay in
     * the cache.
     */
    private final EventBlock block;
    private int fillCount;
    private int readyPos;
    /** The event excerpts of the block being filled, back to back: checksummed in one pass when its checksum comes. */
    private final byte[] blockBytes = new byte[BLOCK * ExcerptKind.ALLOC_BYTES
            + ExcerptKind.DECODE_SPAN];
    private int blockLength;
    private final CRC32C blockCrc = new CRC32C();
    /** The CRC32C of every verified block's bytes in order, concatenated from the block checksums. */
    private int traceCrc;
    private final Crc32cConcat concat = new Crc32cConcat();
    private String blockStart;
    private boolean blockDamaged;
    private long eventsSeen;
    private long verified;
    private long blocks;
    private long ignoredTail;
    private int maxNode = -1;
    private HeaderExcerpt seal;
    private boolean done;
    private final List<Damage> damage = new ArrayList<>();

    /**
     * Starts reading; the header excerpt is read and checked here.
     *
     * @throws TraceFormatException if there is no readable header (nothing else can be read then)
     */
    TraceReader(QueueFiles files, String dir, boolean lenient) {
        this(files, dir, lenient, false);
    }

    /**
     * {@link #TraceReader(QueueFiles, String, boolean)}; {@code columns}: the events are read as blocks
     * of columns ({@link #nextBlock()}), else as records ({@link #next()}), made from the checked
     * block's bytes without filling columns.
     */
    TraceReader(QueueFiles files, String dir, boolean lenient, boolean columns) {
        this.columns = columns;
        this.block = new EventBlock(columns ? BLOCK : 0); // a reader of records uses only its size
        this.files = files;
        this.walk = files.walk();
        this.dir = dir;
        this.lenient = lenient;
        if (!walk.next()) {
            throw new TraceFormatException(dir + ": no trace header (" + endReason() + ")");
        }
        if (kind() != ExcerptKind.HEADER) {
            throw new TraceFormatException(dir + ": " + walk.where() + ": the first excerpt is not a numabias trace header");
        }
        this.initial = headerExcerpt(files, walk.file(), walk.payload(), walk.length(), walk.where(), false).header();
        this.checksums = initial.formatVersion() >= 2;
    }

    private String endReason() {
        return switch (walk.end()) {
            case CLEAN -> "the queue is empty";
            case PARTIAL -> "the writer stopped while writing it";
            case TRUNCATED -> walk.where() + ": the file is cut short (truncated or damaged)";
            case GARBLED -> walk.where() + ": the queue's structure is damaged";
        };
    }

    private byte kind() {
        return walk.bytes()[walk.at()];
    }

    /**
     * Decodes a header ('H') or seal ('S') excerpt: format version first (a newer one is refused
     * before anything else), then from format 2 the excerpt's CRC32C, then the fields.
     */
    static HeaderExcerpt headerExcerpt(QueueFiles files, int file, long payload, int length, String where, boolean seal) {
        MemorySegment m = files.map(file);
        ByteBuffer all = m.asSlice(payload, length).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int version = HeaderCodec.version(all.slice(1, length - 1));
        if (version < 2) {
            return new HeaderExcerpt(HeaderCodec.decode(all.slice(1, length - 1), where), null, null);
        }
        int tail = (seal ? ExcerptKind.SEAL_TOTALS_BYTES : 0) + 4;
        if (version <= TraceHeader.CURRENT_FORMAT) {
            if (length < 1 + 4 + tail) {
                throw new TraceFormatException(where + ": trace " + (seal ? "seal" : "header") + " is damaged (too short)");
            }
            CRC32C crc = new CRC32C();
            crc.update(all.slice(0, length - 4));
            if ((int) crc.getValue() != all.getInt(length - 4)) {
                throw new TraceFormatException(where + ": trace " + (seal ? "seal" : "header") + " is damaged (checksum mismatch)");
            }
        }
        TraceHeader header = HeaderCodec.decode(all.slice(1, Math.max(0, length - 1 - tail)), where);
        Totals totals = null;
        if (seal) {
            ByteBuffer t = all.slice(length - tail, ExcerptKind.SEAL_TOTALS_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            totals = new Totals(t.getLong(0), t.getLong(8), t.getLong(16), t.getLong(24), t.getLong(32), t.getInt(40));
        }
        String digest = header.provenance().get(ChronicleTraceWriter.EVENTS_SHA256);
        return new HeaderExcerpt(ChronicleTraceWriter.withoutDigest(header), totals, seal ? digest : null);
    }

    TraceHeader initialHeader() {
        return initial;
    }

    /** The next verified event, or null at the end. */
    TraceEvent next() {
        if (columns) {
            throw new IllegalStateException("a reader of blocks reads no records");
        }
        while (readyPos == block.size) {
            if (done || !fill()) {
                return null;
            }
        }
        readyPos++;
        TraceEvent e = ExcerptKind.event(blockBytes, readyAt);
        readyAt += ExcerptKind.eventBytes(blockBytes[readyAt]);
        return e;
    }

    /** The next verified block (reused: valid until the next call); null at the end. */
    EventBlock nextBlock() {
        if (!columns) {
            throw new IllegalStateException("a reader of records reads no blocks");
        }
        if (done || !fill()) {
            return null;
        }
        readyPos = block.size;
        return block;
    }

    /** Reads excerpts until a block is verified (true) or the end (false). */
    private boolean fill() {
        while (walk.next()) {
            byte kind = kind();
            if (seal != null) {
                damaged(walk.where(), "an excerpt after the seal (kind " + printable(kind) + ")");
                continue;
            }
            int eventBytes = ExcerptKind.eventBytes(kind);
            if (eventBytes > 0) {
                if (walk.length() != eventBytes) {
                    damaged(walk.where(), "an event excerpt of kind " + printable(kind) + " has " + walk.length()
                            + " bytes, expected " + eventBytes);
                    continue;
                }
                if (fillCount == 0) {
                    blockStart = walk.where();
                }
                if (fillCount == BLOCK) {
                    damaged(walk.where(), "more than " + BLOCK + " events without a checksum");
                    clearFilling();
                }
                event(eventBytes);
                if (!checksums) {
                    // format 1: nothing to check against; each event is handed out as it is read
                    verified++;
                    hand();
                    return true;
                }
                eventRun();
                continue;
            }
            switch (kind) {
                case ExcerptKind.CHECKSUM -> {
                    if (!checksums) {
                        damaged(walk.where(), "a checksum excerpt in a format-1 trace");
                    } else if (checkBlock()) {
                        return true;
                    }
                }
                case ExcerptKind.SEAL -> readSeal();
                default -> damaged(walk.where(), kind == ExcerptKind.HEADER ? "a second trace header"
                        : "unknown excerpt kind " + printable(kind));
            }
        }
        finish();
        return false;
    }

    /** Decodes the current event excerpt into the filling block's columns and its bytes behind the block's bytes. */
    private void event(int length) {
        int at = blockLength;
        blockLength += length;
        eventsSeen++;
        int maxOfEvent = columns ? ExcerptKind.decode(walk.bytes(), walk.at(), blockBytes, at, block, fillCount)
                : ExcerptKind.copy(walk.bytes(), walk.at(), blockBytes, at);
        fillCount++;
        maxNode = Math.max(maxNode, maxOfEvent);
    }

    /**
     * Decodes the event excerpts that follow the current one in the walk's chunk, as {@link #fill()}
     * would one by one, while each is a well-formed event and the block has room; stops before
     * anything else (left to {@link #fill()}). The common case of a format-2 trace, with the counts in
     * locals: a pass over the bytes and the columns, nothing more.
     */
    private void eventRun() {
        byte[] in = walk.bytes();
        byte[] copy = blockBytes;
        int count = fillCount;
        int length = blockLength;
        int max = maxNode;
        int at = walk.at();
        int n = walk.length();
        while (count < BLOCK) {
            int h = (at + n + 3) & ~3;
            int next = walk.plainLength(h);
            if (next < 0 || ExcerptKind.eventBytes(in[h + 4]) != next) {
                break;
            }
            at = h + 4;
            n = next;
            max = Math.max(max, columns ? ExcerptKind.decode(in, at, copy, length, block, count)
                    : ExcerptKind.copy(in, at, copy, length));
            length += n;
            count++;
        }
        walk.moveTo(at, n);
        eventsSeen += count - fillCount;
        fillCount = count;
        blockLength = length;
        maxNode = max;
    }

    /** Makes the filled events the ready block (read from its start) and starts an empty one. */
    private void hand() {
        block.size = fillCount;
        readyPos = 0;
        readyAt = 0;
        clearFilling();
    }

    private void clearFilling() {
        fillCount = 0;
        blockLength = 0;
    }

    /** Checks the block that a checksum excerpt closes; true when its events are ready. */
    private boolean checkBlock() {
        String where = walk.where();
        if (walk.length() != ExcerptKind.CHECKSUM_BYTES) {
            return dropBlock(where, "a checksum excerpt has " + walk.length() + " bytes, expected " + ExcerptKind.CHECKSUM_BYTES);
        }
        ByteBuffer k = files.map(walk.file()).asSlice(walk.payload(), walk.length()).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long first = k.getLong(1);
        int count = k.getInt(9);
        int crc = k.getInt(13);
        long expectedFirst = eventsSeen - fillCount;
        if (blockDamaged) {
            return dropBlock(null, null);
        }
        if (first != expectedFirst || count != fillCount) {
            return dropBlock(where, "the checksum covers events " + first + ".." + (first + count - 1) + " but the block holds "
                    + expectedFirst + ".." + (expectedFirst + fillCount - 1) + " (excerpts lost or damaged)");
        }
        blockCrc.update(blockBytes, 0, blockLength);
        int blockValue = (int) blockCrc.getValue();
        if (crc != blockValue) {
            return dropBlock(blockStart != null ? blockStart : where, "checksum mismatch in the block of events "
                    + first + ".." + (first + count - 1) + " (a byte changed)");
        }
        traceCrc = concat.concat(traceCrc, blockValue, blockLength);
        verified += fillCount;
        blocks++;
        blockCrc.reset();
        boolean any = fillCount > 0;
        hand();
        return any;
    }

    private boolean dropBlock(String where, String reason) {
        if (reason != null) {
            damage(new Damage(where, eventsSeen - fillCount, reason));
        }
        clearFilling();
        blockDamaged = false;
        blockCrc.reset();
        return false;
    }

    private void readSeal() {
        seal = headerExcerpt(files, walk.file(), walk.payload(), walk.length(), walk.where(), true);
        if (fillCount > 0) {
            damaged(walk.where(), fillCount + " events before the seal have no checksum");
            clearFilling();
        }
    }

    private void finish() {
        done = true;
        if (walk.end() == QueueFiles.End.TRUNCATED) {
            damage(new Damage(walk.where(), eventsSeen, "an excerpt runs past the end of its file: the file was cut short "
                    + "(truncated copy?) or its length field is damaged; nothing after it can be read"));
        } else if (walk.end() == QueueFiles.End.GARBLED) {
            damage(new Damage(walk.where(), eventsSeen, "the queue's structure is damaged here (an excerpt length or "
                    + "header changed); nothing after it can be read"));
        }
        if (seal == null) {
            ignoredTail = fillCount;
            clearFilling();
            return;
        }
        Totals t = seal.totals();
        if (t != null && damage.isEmpty()) {
            if (t.events() != eventsSeen || t.blocks() != blocks || t.crc() != traceCrc) {
                damage(new Damage(dir, 0, "the seal says " + t.events() + " events in " + t.blocks()
                        + " blocks with trace checksum " + Integer.toHexString(t.crc()) + ", the trace holds " + eventsSeen
                        + " events in " + blocks + " blocks with checksum " + Integer.toHexString(traceCrc)));
            }
        }
    }

    private void damaged(String where, String reason) {
        damage(new Damage(where, eventsSeen, reason + (checksums && fillCount > 0 ? "; the events of its block are dropped" : "")));
        blockDamaged = checksums;
    }

    private void damage(Damage d) {
        damage.add(d);
        if (!lenient) {
            done = true;
            throw new TraceFormatException(dir + ": damaged at " + d + "; the " + verified + " events before it are intact "
                    + "(run 'numabias verify " + dir + "' to see what is readable)");
        }
    }

    private static String printable(byte kind) {
        return kind >= 32 && kind < 127 ? "'" + (char) kind + "'" : "0x" + Integer.toHexString(kind & 0xff);
    }

    /** The seal, or null if the trace is not sealed (valid once {@link #next()} returned null). */
    HeaderExcerpt seal() {
        return seal;
    }

    boolean checksums() {
        return checksums;
    }

    long verified() {
        return verified;
    }

    long eventsSeen() {
        return eventsSeen;
    }

    long blocks() {
        return blocks;
    }

    long ignoredTail() {
        return ignoredTail;
    }

    boolean partialExcerpt() {
        return walk.end() == QueueFiles.End.PARTIAL;
    }

    int maxNode() {
        return maxNode;
    }

    List<Damage> damage() {
        return damage;
    }
}
