package org.numabias.api;

import java.util.Arrays;

/**
 * Dense slot numbers for a keyed predictor's keys ({@link KeyMode}): slot {@code i} indexes the
 * predictor's own primitive state arrays ({@code i * nodes + n} for per-node state). Slots are
 * assigned 0, 1, 2, ... in order of first sight and never reused. Allocates only when a new key
 * makes a table grow. In {@link KeyMode#DEVICE} mode small device ids ({@code 0..4095}) are
 * looked up by array index, without hashing: the predictors' hot path ({@code PredictorBenchmark}).
 * Not thread-safe.
 */
public final class KeySlots {
    /** Devices {@code 0 .. DIRECT_DEVICES-1} are looked up by index in {@link KeyMode#DEVICE} mode. */
    static final int DIRECT_DEVICES = 4096;

    private final KeyMode mode;
    private final KeyTable table = new KeyTable();
    /** DEVICE mode: the slot of each small device id, or -1 (null in other modes). Grows on demand. */
    private int[] byDevice;
    private int count;

    /** Slots for keys of {@code mode}. */
    public KeySlots(KeyMode mode) {
        this.mode = mode;
        this.byDevice = mode == KeyMode.DEVICE ? filled(new int[16]) : null;
    }

    /** The slot of the allocation's key, or -1 if the key was never added (a cold key). */
    public int find(AllocationContext ctx) {
        int device = ctx.device();
        int[] direct = byDevice;
        if (direct != null && device >= 0 && device < DIRECT_DEVICES) {
            return device < direct.length ? direct[device] : -1;
        }
        return table.get(device, mode.secondary(ctx.queue(), ctx.flow()));
    }

    /** The slot of the allocation's key, added if new. */
    public int findOrAdd(AllocationContext ctx) {
        int device = ctx.device();
        if (byDevice != null && device >= 0 && device < DIRECT_DEVICES) {
            return findOrAddDirect(device);
        }
        return findOrAdd(device, mode.secondary(ctx.queue(), ctx.flow()));
    }

    /** The slot of the consumed buffer's key, added if new. */
    public int findOrAdd(ConsumptionFeedback fb) {
        int device = fb.device();
        if (byDevice != null && device >= 0 && device < DIRECT_DEVICES) {
            return findOrAddDirect(device);
        }
        return findOrAdd(device, mode.secondary(fb.queue(), fb.flow()));
    }

    private int findOrAddDirect(int device) {
        int[] direct = byDevice;
        if (device < direct.length) {
            int slot = direct[device];
            if (slot >= 0) {
                return slot;
            }
        } else {
            direct = byDevice = ensure(direct, Math.min(DIRECT_DEVICES, Math.max(device + 1, 2 * direct.length)), -1);
        }
        direct[device] = count;
        return count++;
    }

    private int findOrAdd(long device, long secondary) {
        int slot = table.get(device, secondary);
        if (slot == KeyTable.ABSENT) {
            slot = count++;
            table.put(device, secondary, slot);
        }
        return slot;
    }

    private static int[] filled(int[] array) {
        Arrays.fill(array, -1);
        return array;
    }

    /** Number of keys seen. */
    public int size() {
        return count;
    }

    /** Approximate bytes of the key table. */
    public long sizeBytes() {
        return table.sizeBytes() + (byDevice == null ? 0 : 4L * byDevice.length);
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
