package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.contract.RandomTraces;
import org.numabias.runtime.csv.CsvTraceSource;
import org.numabias.runtime.guard.PredictorGuard;

/** Each result's {@link PredictionMatrix}: known answers on a hand-made trace, and what it must add up to. */
class PredictionMatrixTest {
    private static final List<String> SPECS = List.of("producer-local", "interleave", "last-consumer", "majority",
            "ewma", "markov:order=2", "two-stage", "oracle");

    @TempDir
    Path tmp;

    /*
     * Two nodes (CSV: uniform distances 10 local, 20 remote). Buffer 1, made on node 0, is read by node 1
     * (100 B) and node 0 (50 B); buffer 2, made on node 0, by node 1 (300 B); buffer 3, made on node 1, by
     * node 1 (20 B); buffer 9 is not live (unknown, not scored).
     * producer-local predicts each Alloc's node: cells (0,1) 100 B + 300 B, (0,0) 50 B, (1,1) 20 B.
     * The oracle: buffer 1 costs 100x20 + 50x10 = 2500 on node 0, 100x10 + 50x20 = 2000 on node 1, so
     * node 1; buffers 2 and 3 node 1: cells (1,1) 100 + 300 + 20 B, (1,0) 50 B.
     */
    @Test
    void aHandMadeCsvTraceGivesTheMatricesWorkedOutByHand() throws IOException {
        Path csv = tmp.resolve("hand.csv");
        Files.writeString(csv, CsvTraceSource.HEADER + "\n" + """
                A,1,1,0,0,0,0,0,150
                C,2,1,,,,1,1,100
                C,3,1,,,,0,0,50
                F,4,1,,,,,,
                A,5,2,0,0,0,0,0,300
                C,6,2,,,,1,1,300
                C,7,9,,,,1,1,7
                F,8,2,,,,,,
                A,9,3,1,0,0,1,1,20
                C,10,3,,,,1,1,20
                """);
        ReplayReport r = replay(CsvTraceSource.open(csv), "producer-local", "oracle");
        PredictorResult local = r.results().get(0);
        PredictorResult oracle = r.results().get(1);
        assertEquals(new PredictionMatrix(new long[][]{{1, 2}, {0, 1}}, new long[][]{{50, 400}, {0, 20}}),
                local.nodeMatrix());
        assertEquals(new PredictionMatrix(new long[][]{{0, 0}, {1, 3}}, new long[][]{{0, 0}, {50, 420}}),
                oracle.nodeMatrix());
        assertEquals(4, local.consumptions());
        assertEquals(470, local.bytes());
        assertEquals(70.0 / 470, local.localByteRatio(), 1e-15);
        assertEquals(420.0 / 470, oracle.localByteRatio(), 1e-15);
    }

