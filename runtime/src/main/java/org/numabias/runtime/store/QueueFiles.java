package org.numabias.runtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Chronicle Queue files ({@code *.cq4}, one per roll cycle, in name order) of a trace
 * directory, mapped read-only and bounded by each file's size, and a walk over their data
 * excerpts. Hand-written rather than Chronicle's tailer, because the tailer maps whole chunks and
 * trusts the file: a truncated file makes it fault ({@code InternalError} from SIGBUS) and damaged
 * index or header bytes make it throw internal errors. Here every access is bounds-checked against
 * the file's real size, so damage becomes an {@link End} with a byte offset, never a crash.
 *
 * <p>Chronicle's documented wire layout: each document starts at a 4-byte aligned position with a
 * little-endian int header; bits 0-29 are the length, bit 30 marks metadata (the file header, index
 * arrays: skipped here), bit 31 a document still being written. A zero header is unwritten space;
 * {@code 0xC0000000} marks the end of a rolled file. A file always has unwritten space or that
 * mark after its data (the writer's cut keeps 4 zero bytes), so a file whose physical end comes
 * where a header should be was cut short.
 */
final class QueueFiles implements AutoCloseable {
    static final int NOT_COMPLETE = 0x8000_0000;
    static final int META_DATA = 0x4000_0000;
    static final int LENGTH_MASK = 0x3FFF_FFFF;
    static final int END_OF_FILE = NOT_COMPLETE | META_DATA;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle CHUNK_INT =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private final Arena arena = Arena.ofShared();
    private final List<Path> paths;
    private final List<MemorySegment> maps = new ArrayList<>();

    /** Maps every {@code .cq4} file of {@code dir}. */
    QueueFiles(Path dir) {
        this.paths = cq4Files(dir);
        try {
            for (Path p : paths) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                    long size = ch.size();
                    maps.add(size == 0 ? MemorySegment.NULL : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena));
                } catch (IOException e) {
                    throw new UncheckedIOException(p + ": cannot read: " + e.getMessage(), e);
                }
            }
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The {@code .cq4} files of {@code dir} in roll-cycle (name) order. */
    static List<Path> cq4Files(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    List<Path> paths() {
        return paths;
    }

    MemorySegment map(int file) {
        return maps.get(file);
    }

    private static final byte[] WRITE_POSITION = "writePosition".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Chronicle's binary-wire code of an int64 array (capacity, used, values). */
    private static final byte I64_ARRAY = (byte) 0x8D;
    /** How far into a file the queue header (holding {@code writePosition}) is looked for. */
    private static final int HEADER_SCAN = 256;

    /**
     * The byte offset of the last document Chronicle finished in file {@code index}, from its queue
     * header's {@code writePosition} (the first value of an int64 array following the field name in
     * the header document): Chronicle updates it after every document it completes, so data ending
     * before it was written and then lost. -1 if the header does not hold it where expected.
     */
    long writePosition(int index) {
        MemorySegment m = maps.get(index);
        long limit = Math.min(m.byteSize(), HEADER_SCAN);
        for (long p = 4; p + WRITE_POSITION.length + 8 + 8 + 8 + 8 < limit; p++) {
            if (!matches(m, p, WRITE_POSITION)) {
                continue;
            }
            for (long q = p + WRITE_POSITION.length; q < p + WRITE_POSITION.length + 8; q++) {
                if (m.get(ValueLayout.JAVA_BYTE, q) == I64_ARRAY) {
                    long used = m.get(LONG, q + 9);
                    long position = m.get(LONG, q + 17);
                    return used >= 1 && position > 0 && position < m.byteSize() ? position : -1;
                }
            }
            return -1;
        }
        return -1;
    }

    /** A data document: its file's index, its payload's first byte and its length. */
    record Document(int file, long payload, int length) {
    }

    /**
     * The last file's last data document, found from its queue header's {@link #writePosition} without
     * walking the files (a sealed trace's seal), or null when that position cannot be trusted: it must
     * hold a complete data document that fits the file and is followed only by unwritten space (zeros
     * to the file's end) or the end-of-file mark, as the walk would find at the end. A caller that gets
     * null walks instead.
     */
    Document lastDocument() {
        if (maps.isEmpty()) {
            return null;
        }
        int index = maps.size() - 1;
        MemorySegment m = maps.get(index);
        long at = writePosition(index);
        long size = m.byteSize();
        int length = dataLength(m, at);
        if (length < 0) {
            return null;
        }
        long after = (at + 4 + length + 3) & ~3L;
        if (after + 4 > size) {
            return null;
        }
        int next = m.get(INT, after);
        boolean end = next == END_OF_FILE || next == 0 && zeroFrom(m, after, size);
        return end ? new Document(index, at + 4, length) : null;
    }

    /**
     * Where the data of file {@code index} ends (the first unwritten byte), from its queue header's
     * {@link #writePosition}: the end of the complete data document there, when unwritten space (a
     * zero header) follows it; else -1 (the caller walks). For a writer that has just closed the file
     * (a document is followed by its successor or by nothing, never by data after a gap), without
     * reading the whole file as {@link Walk} does.
     */
    long recordedDataEnd(int index) {
        MemorySegment m = maps.get(index);
        long at = writePosition(index);
        int length = dataLength(m, at);
        if (length < 0) {
            return -1;
        }
        long after = (at + 4 + length + 3) & ~3L;
        return after + 4 <= m.byteSize() && m.get(INT, after) == 0 ? after : -1;
    }

    /** The payload length of the complete data document at {@code at} of {@code m} if one is there and fits, else -1. */
    private static int dataLength(MemorySegment m, long at) {
        long size = m.byteSize();
        if (at < 0 || (at & 3) != 0 || at + 4 > size) {
            return -1;
        }
        int header = m.get(INT, at);
        return header > 0 && (header & META_DATA) == 0 && header <= size - at - 4 ? header : -1;
    }

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private static boolean matches(MemorySegment m, long at, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (m.get(ValueLayout.JAVA_BYTE, at + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** A new walk from the first byte of the first file, checking that nothing follows the data. */
    Walk walk() {
        return new Walk(true);
    }

    /**
     * A walk that trusts the space after the data to be empty: for the writer, which just wrote the
     * files (the check reads the whole sparse tail of an unsealed file, tens of MiB).
     */
    Walk trustingWalk() {
        return new Walk(false);
    }

    @Override
    public void close() {
        arena.close();
    }

    /** Why a walk stopped. */
    enum End {
        /** Every file ended in unwritten space or an end-of-file marker. */
        CLEAN,
        /**
         * A document was being written when the writer stopped (a killed writer): its header still
         * unwritten (zero) or marked incomplete, at most {@link #PARTIAL_PAYLOAD} bytes of payload after
         * it, nothing beyond. It is ignored.
         */
        PARTIAL,
        /** A document's length runs past the end of its file: the file was truncated or the header is damaged. */
        TRUNCATED,
        /**
         * The walk reached an impossible state: a half-written document with a length, or data after
         * the end of the written data (a damaged length made the walk lose its place).
         */
        GARBLED
    }

    /**
     * The most payload bytes a killed writer leaves behind a header it had not yet written: Chronicle
     * writes an excerpt's payload first and its header when the excerpt is complete, and an event
     * excerpt is at most 53 bytes.
     */
    static final int PARTIAL_PAYLOAD = 64;

    /** Whether every byte of {@code m} in [{@code pos}, {@code end}) is zero (Chronicle never writes past its data). */
    private static boolean zeroFrom(MemorySegment m, long pos, long end) {
        long size = end;
        long p = pos;
        for (; p + 8 <= size; p += 8) {
            if (m.get(ValueLayout.JAVA_LONG_UNALIGNED, p) != 0) {
                return false;
            }
        }
        for (; p < size; p++) {
            if (m.get(ValueLayout.JAVA_BYTE, p) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Bytes of a file a walk copies to the heap at a time ({@link Walk#bytes()}). */
    static final int CHUNK = 16 << 10;
    /**
     * Bytes the chunk array has past {@link #CHUNK}: a reader may read this far beyond an excerpt's
     * start at the chunk's end without a bounds check of its own (they hold no meaning).
     */
    static final int SLACK = 64;

    /**
     * A cursor over the data excerpts of every file, in order. Not thread-safe.
     *
     * <p>The walk copies the mapped file to a heap array a {@link #CHUNK} at a time (one bounded bulk
     * copy) and reads the excerpts there: each excerpt's bytes are at {@link #bytes()}[{@link #at()}]
     * (its first {@code CHUNK - 4} bytes for a longer one). The common case, a complete data document
     * wholly in the chunk after the previous one, is taken from the chunk with one check; everything
     * else (a file's end, unwritten space, metadata, a document the chunk does not hold) goes through
     * the same bounds-checked steps. Hand-written: this is the store's read path, and the cheapest read
     * of a trace ({@link RawFieldSum}) took about a fifth less time this way than reading each header
     * and field from the mapped file.
     */
    final class Walk {
        private final long[] dataEnds = new long[maps.size()];
        private int file;
        /** The current file's map (the walk's hot path reads it per excerpt). */
        private MemorySegment current = maps.isEmpty() ? MemorySegment.NULL : maps.getFirst();
        private long pos;
        private End end;
        private long payload = -1;
        private int length;
        /** A copy of the current file's bytes [{@code chunkStart}, {@code chunkEnd}). */
        private final byte[] chunk = new byte[CHUNK + SLACK];
        private long chunkStart;
        private long chunkEnd;

        /**
         * Moves to the next data excerpt.
         *
         * @return false at the end ({@link #end()} says why)
         */
        boolean next() {
            if (payload >= 0) {
                int h = (int) align(payload + length - chunkStart);
                int len = plainLength(h);
                if (len > 0) {
                    payload = chunkStart + h + 4;
                    length = len;
                    return true;
                }
            }
            try {
                if (!advance()) {
                    return false;
                }
                if (payload - 4 < chunkStart || payload + Math.min(length, CHUNK - 4) > chunkEnd) {
                    chunkStart = payload - 4;
                    int n = (int) Math.min(CHUNK, current.byteSize() - chunkStart);
                    MemorySegment.copy(current, ValueLayout.JAVA_BYTE, chunkStart, chunk, 0, n);
                    chunkEnd = chunkStart + n;
                }
                return true;
            } catch (InternalError e) {
                // a fault on the mapped file: the file system could not supply a page (a full tmpfs
                // cannot back a hole even for reading), or the file shrank under the mapping
                throw new org.numabias.api.trace.TraceFormatException(where() + ": the file system failed a read of "
                        + "the mapped file (a full or failing file system, or the file was cut while being read)");
            }
        }

        private boolean advance() {
            if (end != null) {
                return false;
            }
            if (payload >= 0) {
                pos = align(payload + length);
                payload = -1;
            }
            while (file < maps.size()) {
                MemorySegment m = current;
                long size = m.byteSize();
                if (pos + 4 > size) {
                    // Chronicle always leaves unwritten space (or an end mark) after its data, and the
                    // writer's cut keeps 4 zero bytes: a file that ends where a header should be was cut short
                    end = End.TRUNCATED;
                    return false;
                }
                int header = m.get(INT, pos);
                if (header == 0 || header == END_OF_FILE) {
                    if (header == 0 && checkTail) {
                        long slack = Math.min(size, pos + 4 + PARTIAL_PAYLOAD);
                        if (!zeroFrom(m, slack, size)) {
                            end = End.GARBLED;
                            return false;
                        }
                        if (!zeroFrom(m, pos, slack)) {
                            end = End.PARTIAL; // Chronicle writes the payload first, the header last
                            return false;
                        }
                    }
                    nextFile();
                    continue;
                }
                if ((header & NOT_COMPLETE) != 0) {
                    end = header == NOT_COMPLETE ? End.PARTIAL : End.GARBLED;
                    return false;
                }
                int len = header & LENGTH_MASK;
                if (len > size - pos - 4) {
                    end = End.TRUNCATED;
                    return false;
                }
                if ((header & META_DATA) != 0) {
                    pos = align(pos + 4 + len);
                    continue;
                }
                payload = pos + 4;
                length = len;
                return true;
            }
            end = End.CLEAN;
            return false;
        }

        private final boolean checkTail;

        Walk(boolean checkTail) {
            this.checkTail = checkTail;
            java.util.Arrays.fill(dataEnds, -1);
        }

        private void nextFile() {
            dataEnds[file] = pos;
            file++;
            pos = 0;
            chunkStart = 0;
            chunkEnd = 0;
            current = file < maps.size() ? maps.get(file) : MemorySegment.NULL;
        }

        private static long align(long p) {
            return (p + 3) & ~3L;
        }

        /** Where the data of file {@code index} ended (its first unwritten byte), or -1 if the walk did not get there cleanly. */
        long dataEnd(int index) {
            return dataEnds[index];
        }

        /** Why the walk stopped, or null while it has not. */
        End end() {
            return end;
        }

        /** The current file's index in {@link #paths()}. */
        int file() {
            return file;
        }

        /** Byte offset of the current excerpt's (or, at the end, the stopping) 4-byte header in its file. */
        long offset() {
            return payload >= 0 ? payload - 4 : pos;
        }

        /** Offset of the current excerpt's first payload byte. */
        long payload() {
            return payload;
        }

        /**
         * The length of the document whose header is at {@code bytes()[h]} (4-byte aligned) if it is a
         * complete data document (no flag bits, not unwritten space) that the chunk holds whole, else
         * -1: where {@link #next()} would go without leaving the chunk, the chunk's bounds being within
         * the file's. A reader that walks a run of excerpts in the chunk itself checks each with this,
         * then tells the walk where it stopped ({@link #moveTo}).
         */
        int plainLength(int h) {
            int limit = (int) (chunkEnd - chunkStart);
            if (h < 0 || h + 4 > limit) {
                return -1;
            }
            int header = (int) CHUNK_INT.get(chunk, h);
            return header > 0 && (header & META_DATA) == 0 && header <= limit - h - 4 ? header : -1;
        }

        /** Makes the document whose payload is at {@code bytes()[at]}, found by {@link #plainLength}, the current excerpt. */
        void moveTo(int at, int length) {
            this.payload = chunkStart + at;
            this.length = length;
        }

        /** The heap copy that holds the current excerpt's bytes from {@link #at()}. */
        byte[] bytes() {
            return chunk;
        }

        /** Where the current excerpt's payload starts in {@link #bytes()}. */
        int at() {
            return (int) (payload - chunkStart);
        }

        /** The current excerpt's payload length. */
        int length() {
            return length;
        }

        /** Where the walk is, for messages: {@code FILE at byte N}. */
        String where() {
            Path p = file < paths.size() ? paths.get(file) : paths.isEmpty() ? Path.of("?") : paths.getLast();
            return p + " at byte " + offset();
        }
    }
}
