package org.numabias.api;

import java.util.Arrays;

/**
 * A map from a pair of longs to a non-negative int, with open addressing over primitive arrays:
 * no boxing, and no allocation except when it grows. Used for per-key predictor state
 * ({@code (device, queue-or-flow)} to a dense state index) and for live buffers. Not thread-safe.
 */
public final class KeyTable {
    /** Returned by {@link #get} for an absent key. */
    public static final int ABSENT = -1;

    private long[] firsts;
    private long[] seconds;
    private int[] values; // ABSENT marks an empty slot
    private int size;
    private int mask;

    /** An empty table sized for about {@code expected} entries before it grows. */
    public KeyTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
        allocate(capacity);
    }

    /** An empty table. */
    public KeyTable() {
        this(16);
    }

    private void allocate(int capacity) {
        firsts = new long[capacity];
        seconds = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, ABSENT);
        mask = capacity - 1;
    }

    private int slotOf(long first, long second) {
        long h = first * 0x9E3779B97F4A7C15L + second;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int) h & mask;
    }

    /** The value for the key, or {@link #ABSENT}. */
    public int get(long first, long second) {
        int i = slotOf(first, second);
        while (values[i] != ABSENT) {
            if (firsts[i] == first && seconds[i] == second) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return ABSENT;
    }

    /** Sets the value ({@code >= 0}) for the key. */
    public void put(long first, long second, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values must be >= 0, got " + value);
        }
        int i = slotOf(first, second);
        while (values[i] != ABSENT) {
            if (firsts[i] == first && seconds[i] == second) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        firsts[i] = first;
        seconds[i] = second;
        values[i] = value;
        if (++size * 2 > values.length) {
            grow();
        }
    }

    /** Removes the key; returns its value, or {@link #ABSENT} if it was not there. */
    public int remove(long first, long second) {
        int i = slotOf(first, second);
        while (values[i] != ABSENT) {
            if (firsts[i] == first && seconds[i] == second) {
                int old = values[i];
                shiftBackFrom(i);
                size--;
                return old;
            }
            i = (i + 1) & mask;
        }
        return ABSENT;
    }

    /** Backward-shift deletion: keeps every probe chain unbroken without tombstones. */
    private void shiftBackFrom(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (values[i] == ABSENT) {
                values[hole] = ABSENT;
                return;
            }
            int home = slotOf(firsts[i], seconds[i]);
            boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                firsts[hole] = firsts[i];
                seconds[hole] = seconds[i];
                values[hole] = values[i];
                hole = i;
            }
        }
    }

    private void grow() {
        long[] oldFirsts = firsts;
        long[] oldSeconds = seconds;
        int[] oldValues = values;
        allocate(oldValues.length * 2);
        size = 0;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != ABSENT) {
                put(oldFirsts[i], oldSeconds[i], oldValues[i]);
            }
        }
    }

    /** Number of keys. */
    public int size() {
        return size;
    }

    /** Approximate bytes held by the table's arrays. */
    public long sizeBytes() {
        return (long) values.length * (8 + 8 + 4);
    }
}