    @Test
    void cellsAddUpToTheMeasurementsOfEveryPredictor() {
        qt().withExamples(40).forAll(longs().all(), integers().between(1, 5), integers().between(0, 400), booleans().all())
                .checkAssert((seed, nodes, length, fromHalf) -> {
                    InMemoryTrace trace = RandomTraces.generate(seed, nodes, length, true);
                    Topology topology = trace.header().topology();
                    long scoreFrom = fromHalf ? length / 2 : 0;
                    PredictorGuard[] guards = SPECS.stream().filter(s -> !s.equals("oracle")).map(s -> PredictorGuard.budgeted(
                            PredictorRegistry.builtIn().create(s, topology), nodes, ReplayEngine.DEFAULT_BUDGET_NS))
                            .toArray(PredictorGuard[]::new);
                    ReplayPass pass = new ReplayPass("test", trace.description(), topology, guards, 0, scoreFrom, -1,
                            ProgressListener.NONE, List.of());
                    try (TraceCursor cursor = trace.open()) {
                        pass.run(cursor);
                    }
                    long[] actual = pass.sums(-1, null, 0).actualByNode().clone(); // the oracle's columns: every lane's
                    for (int lane = -1; lane < guards.length; lane++) {
                        String what = "seed " + seed + " lane " + lane;
                        RawSums sums = pass.sums(lane, null, 0);
                        PredictionMatrix m = pass.matrix(lane);
                        long[][] count = m.consumptions();
                        long[][] bytes = m.bytes();
                        long n = 0, b = 0, hits = 0, local = 0;
                        long[] columns = new long[nodes];
                        for (int p = 0; p < nodes; p++) {
                            long row = 0;
                            for (int c = 0; c < nodes; c++) {
                                n += count[p][c];
                                b += bytes[p][c];
                                row += count[p][c];
                                columns[c] += count[p][c];
                            }
                            assertEquals(sums.predictedByNode()[p], row, what + ": row " + p);
                            hits += count[p][p];
                            local += bytes[p][p];
                        }
                        assertEquals(sums.consumptions(), n, what);
                        assertEquals(sums.bytes(), b, what);
                        assertEquals(sums.hits(), hits, what);
                        assertEquals(sums.localBytes(), local, what);
                        assertArrayEquals(sums.actualByNode(), columns, what + ": columns are the consumer nodes");
                        assertArrayEquals(actual, columns, what);
                    }
                });
    }

    @Test
    void theDiagonalIsTheLocalByteRatioOfEveryResult() {
        InMemoryTrace trace = RandomTraces.generate(5, 4, 2000, true);
        ReplayReport r = replay(trace, SPECS.toArray(String[]::new));
        for (PredictorResult p : r.results()) {
            long[][] bytes = p.nodeMatrix().bytes();
            long diagonal = 0;
            for (int i = 0; i < bytes.length; i++) {
                diagonal += bytes[i][i];
            }
            assertEquals(p.bytes() - p.remoteBytes(), diagonal, p.label());
            assertEquals(p.localByteRatio(), (double) diagonal / p.bytes(), 1e-12, p.label());
        }
    }

    @Test
    void beyondTheNodeLimitResultsCarryNoMatrixAndTheJsonNoKey() {
        int nodes = PredictionMatrix.MAX_NODES + 1;
        Topology topology = Topology.uniform(nodes, "test");
        List<TraceEvent> events = List.of(new TraceEvent.Alloc(1, 1, 0, 0, 0, 0, 0, 10),
                new TraceEvent.Consume(2, 1, 0, nodes - 1, 10));
        InMemoryTrace trace = new InMemoryTrace(TraceHeader.of(topology, List.of(), Map.of(), Map.of()), events, "wide");
        ReplayReport r = replay(trace, "producer-local", "oracle");
        for (PredictorResult p : r.results()) {
            assertNull(p.nodeMatrix(), p.label());
            assertEquals(1, p.consumptions());
        }
        String json = ReplayJson.write(r);
        assertFalse(json.contains("nodeMatrix"), json);
        assertEquals(r, ReplayJson.read(json));
    }

    @Test
    void theMatrixIsCheckedAndCopied() {
        assertThrows(IllegalArgumentException.class, () -> new PredictionMatrix(new long[][]{{1, 2}}, new long[][]{{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> new PredictionMatrix(new long[][]{{1}}, new long[][]{{1}, {2}}));
        assertThrows(IllegalArgumentException.class, () -> new PredictionMatrix(new long[][]{{-1}}, new long[][]{{1}}));
        long[][] cells = {{1, 2}, {3, 4}};
        PredictionMatrix m = new PredictionMatrix(cells, cells);
        cells[0][0] = 9;
        m.bytes()[1][1] = 9;
        assertEquals(new PredictionMatrix(new long[][]{{1, 2}, {3, 4}}, new long[][]{{1, 2}, {3, 4}}), m);
    }

    private static ReplayReport replay(TraceSource trace, String... specs) {
        return new ReplayEngine(PredictorRegistry.builtIn()).run(trace, trace.header().topology(), List.of(specs),
                ReplayEngine.Options.defaults());
    }
}
