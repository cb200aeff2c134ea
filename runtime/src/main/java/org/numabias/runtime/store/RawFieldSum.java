package org.numabias.runtime.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The cheapest read of a stored trace's bytes: the baseline that the read and compare benchmarks
 * are measured against. The same files walked with the same bounds checks as
 * {@link ChronicleTraceSource} ({@code QueueFiles}, whose walk hands out each excerpt's bytes in a
 * heap copy), every field of every event excerpt summed into
 * locals: no checksums, no validation, no objects. It does not report damage (it stops where the
 * walk stops); use it only to measure.
 */
public final class RawFieldSum {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

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
                sum += excerpt(walk.bytes(), walk.at(), walk.length());
            }
        }
        return sum;
    }

    /**
     * The sum of every field (kind byte excluded; ints widened to long) of the event excerpt at
     * {@code b[p]} of {@code length} bytes, 0 for any other excerpt. Shared with {@link RawJoin}, whose
     * walk is this one plus the buffer join.
     */
    static long excerpt(byte[] b, int p, int length) {
        byte kind = b[p];
        if (kind == ExcerptKind.ALLOC && length == ExcerptKind.ALLOC_BYTES) {
            return (long) LONG.get(b, p + 1) + (long) LONG.get(b, p + 9) + (int) INT.get(b, p + 17)
                    + (int) INT.get(b, p + 21) + (long) LONG.get(b, p + 25) + (int) INT.get(b, p + 33)
                    + (int) INT.get(b, p + 37) + (long) LONG.get(b, p + 41) + (int) INT.get(b, p + 49);
        } else if (kind == ExcerptKind.CONSUME && length == ExcerptKind.CONSUME_BYTES) {
            return (long) LONG.get(b, p + 1) + (long) LONG.get(b, p + 9) + (int) INT.get(b, p + 17)
                    + (int) INT.get(b, p + 21) + (long) LONG.get(b, p + 25);
        } else if (kind == ExcerptKind.FREE && length == ExcerptKind.FREE_BYTES) {
            return (long) LONG.get(b, p + 1) + (long) LONG.get(b, p + 9);
        }
        return 0;
    }
}
