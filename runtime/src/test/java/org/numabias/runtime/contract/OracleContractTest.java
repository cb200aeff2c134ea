package org.numabias.runtime.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.PredictorRegistry;
import org.numabias.predictors.OraclePredictor;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;

/**
 * The predictor contract for built-in {@code oracle}, and {@link OraclePredictor} itself against the
 * brute-force oracle of {@link SlowReplay}: the kit drives it directly with that oracle as its future.
 */
class OracleContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "oracle";
    }

    @Test
    void predictsTheBruteForceOracleNodeOrTheProducersForEveryAlloc() {
        qt().withExamples(60).forAll(longs().all(), integers().between(1, 5), integers().between(0, 400), booleans().all())
                .checkAssert((seed, nodes, length, skewed) -> {
                    InMemoryTrace trace = RandomTraces.generate(seed, nodes, length, skewed);
                    Topology topology = trace.header().topology();
                    List<Integer> oracle = SlowReplay.oracleNodes(trace, topology);
                    OraclePredictor p = new OraclePredictor();
                    p.useLookahead(allocIndex -> oracle.get((int) allocIndex));
                    List<Integer> expected = new ArrayList<>();
                    for (TraceEvent e : trace.events()) {
                        if (e instanceof TraceEvent.Alloc a) {
                            int node = oracle.get(expected.size());
                            expected.add(node < 0 ? a.node() : node);
                        }
                    }
                    assertEquals(expected, SlowReplay.run(trace, topology, p).nodes(), "seed " + seed);
                });
    }

    @Test
    void aHandWorkedTraceGetsTheCheapestNodeWithTheTieRule() {
        // 3 nodes; distance 10 local, 20 to a neighbour, 40 from node 0 to 2 and back
        Topology t = Topology.uniform(3, "test").withDistances(new int[][] {{10, 20, 40}, {20, 10, 20}, {40, 20, 10}}, "test");
        List<TraceEvent> events = List.of(
                // buffer 1: 100 bytes on node 0, 100 on node 2. Costs: p0 1000+4000, p1 2000+2000, p2 4000+1000 -> node 1
                new TraceEvent.Alloc(0, 1, 0, 0, 0, 0, 0, 64), new TraceEvent.Consume(1, 1, 0, 0, 100),
                new TraceEvent.Consume(2, 1, 4, 2, 100), new TraceEvent.Free(3, 1),
                // buffer 2: 50 on node 2 then 50 on node 0: p0 = p2 = 500+2000 = 2500, p1 = 1000+1000 = 2000 -> node 1
                new TraceEvent.Alloc(4, 2, 0, 0, 0, 0, 0, 64), new TraceEvent.Consume(5, 2, 4, 2, 50),
                new TraceEvent.Consume(6, 2, 0, 0, 50), new TraceEvent.Free(7, 2),
                // buffer 3: read once on node 2, 0 bytes: every node costs 0; the first consumer's node wins
                new TraceEvent.Alloc(8, 3, 0, 0, 0, 0, 1, 64), new TraceEvent.Consume(9, 3, 4, 2, 0),
                // buffer 4: never consumed: its producer's node, 1
                new TraceEvent.Alloc(10, 4, 0, 0, 0, 0, 1, 64),
                // buffer 5: 100 on node 2 then 100 on node 1: p1 = p2 = 3000 < p0 6000; the first consumer's node 2
                new TraceEvent.Alloc(11, 5, 0, 0, 0, 0, 0, 64), new TraceEvent.Consume(12, 5, 4, 2, 100),
                new TraceEvent.Consume(13, 5, 2, 1, 100),
                // buffer 6: 0 bytes on node 2, then 100 on node 0 and 100 on node 1: p0 = p1 = 3000 < p2 6000, and
                // the first consumer's node 2 is not among them: the lowest id, 0
                new TraceEvent.Alloc(14, 6, 0, 0, 0, 0, 1, 64), new TraceEvent.Consume(15, 6, 4, 2, 0),
                new TraceEvent.Consume(16, 6, 0, 0, 100), new TraceEvent.Consume(17, 6, 2, 1, 100));
        InMemoryTrace trace = new InMemoryTrace(org.numabias.api.trace.TraceHeader.of(t, List.of(), java.util.Map.of(),
                java.util.Map.of()), events, "hand");
        assertEquals(List.of(1, 1, 2, -1, 2, 0), SlowReplay.oracleNodes(trace, t));
        OraclePredictor p = new OraclePredictor();
        List<Integer> future = List.of(1, 1, 2, -1, 2, 0);
        p.useLookahead(allocIndex -> future.get((int) allocIndex));
        assertEquals(List.of(1, 1, 2, 1, 2, 0), SlowReplay.run(trace, t, p).nodes());
        // the engine's oracle row on the same trace: 200 + 100 + 0 + 200 + 200 bytes; local: 0 + 0 + 0 + 100 + 100
        ReplayReport r = new ReplayEngine(PredictorRegistry.builtIn()).run(trace, t, List.of("oracle"),
                ReplayEngine.Options.defaults());
        assertEquals(700, r.results().getFirst().bytes());
        assertEquals(500, r.results().getFirst().remoteBytes());
        // bytes x distance / 10: 4000 + 2000 + 0 + 3000 + 3000 = 12000 -> 1200
        assertEquals(1200.0, r.results().getFirst().cost());
    }

    @Test
    void withoutTheTracesFutureItRefusesToPredict() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new OraclePredictor()
                .predict(new MutableAllocationContext(Topology.uniform(2, "test")).set(0, 0, 1, 0, 0, 0, 0, 1, 64)));
        assertTrue(e.getMessage().contains("replay-only"), e.getMessage());
        assertEquals(0, new OraclePredictor().stateSizeBytes());
    }
}
