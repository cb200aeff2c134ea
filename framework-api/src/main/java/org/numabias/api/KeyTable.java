package org.numabias.api;

/**
 * A map from a pair of longs to a non-negative int, with open addressing (linear probing,
 * backward-shift deletion) over one primitive array: no boxing, and no allocation except when it
 * grows. Used for per-key predictor state ({@code (device, queue-or-flow)} to a dense state index)
 * and for live buffers. Not thread-safe.
 *
 * <p>Hand-written because it is the predictors' measured hot path ({@code PredictorBenchmark}): an
 * entry's two key halves and its value sit side by side ({@code first, second, value} in one
 * {@code long[]}), so a probe reads one cache line (rarely two) where separate key and value arrays
 * cost one miss each on large tables.
 */
public final class KeyTable {
    /** Returned by {@link #get} for an absent key. */
    public static final int ABSENT = -1;

    private static final int STRIDE = 3; // first, second, value (ABSENT marks an empty entry)

    private long[] entries;
    private int size;
    private int mask;
    private int shift;

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
        entries = new long[capacity * STRIDE];
        for (int e = 2; e < entries.length; e += STRIDE) {
            entries[e] = ABSENT;
        }
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
    }

    /** The home entry of a key: the top bits of a multiplicative mix of both halves. */
    private int homeOf(long first, long second) {
        long h = (first * 0x9E3779B97F4A7C15L) ^ second;
        return (int) ((h * 0xBF58476D1CE4E5B9L) >>> shift);
    }

    /** The value for the key, or {@link #ABSENT}. */
    public int get(long first, long second) {
        long[] t = entries;
        int i = homeOf(first, second);
        while (true) {
            int e = i * STRIDE;
            long value = t[e + 2];
            if (value == ABSENT) {
                return ABSENT;
            }
            if (t[e] == first && t[e + 1] == second) {
                return (int) value;
            }
            i = (i + 1) & mask;
        }
    }

    /** Sets the value ({@code >= 0}) for the key. */
    public void put(long first, long second, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values must be >= 0, got " + value);
        }
        long[] t = entries;
        int i = homeOf(first, second);
        while (t[i * STRIDE + 2] != ABSENT) {
            int e = i * STRIDE;
            if (t[e] == first && t[e + 1] == second) {
                t[e + 2] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        int e = i * STRIDE;
        t[e] = first;
        t[e + 1] = second;
        t[e + 2] = value;
        if (++size * 2 > mask + 1) {
            grow();
        }
    }

    /** Removes the key; returns its value, or {@link #ABSENT} if it was not there. */
    public int remove(long first, long second) {
        long[] t = entries;
        int i = homeOf(first, second);
        while (t[i * STRIDE + 2] != ABSENT) {
            int e = i * STRIDE;
            if (t[e] == first && t[e + 1] == second) {
                int old = (int) t[e + 2];
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
        long[] t = entries;
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            int e = i * STRIDE;
            if (t[e + 2] == ABSENT) {
                t[hole * STRIDE + 2] = ABSENT;
                return;
            }
            int home = homeOf(t[e], t[e + 1]);
            boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                System.arraycopy(t, e, t, hole * STRIDE, STRIDE);
                hole = i;
            }
        }
    }

    private void grow() {
        long[] old = entries;
        allocate((mask + 1) * 2);
        size = 0;
        for (int e = 0; e < old.length; e += STRIDE) {
            if (old[e + 2] != ABSENT) {
                put(old[e], old[e + 1], (int) old[e + 2]);
            }
        }
    }

    /** Number of keys. */
    public int size() {
        return size;
    }

    /** Approximate bytes held by the table's arrays. */
    public long sizeBytes() {
        return 8L * entries.length;
    }
}
