package org.numabias.runtime.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.numabias.api.KeyTable;

/**
 * The floor of an exact replay of a stored trace: the least any replay must do beyond
 * {@link RawFieldSum}'s cheapest read, measured beside it by the compare benchmark. The same walk as
 * {@link RawFieldSum} (each excerpt's bytes from the walk's heap copy; every field of every event
 * excerpt read and summed), plus the buffer join: each Alloc opens its
 * buffer instance (its id to a slot in a {@link KeyTable}, the slot's producer node; an Alloc of a
 * live id replaces it), each Consume finds its live instance by buffer id, each Free closes it;
 * slots are reused as the replay's join reuses them. No predictor, no tallies, no checksums, no
 * validation, no objects per event. Hand-written: it is a measuring stick for the hot path, and it
 * does not report damage (it stops where the walk stops); use it only to measure.
 */
public final class RawJoin {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * What the walk saw.
     *
     * @param fieldSum        every field (kind byte excluded; ints widened) of every event, with 64-bit
     *                        wrap-around: {@link RawFieldSum#of}'s value
     * @param consumes        Consume events
     * @param matchedConsumes Consumes that found a live instance of their buffer id
     * @param localBytes      bytes of the matched Consumes read on their instance's producer node
     */
    public record Result(long fieldSum, long consumes, long matchedConsumes, long localBytes) {
    }

    private RawJoin() {
    }

    /** Walks the trace in {@code dir} once and joins every Consume to its buffer instance. */
    public static Result of(Path dir) {
        long sum = 0;
        long consumes = 0;
        long matched = 0;
        long localBytes = 0;
        KeyTable live = new KeyTable(1024);
        int[] producer = new int[64];
        int[] freeSlots = new int[64];
        int freeCount = 0;
        int highWater = 0;
        try (QueueFiles files = new QueueFiles(dir)) {
            QueueFiles.Walk walk = files.walk();
            while (walk.next()) {
                byte[] b = walk.bytes();
                int p = walk.at();
                int length = walk.length();
                byte kind = b[p];
                sum += RawFieldSum.excerpt(b, p, length);
                if (kind == ExcerptKind.ALLOC && length == ExcerptKind.ALLOC_BYTES) {
                    long buffer = (long) LONG.get(b, p + 9);
                    int node = (int) INT.get(b, p + 37);
                    int previous = live.remove(buffer, 0);
                    int slot = previous >= 0 ? previous : freeCount > 0 ? freeSlots[--freeCount] : highWater++;
                    if (slot == producer.length) {
                        producer = Arrays.copyOf(producer, slot * 2);
                    }
                    producer[slot] = node;
                    live.put(buffer, 0, slot);
                } else if (kind == ExcerptKind.CONSUME && length == ExcerptKind.CONSUME_BYTES) {
                    long buffer = (long) LONG.get(b, p + 9);
                    int node = (int) INT.get(b, p + 21);
                    long bytes = (long) LONG.get(b, p + 25);
                    consumes++;
                    int slot = live.get(buffer, 0);
                    if (slot >= 0) {
                        matched++;
                        localBytes += producer[slot] == node ? bytes : 0;
                    }
                } else if (kind == ExcerptKind.FREE && length == ExcerptKind.FREE_BYTES) {
                    long buffer = (long) LONG.get(b, p + 9);
                    int slot = live.remove(buffer, 0);
                    if (slot >= 0) {
                        if (freeCount == freeSlots.length) {
                            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
                        }
                        freeSlots[freeCount++] = slot;
                    }
                }
            }
        }
        return new Result(sum, consumes, matched, localBytes);
    }
}
