package org.numabias.runtime.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.numabias.api.trace.PullCursor;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;

/**
 * Reads a trace written by {@link ChronicleTraceWriter}. The header is the seal's when the trace was
 * closed properly, else the initial header with provenance {@code incomplete=true}. Cursors stream
 * with a Chronicle tailer: memory does not grow with the trace's length. Close the source when done.
 */
public final class ChronicleTraceSource implements TraceSource, AutoCloseable {
    private final Path dir;
    private final ChronicleQueue queue;
    private final TraceHeader header;

    private ChronicleTraceSource(Path dir) {
        this.dir = dir;
        this.queue = openQueue(dir, true);
        try {
            this.header = readHeader();
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /** Queue files grow in steps of this many bytes: small traces stay small when copied without sparse-file support. */
    private static final long BLOCK_SIZE = 1L << 20;

    /** The queue in {@code dir}, with the roll cycle every trace uses; readers open it read-only. */
    static ChronicleQueue openQueue(Path dir, boolean readOnly) {
        return ChronicleQueue.singleBuilder(dir).rollCycle(LargeRollCycles.XLARGE_DAILY).blockSize(BLOCK_SIZE)
                .readOnly(readOnly).build();
    }

    /** Whether {@code path} looks like a trace directory (a directory with Chronicle queue files). */
    public static boolean isTraceDir(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".cq4"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens the trace in {@code dir}.
     *
     * @throws TraceFormatException if it is not a numabias trace or has a newer format version
     */
    public static ChronicleTraceSource open(Path dir) {
        if (!isTraceDir(dir)) {
            throw new TraceFormatException(dir + ": not a numabias trace directory (no Chronicle Queue .cq4 files)");
        }
        return new ChronicleTraceSource(dir);
    }

    private TraceHeader readHeader() {
        TraceHeader first;
        try (ExcerptTailer tailer = queue.createTailer(); DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                throw new TraceFormatException(dir + ": empty queue, no trace header");
            }
            Bytes<?> in = dc.wire().bytes();
            if (in.readByte() != ExcerptKind.HEADER) {
                throw new TraceFormatException(dir + ": first excerpt is not a numabias trace header");
            }
            first = HeaderCodec.read(in, dir.toString());
        }
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = tailer.readingDocument()) {
                Bytes<?> in = dc.wire().bytes();
                if (dc.isPresent() && in.readByte() == ExcerptKind.SEAL) {
                    return HeaderCodec.read(in, dir.toString());
                }
            }
        }
        return first.withProvenance("incomplete", "true (not sealed: the recording did not finish cleanly)");
    }

    @Override
    public TraceHeader header() {
        return header;
    }

    @Override
    public String description() {
        return dir.toString();
    }

    @Override
    public TraceCursor open() {
        return new Cursor(queue.createTailer());
    }

    @Override
    public void close() {
        queue.close();
    }

    private final class Cursor extends PullCursor {
        private final ExcerptTailer tailer;
        private long excerpt;

        Cursor(ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        @Override
        protected TraceEvent fetch() {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return null;
                    }
                    excerpt++;
                    TraceEvent event = decode(dc.wire().bytes());
                    if (event != null) {
                        return event;
                    }
                }
            }
        }

        private TraceEvent decode(Bytes<?> in) {
            byte kind = in.readByte();
            return switch (kind) {
                case ExcerptKind.ALLOC -> new TraceEvent.Alloc(in.readLong(), in.readLong(), in.readInt(), in.readInt(),
                        in.readLong(), in.readInt(), in.readInt(), in.readLong(), in.readInt());
                case ExcerptKind.CONSUME -> new TraceEvent.Consume(in.readLong(), in.readLong(), in.readInt(),
                        in.readInt(), in.readLong());
                case ExcerptKind.FREE -> new TraceEvent.Free(in.readLong(), in.readLong());
                case ExcerptKind.HEADER, ExcerptKind.SEAL -> null;
                default -> throw new TraceFormatException(dir + ": excerpt " + excerpt + ": unknown kind '" + (char) kind + "'");
            };
        }

        @Override
        public void close() {
            tailer.close();
        }
    }
}
