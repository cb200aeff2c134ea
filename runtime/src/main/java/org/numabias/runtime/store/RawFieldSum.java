package org.numabias.runtime.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The cheapest read of a stored trace's bytes: the baseline that the read and compare benchmarks
 * are measured against. The same files walked with the same bounds checks as
 * {@link ChronicleTraceSource} ({@code QueueFiles}), every field of every event excerpt summed into
 * locals: no checksums, no validation, no objects. It does not report damage (it stops where the
 * walk stops); use it only to measure.
 */
public final class RawFieldSum {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private RawFieldSum() {
    }

    /**
     * The sum of every field (kind byte excluded; ints widened to long) of every event excerpt of the
     * trace in {@code dir}, with 64-bit wrap-around.
     */
    public static long of(Path dir) {
        long sum = 0;
        try (QueueFiles files = new QueueFiles(dir)) {
            QueueFiles.Walk walk = files.walk();
            while (walk.next()) {
                MemorySegment m = files.map(walk.file());
                long p = walk.payload();
                int length = walk.length();
                byte kind = m.get(ValueLayout.JAVA_BYTE, p);
                if (kind == ExcerptKind.ALLOC && length == ExcerptKind.ALLOC_BYTES) {
                    sum += m.get(LONG, p + 1) + m.get(LONG, p + 9) + m.get(INT, p + 17) + m.get(INT, p + 21)
                            + m.get(LONG, p + 25) + m.get(INT, p + 33) + m.get(INT, p + 37) + m.get(LONG, p + 41)
                            + m.get(INT, p + 49);
                } else if (kind == ExcerptKind.CONSUME && length == ExcerptKind.CONSUME_BYTES) {
                    sum += m.get(LONG, p + 1) + m.get(LONG, p + 9) + m.get(INT, p + 17) + m.get(INT, p + 21)
                            + m.get(LONG, p + 25);
                } else if (kind == ExcerptKind.FREE && length == ExcerptKind.FREE_BYTES) {
                    sum += m.get(LONG, p + 1) + m.get(LONG, p + 9);
                }
            }
        }
        return sum;
    }
}
