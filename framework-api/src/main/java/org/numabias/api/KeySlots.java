package org.numabias.api;

import java.util.Arrays;

/**
 * Dense slot numbers for a keyed predictor's keys ({@link KeyMode}): slot {@code i} indexes the
 * predictor's own primitive state arrays ({@code i * nodes + n} for per-node state). Slots are
 * assigned 0, 1, 2, ... in order of first sight and never reused. Allocates only when a new key
 * makes a table grow. Not thread-safe.
 */
public final class KeySlots {
    private final KeyMode mode;
    private final KeyTable table = new KeyTable();
    private int count;

    /** Slots for keys of {@code mode}. */
    public KeySlots(KeyMode mode) {
        this.mode = mode;
    }

    /** The slot of the allocation's key, or -1 if the key was never added (a cold key). */
    public int find(AllocationContext ctx) {
        return table.get(ctx.device(), mode.secondary(ctx.queue(), ctx.flow()));
    }

    /** The slot of the allocation's key, added if new. */
    public int findOrAdd(AllocationContext ctx) {
        return findOrAdd(ctx.device(), mode.secondary(ctx.queue(), ctx.flow()));
    }

    /** The slot of the consumed buffer's key, added if new. */
    public int findOrAdd(ConsumptionFeedback fb) {
        return findOrAdd(fb.device(), mode.secondary(fb.queue(), fb.flow()));
    }

    private int findOrAdd(long device, long secondary) {
        int slot = table.get(device, secondary);
        if (slot == KeyTable.ABSENT) {
            slot = count++;
            table.put(device, secondary, slot);
        }
        return slot;
    }

    /** Number of keys seen. */
    public int size() {
        return count;
    }

    /** Approximate bytes of the key table. */
    public long sizeBytes() {
        return table.sizeBytes();
    }

    /** {@code array} if it holds {@code length} elements, else a grown copy padded with {@code fill}. */
    public static long[] ensure(long[] array, int length, long fill) {
        if (length <= array.length) {
            return array;
        }
        int old = array.length;
        long[] grown = Arrays.copyOf(array, Math.max(length, old * 2));
        Arrays.fill(grown, old, grown.length, fill);
        return grown;
    }

    /** {@code array} if it holds {@code length} elements, else a grown copy padded with {@code fill}. */
    public static int[] ensure(int[] array, int length, int fill) {
        if (length <= array.length) {
            return array;
        }
        int old = array.length;
        int[] grown = Arrays.copyOf(array, Math.max(length, old * 2));
        Arrays.fill(grown, old, grown.length, fill);
        return grown;
    }

    /** {@code array} if it holds {@code length} elements, else a grown copy padded with zeros. */
    public static double[] ensure(double[] array, int length) {
        return length <= array.length ? array : Arrays.copyOf(array, Math.max(length, array.length * 2));
    }
}
