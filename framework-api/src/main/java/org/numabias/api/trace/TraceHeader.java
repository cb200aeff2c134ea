package org.numabias.api.trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.numabias.api.Topology;

/**
 * What makes a trace describe itself: the format version, the topology its node ids refer to, the
 * device names (index = device id), provenance (where, how and when it was recorded, as ordered
 * key/value text) and import counts (e.g. {@code unmatchedCopies}, {@code skippedLines}).
 */
public record TraceHeader(int formatVersion, Topology topology, List<String> deviceNames,
                          Map<String, String> provenance, Map<String, Long> counts) {

    /**
     * The trace format this build writes; readers reject anything newer. Format 2 added checksums
     * (per block of events and over the whole trace); format 1 traces still read, unchecked.
     */
    public static final int CURRENT_FORMAT = 2;
    /** The most device names, provenance entries or counts a header may hold. */
    public static final int MAX_ENTRIES = 65_536;
    /** The longest text (a device name, a provenance key or value) a header may hold, in UTF-8 bytes. */
    public static final int MAX_TEXT_BYTES = 1 << 20;

    /** @throws IllegalArgumentException if a list or map is beyond {@link #MAX_ENTRIES} */
    public TraceHeader {
        Objects.requireNonNull(topology, "topology");
        if (deviceNames.size() > MAX_ENTRIES || provenance.size() > MAX_ENTRIES || counts.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("a trace header holds at most " + MAX_ENTRIES
                    + " device names, provenance entries and counts each");
        }
        deviceNames = List.copyOf(deviceNames);
        provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** A current-format header. */
    public static TraceHeader of(Topology topology, List<String> deviceNames, Map<String, String> provenance,
                                 Map<String, Long> counts) {
        return new TraceHeader(CURRENT_FORMAT, topology, deviceNames, provenance, counts);
    }

    /** This header with one more provenance entry (replacing an equal key). */
    public TraceHeader withProvenance(String key, String value) {
        Map<String, String> p = new LinkedHashMap<>(provenance);
        p.put(key, value);
        return new TraceHeader(formatVersion, topology, deviceNames, p, counts);
    }
}
