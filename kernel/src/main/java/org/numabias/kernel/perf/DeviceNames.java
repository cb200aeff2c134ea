package org.numabias.kernel.perf;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The device names of an import, numbered in order of first sight, at most
 * {@link org.numabias.api.trace.TraceHeader#MAX_ENTRIES} (what a trace header holds). One importing
 * thread adds; other threads (an online view) may read the names published so far.
 *
 * <p>Lookup is a scan of the first {@link #SCANNED} names (the common case: a few devices; no
 * string per line), then a hash map (a string per line only for traces with many devices).
 */
final class DeviceNames {
    /** How many names are found by scanning before the hash map is used. */
    static final int SCANNED = 16;

    private volatile String[] names = new String[SCANNED];
    private volatile int count;
    private final Map<String, Integer> beyondScanned = new HashMap<>();

    /** The id of the name in token {@code t} of {@code line}, or -1 if it is new. */
    int find(PerfLineScanner line, int t) {
        String[] n = names;
        int c = count;
        for (int d = 0; d < Math.min(c, SCANNED); d++) {
            if (line.valueIs(t, n[d])) {
                return d;
            }
        }
        if (c <= SCANNED) {
            return -1;
        }
        Integer id = beyondScanned.get(line.value(t));
        return id == null ? -1 : id;
    }

    /** Whether another name fits. */
    boolean full() {
        return count == org.numabias.api.trace.TraceHeader.MAX_ENTRIES;
    }

    /** Adds a new name (the importing thread only; {@link #full()} must be false); returns its id. */
    int add(String name) {
        int id = count;
        String[] n = names;
        if (id == n.length) {
            n = Arrays.copyOf(n, n.length * 2);
        }
        n[id] = name;
        if (id >= SCANNED) {
            beyondScanned.put(name, id);
        }
        names = n;
        count = id + 1; // publishes the name
        return id;
    }

    /** The name of device {@code id}, or null if it is not known (yet). Any thread. */
    String name(int id) {
        String[] n = names;
        return id >= 0 && id < Math.min(count, n.length) ? n[id] : null;
    }

    /** The names so far. */
    List<String> list() {
        int c = count;
        return List.of(Arrays.copyOf(names, c));
    }
}
