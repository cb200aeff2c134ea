package org.numabias.benchmarks;

import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.store.ChronicleTraceWriter;

/**
 * The raw baseline of the trace write figure: the least any writer of a trace's event bytes does.
 * It opens a Chronicle Queue in a new directory with the trace layout's roll cycle and block size
 * ({@link ChronicleTraceWriter#BLOCK_SIZE}), appends one excerpt per event from primitive columns (a
 * kind byte then the fields: the same event excerpts, byte for byte, as {@code ChronicleTraceWriter}'s,
 * checked by {@code BaselinesTest}) and closes the queue.
 *
 * <p>What {@code ChronicleTraceWriter.copy} does beyond it, and what the ratio therefore measures:
 * it claims the output ({@code OUTPUT.lock}) and checks that nothing is in the way, writes into
 * {@code OUTPUT.incomplete}, a header excerpt first; per event it takes an event object, encodes it
 * and adds it to the events digest (SHA-256); every 1,024 events a checksum excerpt (CRC32C); at the
 * end the seal (final header, digest, totals), the cut of the last file to its data, the rename to
 * {@code OUTPUT} and the release of the claim. None of these is a step the baseline skips that any
 * durable write needs: neither forces its data to disk (no {@code fsync}; both leave the mapped
 * pages to the operating system, which keeps them when the process is killed; a power loss is
 * detected when the trace is read, not prevented).
 */
final class RawQueue {
    private static final byte ALLOC = 'A';
    private static final byte CONSUME = 'C';
    private static final byte FREE = 'F';

    /** A trace's events as primitive columns (unused fields are 0). */
    record Columns(byte[] kind, long[] time, long[] buffer, int[] device, int[] queue, long[] flow, int[] cpu, int[] node,
                   long[] bytes, int[] allocNode) {
        static Columns of(TraceSource source, int events) {
            Columns c = new Columns(new byte[events], new long[events], new long[events], new int[events], new int[events],
                    new long[events], new int[events], new int[events], new long[events], new int[events]);
            int i = 0;
            try (TraceCursor cursor = source.open()) {
                while (cursor.hasNext() && i < events) {
                    switch (cursor.next()) {
                        case TraceEvent.Alloc a -> {
                            c.kind[i] = ALLOC;
                            c.time[i] = a.timeNs();
                            c.buffer[i] = a.bufferId();
                            c.device[i] = a.device();
                            c.queue[i] = a.queue();
                            c.flow[i] = a.flow();
                            c.cpu[i] = a.cpu();
                            c.node[i] = a.node();
                            c.bytes[i] = a.bytes();
                            c.allocNode[i] = a.allocNode();
                        }
                        case TraceEvent.Consume e -> {
                            c.kind[i] = CONSUME;
                            c.time[i] = e.timeNs();
                            c.buffer[i] = e.bufferId();
                            c.cpu[i] = e.cpu();
                            c.node[i] = e.node();
                            c.bytes[i] = e.bytes();
                        }
                        case TraceEvent.Free f -> {
                            c.kind[i] = FREE;
                            c.time[i] = f.timeNs();
                            c.buffer[i] = f.bufferId();
                        }
                    }
                    i++;
                }
            }
            return c;
        }

        int size() {
            return kind.length;
        }
    }

    private RawQueue() {
    }

    /** A queue with the trace layout's roll cycle and block size. */
    static ChronicleQueue open(Path dir) {
        return ChronicleQueue.singleBuilder(dir).rollCycle(LargeRollCycles.XLARGE_DAILY)
                .blockSize(ChronicleTraceWriter.BLOCK_SIZE).build();
    }

    /** Appends every event of {@code c} to a new queue in {@code dir}; returns the count. */
    static long append(Columns c, Path dir) {
        try (ChronicleQueue queue = open(dir); ExcerptAppender appender = queue.createAppender()) {
            for (int i = 0; i < c.size(); i++) {
                try (DocumentContext dc = appender.writingDocument()) {
                    Bytes<?> out = dc.wire().bytes();
                    byte kind = c.kind[i];
                    out.writeByte(kind);
                    out.writeLong(c.time[i]);
                    out.writeLong(c.buffer[i]);
                    if (kind == ALLOC) {
                        out.writeInt(c.device[i]);
                        out.writeInt(c.queue[i]);
                        out.writeLong(c.flow[i]);
                        out.writeInt(c.cpu[i]);
                        out.writeInt(c.node[i]);
                        out.writeLong(c.bytes[i]);
                        out.writeInt(c.allocNode[i]);
                    } else if (kind == CONSUME) {
                        out.writeInt(c.cpu[i]);
                        out.writeInt(c.node[i]);
                        out.writeLong(c.bytes[i]);
                    }
                }
            }
            return c.size();
        }
    }
}
