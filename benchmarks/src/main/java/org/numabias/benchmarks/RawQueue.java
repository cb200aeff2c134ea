package org.numabias.benchmarks;

import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceSource;

/**
 * The raw baseline for trace store figures: Chronicle Queue appends and reads of the trace layout
 * ({@code ChronicleTraceWriter}'s: the same roll cycle and block size, one excerpt per event, a kind
 * byte then the fields), from and into primitive columns, with no event objects, no header and no
 * checks. What numabias adds on top of it is what the ratios measure.
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
    static ChronicleQueue open(Path dir, boolean readOnly) {
        return ChronicleQueue.singleBuilder(dir).rollCycle(LargeRollCycles.XLARGE_DAILY).blockSize(1L << 20)
                .readOnly(readOnly).build();
    }

    /** Appends every event of {@code c} to a new queue in {@code dir}; returns the count. */
    static long append(Columns c, Path dir) {
        try (ChronicleQueue queue = open(dir, false); ExcerptAppender appender = queue.createAppender()) {
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

    /** Reads every excerpt of the queue in {@code dir} and every field of its events; returns a checksum. */
    static long read(Path dir) {
        long sum = 0;
        try (ChronicleQueue queue = open(dir, true); ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return sum;
                    }
                    Bytes<?> in = dc.wire().bytes();
                    byte kind = in.readByte();
                    if (kind == ALLOC) {
                        sum += in.readLong() + in.readLong() + in.readInt() + in.readInt() + in.readLong() + in.readInt()
                                + in.readInt() + in.readLong() + in.readInt();
                    } else if (kind == CONSUME) {
                        sum += in.readLong() + in.readLong() + in.readInt() + in.readInt() + in.readLong();
                    } else if (kind == FREE) {
                        sum += in.readLong() + in.readLong();
                    }
                }
            }
        }
    }
}
