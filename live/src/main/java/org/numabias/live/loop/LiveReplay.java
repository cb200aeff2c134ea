package org.numabias.live.loop;

import java.nio.file.Path;
import java.util.List;
import org.numabias.api.PredictorRegistry;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.store.ChronicleTraceSource;

/**
 * The predictor's metrics for a live run, in {@code compare}'s terms: the run's recorded trace
 * replayed through the same predictor spec by the runtime's {@link ReplayEngine} (no metric is
 * computed twice). The live trace holds every predictor call in the order the device's predictor
 * saw it (a Consume is recorded when its feedback is delivered), so for a predictor whose state is
 * per device the replay's placements are the run's.
 */
public final class LiveReplay {
    private LiveReplay() {
    }

    /** Replays {@code trace} through {@code spec} with default options (score everything). */
    public static ReplayReport replay(Path trace, PredictorRegistry registry, String spec) {
        try (ChronicleTraceSource source = ChronicleTraceSource.open(trace)) {
            return new ReplayEngine(registry).run(source, source.header().topology(), List.of(spec),
                    ReplayEngine.Options.defaults());
        }
    }
}
