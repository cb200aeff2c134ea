package org.numabias.runtime.replay;

import java.util.List;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceHeader;

/**
 * The outcome of a replay with its provenance: the trace (description, header, summary with digest),
 * the topology the metrics used, where scoring started, the budget, the window (0: none), the
 * framework version and every result. Written and read back as JSON by {@link ReplayJson}.
 */
public record ReplayReport(String trace, TraceHeader header, TraceSummary summary, Topology topology,
                           String scoreFrom, long scoreFromIndex, long budgetNsPerCall, int window,
                           String frameworkVersion, List<PredictorResult> results) {
    public ReplayReport {
        results = List.copyOf(results);
    }
}
