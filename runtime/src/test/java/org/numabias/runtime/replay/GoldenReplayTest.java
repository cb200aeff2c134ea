package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceEvent.Alloc;
import org.numabias.api.trace.TraceEvent.Consume;
import org.numabias.api.trace.TraceEvent.Free;
import org.numabias.api.trace.TraceHeader;

/** Small traces whose metrics were worked out by hand (the working is in the comments). */
class GoldenReplayTest {
    private static final double EPS = 1e-12;

    /*
     * Two nodes, one device. Buffers 100 and 101 are made on node 0 and read by node 1 (1000 B each);
     * 102 is read by node 0 (500 B) then node 1 (1000 B) and freed; 999 is never allocated (unknown);
     * 103 is never consumed. Scored consumes: 4, bytes 3500.
     */
    private static final List<TraceEvent> EVENTS = List.of(
            new Alloc(1, 100, 0, 0, 1, 0, 0, 1500),
            new Consume(2, 100, 1, 1, 1000),
            new Alloc(3, 101, 0, 0, 1, 0, 0, 1500),
            new Consume(4, 101, 1, 1, 1000),
            new Alloc(5, 102, 0, 0, 1, 0, 0, 1500),
            new Consume(6, 102, 0, 0, 500),
            new Consume(7, 102, 1, 1, 1000),
            new Free(8, 102),
            new Consume(9, 999, 1, 1, 10),
            new Alloc(10, 103, 0, 0, 1, 0, 0, 1500));

    private static ReplayReport replay(Topology topology, String scoreFrom, String... specs) {
        InMemoryTrace trace = new InMemoryTrace(TraceHeader.of(topology, List.of("lo"), Map.of(), Map.of()), EVENTS, "golden");
        return new ReplayEngine(PredictorRegistry.builtIn()).run(trace, topology, List.of(specs),
                new ReplayEngine.Options(ScoreFrom.parse(scoreFrom), ReplayEngine.DEFAULT_BUDGET_NS, ProgressListener.NONE));
    }

    @Test
    void uniformDistances() {
        ReplayReport r = replay(Topology.uniform(2, "test"), "0",
                "producer-local", "interleave", "last-consumer", "two-stage", "oracle", "ewma:alpha=1");
        PredictorResult pl = r.results().get(0);
        // producer-local predicts 0 everywhere: only 102's 500 B read on node 0 is local.
        assertEquals(4, pl.consumptions());
        assertEquals(3500, pl.bytes());
        assertEquals(4, pl.allocs());
        assertEquals(1, pl.unconsumedAllocs());
        assertEquals(1, pl.unknownConsumes());
        assertEquals(0.25, pl.accuracy(), EPS);
        assertEquals(500.0 / 3500, pl.localByteRatio(), EPS);
        assertEquals(3000, pl.remoteBytes());
        assertEquals(500 + 3000 * 2, pl.cost(), EPS);               // bytes x distance / 10
        assertEquals(6500.0 / 4000 - 1, pl.regret(), EPS);          // oracle cost 4000 (below)
        assertEquals(0.0, pl.capturedGain(), EPS);
        assertEquals(0.0, pl.kappa(), EPS);                         // pc = 1 x 1/4 = p0
        assertEquals((0.25 - 0.5) / 0.5, pl.kappaM(), EPS);         // majority(device) accuracy 0.5
        assertEquals((0.25 - 0.5) / 0.5, pl.kappaTemporal(), EPS);  // last-consumer(device) accuracy 0.5
        assertEquals(750.0, pl.mpks(), EPS);

        // interleave: 100->0 miss, 101->1 hit, 102->0: hit (500 B) then miss; 103->1.
        PredictorResult il = r.results().get(1);
        assertEquals(0.5, il.accuracy(), EPS);
        assertEquals(1500.0 / 3500, il.localByteRatio(), EPS);
        assertEquals((3000 - 2000) / 2500.0, il.capturedGain(), EPS);
        // kappa: predicted node0 for 3 of 4 scored consumes, actual node0 1 of 4: pc = 3/4*1/4 + 1/4*3/4 = 3/8
        assertEquals((0.5 - 0.375) / (1 - 0.375), il.kappa(), EPS);

        // last-consumer: 100 cold -> 0 miss; 101 -> 1 hit; 102 -> 1: miss (node 0) then hit.
        PredictorResult lc = r.results().get(2);
        assertEquals(0.5, lc.accuracy(), EPS);
        assertEquals(2000.0 / 3500, lc.localByteRatio(), EPS);
        assertEquals(0.6, lc.capturedGain(), EPS);                 // (3000 - 1500) / (3000 - 500)
        assertEquals(0.0, lc.kappaTemporal(), EPS);

        // two-stage: first feedback (node 1) sets preferred=1, so 101 and 102 go to node 1, like last-consumer.
        assertEquals(0.5, r.results().get(3).accuracy(), EPS);

        // oracle: 100, 101 -> 1; 102 -> argmin(500*10+1000*20, 500*20+1000*10) = node 1.
        PredictorResult oracle = r.results().get(4);
        assertEquals(0.75, oracle.accuracy(), EPS);
        assertEquals(4000, oracle.cost(), EPS);
        assertEquals(0.0, oracle.regret(), EPS);
        assertEquals(1.0, oracle.capturedGain(), EPS);

        // ewma with alpha=1 is last-consumer
        assertEquals(lc.accuracy(), r.results().get(5).accuracy());
        assertEquals(lc.cost(), r.results().get(5).cost());
    }

    @Test
    void skewedDistancesAndScoreFrom() {
        // node 0 -> node 1 costs 30, node 1 -> node 0 costs 12; scoring starts at event index 5
        // (the first consume of 102), so only 102's two reads are scored: 500 B on node 0, 1000 B on node 1.
        Topology t = new Topology(2, new int[0], new int[][]{{10, 30}, {12, 10}}, "test", false);
        ReplayReport r = replay(t, "5", "producer-local", "oracle", "last-consumer");
        PredictorResult pl = r.results().get(0);
        assertEquals(2, pl.consumptions());
        assertEquals(1500, pl.bytes());
        assertEquals(0.5, pl.accuracy(), EPS);
        assertEquals((500 * 10 + 1000 * 30) / 10.0, pl.cost(), EPS);
        // oracle for 102: p=0 costs 500*10+1000*30=35000, p=1 costs 500*12+1000*10=16000 -> node 1
        PredictorResult oracle = r.results().get(1);
        assertEquals(1600.0, oracle.cost(), EPS);
        assertEquals(3500.0 / 1600 - 1, pl.regret(), EPS);
        // last-consumer has seen node 1 twice (fed back, not scored) -> 102 on node 1, same as the oracle
        assertEquals(1600.0, r.results().get(2).cost(), EPS);
    }

    @Test
    void emptyTraceHasUndefinedRatios() {
        InMemoryTrace empty = new InMemoryTrace(TraceHeader.of(Topology.uniform(2, "t"), List.of(), Map.of(), Map.of()),
                List.of(), "empty");
        PredictorResult r = new ReplayEngine(PredictorRegistry.builtIn()).run(empty, empty.header().topology(),
                List.of("majority"), ReplayEngine.Options.defaults()).results().getFirst();
        assertEquals(0, r.consumptions());
        assertNull(r.accuracy());
        assertNull(r.localByteRatio());
        assertNull(r.regret());
        assertNull(r.capturedGain());
        assertNull(r.kappa());
        assertNull(r.kappaM());
        assertNull(r.mpks());
    }
}
