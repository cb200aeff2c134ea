package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.contract.RandomTraces;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.store.ChronicleTraceWriter;

/**
 * A stored trace is replayed from its blocks of columns; any other source event by event. Both give the
 * same report: every measurement, window, matrix and the summary.
 */
class BlockReplayTest {
    private static final List<String> ALL = List.of("producer-local", "interleave", "last-consumer", "majority",
            "majority:weight=bytes,key=flow", "ewma", "markov:order=2", "two-stage", "oracle");

    @TempDir
    Path tmp;

    private static ReplayReport replay(TraceSource source, long scoreFrom) {
        return new ReplayEngine(PredictorRegistry.builtIn()).run(source, source.header().topology(), ALL,
                new ReplayEngine.Options(ScoreFrom.parse(Long.toString(scoreFrom)), ReplayEngine.DEFAULT_BUDGET_NS,
                        ProgressListener.NONE).withWindow(97));
    }

    @Test
    void aStoreReplayedByBlocksGivesTheEventByEventReport() {
        int[] run = {0};
        qt().withExamples(15).forAll(longs().all(), integers().between(1, 5), integers().between(0, 5000))
                .checkAssert((seed, nodes, length) -> {
                    InMemoryTrace trace = RandomTraces.generate(seed, nodes, length, true);
                    Path dir = tmp.resolve("t" + run[0]++);
                    ChronicleTraceWriter.copy(trace, trace.header(), dir);
                    long scoreFrom = length / 3;
                    ReplayReport events = replay(trace, scoreFrom);
                    try (ChronicleTraceSource store = ChronicleTraceSource.open(dir)) {
                        ReplayReport blocks = replay(store, scoreFrom);
                        assertEquals(events.summary(), blocks.summary(), "seed " + seed);
                        for (int i = 0; i < ALL.size(); i++) {
                            PredictorResult e = events.results().get(i);
                            PredictorResult b = blocks.results().get(i);
                            String what = "seed " + seed + " " + ALL.get(i);
                            assertEquals(e.measurements(), b.measurements(), what);
                            assertEquals(e.windows(), b.windows(), what);
                            assertEquals(e.nodeMatrix(), b.nodeMatrix(), what);
                        }
                    }
                });
    }
}
