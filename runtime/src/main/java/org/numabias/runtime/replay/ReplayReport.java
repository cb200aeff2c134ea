package org.numabias.runtime.replay;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceHeader;

/**
 * The outcome of a replay with its provenance: the trace (description, header, summary with digest),
 * the topology the metrics used, where scoring started, the budget, the window (0: none), the
 * framework version and every result. Its JSON is {@link ReplayJson}'s, with any Jackson mapper.
 */
public record ReplayReport(String trace, TraceHeader header, TraceSummary summary, Topology topology,
                           String scoreFrom, long scoreFromIndex, long budgetNsPerCall, int window,
                           String frameworkVersion, List<PredictorResult> results) {
    public ReplayReport {
        results = List.copyOf(results);
    }

    @JsonValue
    ReplayJson.Document toJson() {
        return ReplayJson.Document.of(this);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ReplayReport fromJson(ReplayJson.Document document) {
        return document.report();
    }
}
