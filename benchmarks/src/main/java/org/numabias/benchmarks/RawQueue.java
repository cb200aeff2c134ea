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
 * The raw baseline of the trace write figure: Chronicle Queue appends of the trace layout
 * ({@code ChronicleTraceWriter}'s: the same roll cycle and block size
 * ({@link ChronicleTraceWriter#BLOCK_SIZE}), one excerpt per event, a kind byte then the fields) from
 * primitive columns, with no event objects, no header, no checksums, no digest and no seal. What
 * numabias adds on top of it is what the ratio measures.
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
