package org.numabias.runtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceSource;
import org.numabias.api.trace.TraceHeader;

/**
 * Writes a trace into a Chronicle Queue directory: the header first, then events as raw bytes (one
 * excerpt each), then, on {@link #close(TraceHeader)}, a seal holding the final header (device
 * names and counts known only at the end). Every event is in the queue as soon as {@link #write}
 * returns, so a crash loses nothing already written; a trace without a seal reads as incomplete.
 * Not thread-safe: one writer thread.
 */
public final class ChronicleTraceWriter implements AutoCloseable {
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private boolean closed;

    private ChronicleTraceWriter(Path dir, TraceHeader header) {
        this.queue = ChronicleTraceSource.openQueue(dir, false);
        this.appender = queue.createAppender();
        writeHeader(ExcerptKind.HEADER, header);
    }

    /**
     * Creates a new trace in {@code dir}, which must not exist or be an empty directory.
     *
     * @throws UncheckedIOException if the directory holds files already (nothing is overwritten)
     */
    public static ChronicleTraceWriter create(Path dir, TraceHeader header) {
        requireNewOutput(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
        return new ChronicleTraceWriter(dir, header);
    }

    /**
     * Checks that {@code dir} can receive a new trace (it does not exist, or is an empty directory),
     * so that a command can refuse before doing long work (a recording) whose result it could not store.
     *
     * @throws UncheckedIOException if it exists and is not an empty directory
     */
    public static void requireNewOutput(Path dir) {
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new IOException(dir + " exists and is not a directory");
                }
                try (Stream<Path> files = Files.list(dir)) {
                    if (files.findAny().isPresent()) {
                        throw new IOException(dir + " is not empty; refusing to overwrite (remove it or choose another output)");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private void writeHeader(byte kind, TraceHeader header) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> out = dc.wire().bytes();
            out.writeByte(kind);
            HeaderCodec.write(out, header);
        }
    }

    /** Appends one event. */
    public void write(TraceEvent event) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> out = dc.wire().bytes();
            switch (event) {
                case TraceEvent.Alloc a -> {
                    out.writeByte(ExcerptKind.ALLOC);
                    out.writeLong(a.timeNs());
                    out.writeLong(a.bufferId());
                    out.writeInt(a.device());
                    out.writeInt(a.queue());
                    out.writeLong(a.flow());
                    out.writeInt(a.cpu());
                    out.writeInt(a.node());
                    out.writeLong(a.bytes());
                    out.writeInt(a.allocNode());
                }
                case TraceEvent.Consume c -> {
                    out.writeByte(ExcerptKind.CONSUME);
                    out.writeLong(c.timeNs());
                    out.writeLong(c.bufferId());
                    out.writeInt(c.cpu());
                    out.writeInt(c.node());
                    out.writeLong(c.bytes());
                }
                case TraceEvent.Free f -> {
                    out.writeByte(ExcerptKind.FREE);
                    out.writeLong(f.timeNs());
                    out.writeLong(f.bufferId());
                }
            }
        }
    }

    /**
     * Writes every event of {@code source} into a new trace in {@code dir}, sealed with {@code header}.
     *
     * @return the number of events written
     */
    public static long copy(TraceSource source, TraceHeader header, Path dir) {
        long events = 0;
        try (ChronicleTraceWriter writer = create(dir, header); TraceCursor cursor = source.open()) {
            while (cursor.hasNext()) {
                writer.write(cursor.next());
                events++;
            }
            writer.close(header);
        }
        return events;
    }

    /** Seals the trace with its final header and closes the queue. */
    public void close(TraceHeader finalHeader) {
        if (!closed) {
            writeHeader(ExcerptKind.SEAL, finalHeader);
            closeQueue();
        }
    }

    /** Closes without a seal: the trace reads back with its initial header, marked incomplete. */
    @Override
    public void close() {
        if (!closed) {
            closeQueue();
        }
    }

    private void closeQueue() {
        closed = true;
        appender.close();
        queue.close();
    }
}
