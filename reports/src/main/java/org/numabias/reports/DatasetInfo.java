package org.numabias.reports;

import org.numabias.runtime.replay.ReplayReport;

/**
 * What a chart or report says about one trace: its name, whether it is synthetic (a model made by
 * {@code numabias generate}, with a seed) or recorded, whether its topology is projected (a model of a
 * multi-node machine, not the recording hardware), and its digest.
 *
 * @param name           the dataset or trace name
 * @param synthetic      made by a scenario generator rather than recorded
 * @param projected      the topology is projected
 * @param topologySource where the topology came from
 * @param seed           the generator's seed, or null
 * @param eventsSha256   the digest of the events
 * @param source         the trace's path or description
 */
public record DatasetInfo(String name, boolean synthetic, boolean projected, String topologySource, String seed,
                          String eventsSha256, String source) {
    /** The description of a replayed trace, named {@code name}. */
    public static DatasetInfo of(String name, ReplayReport report) {
        var provenance = report.header().provenance();
        return new DatasetInfo(name, provenance.containsKey("scenario"), report.topology().projected(),
                report.topology().source(), provenance.get("seed"), report.summary().eventsSha256(), report.trace());
    }

    /** "synthetic" or "recorded", with ", projected" for a projected topology. */
    public String kind() {
        return (synthetic ? "synthetic" : "recorded") + (projected ? ", projected" : "");
    }

    /** The first 12 hex digits of the events' digest. */
    public String shortDigest() {
        return eventsSha256.substring(0, Math.min(12, eventsSha256.length()));
    }
}
