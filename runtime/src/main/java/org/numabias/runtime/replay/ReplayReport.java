package org.numabias.runtime.replay;

import java.util.List;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceHeader;

/**
 * The outcome of a replay with its provenance: the trace (description, header, summary with digest),
 * the topology the metrics used, where scoring started, the framework version and every result.
 */
public record ReplayReport(String trace, TraceHeader header, TraceSummary summary, Topology topology,
                           String scoreFrom, long scoreFromIndex, long budgetNsPerCall, String frameworkVersion,
                           List<PredictorResult> results) {
}
