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
 * computed twice). The replay differs from the run in one way only: in replay, feedback of a
 * Consume reaches the predictor before the next Alloc in trace order; live, it reaches the producer
 * asynchronously (after the feedback delay) and each socket's next buffer is placed before its
 * datagram arrives, so the live predictor decides with slightly older knowledge.
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
