package org.numabias.reports;

import java.util.Map;
import org.numabias.runtime.replay.ReplayReport;

/**
 * What a chart or report says about one trace: its name, where it came from (read from the trace
 * header's provenance: {@link #origin}), whether its topology is projected (a model of a multi-node
 * machine, not the recording hardware), and its digest.
 *
 * @param name           the dataset or trace name
 * @param origin         one of {@link #GENERATED}, {@link #PERF}, {@link #LIVE}, {@link #CSV}, {@link #UNKNOWN}
 * @param projected      the topology is projected
 * @param topologySource where the topology came from
 * @param seed           the generator's seed, or null
 * @param eventsSha256   the digest of the events
 * @param source         the trace's path or description
 */
public record DatasetInfo(String name, String origin, boolean projected, String topologySource, String seed,
                          String eventsSha256, String source) {
    /** Made by a scenario generator ({@code numabias generate}, catalog scenarios): a model, not a measurement. */
    public static final String GENERATED = "generated";
    /** Captured with Linux perf (the catalog's recordings, {@code numabias record}, {@code import --format perf-script}). */
    public static final String PERF = "perf capture";
    /** Recorded by {@code numabias live}: real allocations on real nodes. */
    public static final String LIVE = "live recording";
    /** A CSV file: its header carries no provenance, so nothing says how it was made. */
    public static final String CSV = "CSV of unknown origin";
    /** A stored trace whose provenance names none of the above. */
    public static final String UNKNOWN = "unknown origin";

    /** The description of a replayed trace, named {@code name}. */
    public static DatasetInfo of(String name, ReplayReport report) {
        Map<String, String> provenance = report.header().provenance();
        return new DatasetInfo(name, origin(provenance), report.topology().projected(), report.topology().source(),
                provenance.get("seed"), report.summary().eventsSha256(), report.trace());
    }

    /** The origin a trace header's provenance states. */
    static String origin(Map<String, String> provenance) {
        if (provenance.containsKey("scenario")) {
            return GENERATED;
        }
        if ("numabias live".equals(provenance.get("source"))) {
            return LIVE;
        }
        if ("perf-script".equals(provenance.get("format")) || provenance.containsKey("perf")) {
            return PERF;
        }
        if ("csv".equals(provenance.get("format"))) {
            return CSV;
        }
        return UNKNOWN;
    }

    /** Whether it is a generated model rather than a measurement. */
    public boolean synthetic() {
        return GENERATED.equals(origin);
    }

    /** The origin, with ", projected" for a projected topology. */
    public String kind() {
        return origin + (projected ? ", projected" : "");
    }

    /** The first 12 hex digits of the events' digest. */
    public String shortDigest() {
        return eventsSha256.substring(0, Math.min(12, eventsSha256.length()));
    }
}
