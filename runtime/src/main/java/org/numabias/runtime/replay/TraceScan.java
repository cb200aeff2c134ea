package org.numabias.runtime.replay;

import java.util.List;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.guard.PredictorGuard;

/**
 * A trace's {@link TraceSummary} without any predictor: the replay engine's pass (validation,
 * counts, digest, buffer join) with no lane. For {@code stats} and anything else that only needs
 * the summary.
 */
public final class TraceScan {
    private TraceScan() {
    }

    /**
     * Scans {@code source} against {@code topology} (whose node count bounds the node ids).
     *
     * @throws org.numabias.api.trace.TraceFormatException naming the event index of the first invalid event
     */
    public static TraceSummary summarize(TraceSource source, Topology topology, ProgressListener progress) {
        ReplayPass pass = new ReplayPass("scan", source.description(), topology, new PredictorGuard[0], 0, Long.MAX_VALUE,
                ReplayEngine.knownEvents(source), source.knownEventsSha256(), progress, List.of());
        ReplayEngine.run(pass, source);
        return pass.summary();
    }
}
