package org.numabias.tribuo.train;

import org.numabias.api.Topology;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.replay.TraceScan;
import org.numabias.runtime.replay.TraceSummary;

/**
 * The label of every buffer instance: the node {@code oracle} chooses for it (DESIGN.md: the node
 * minimising bytes x distance over the instance's Consumes), by Alloc index, with the trace's
 * summary (event count, digest). The one place that asks the runtime for the oracle: today the
 * replay engine's {@link TraceScan} pass (memory: one int per Alloc).
 */
final class OracleLabels {
    private final TraceScan scan;
    private final TraceSummary summary;

    private OracleLabels(TraceScan scan) {
        this.scan = scan;
        this.summary = scan.summary();
    }

    /** One pass over {@code source}: validates it and settles every instance's oracle node. */
    static OracleLabels of(TraceSource source, Topology topology, ProgressListener progress) {
        return new OracleLabels(TraceScan.run(source, topology, progress));
    }

    /** The oracle's node for the Alloc with this index, or -1 if that instance was never consumed. */
    int node(long allocIndex) {
        return scan.oracleNode(allocIndex);
    }

    /** What the pass found: events, allocs, the trace digest. */
    TraceSummary summary() {
        return summary;
    }
}
