package org.numabias.tribuo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.numabias.api.AllocationContext;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.KeyMode;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Spi;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayObserver;
import org.numabias.tribuo.Models;
import org.numabias.tribuo.features.FeatureSet;
import org.numabias.tribuo.features.FeatureState;

/** Training examples: features from the past only, the oracle's label, the head's boundary. */
class ExamplePassTest {
    private static final FeatureSet FEATURES = new FeatureSet(KeyMode.DEVICE, 2);

    private static TraceEvent.Alloc alloc(long t, long buffer, int node, long bytes) {
        return new TraceEvent.Alloc(t, buffer, 0, 0, 5, node * 2, node, bytes);
    }

    private static TraceEvent.Consume consume(long t, long buffer, int node, long bytes) {
        return new TraceEvent.Consume(t, buffer, node * 2, node, bytes);
    }

    @Test
    void examplesOfTheHeadWithTheOraclesLabelAndOnlyPastFeedback() {
        List<TraceEvent> events = List.of(
                alloc(0, 1, 0, 100),          // 0: cold
                consume(10, 1, 1, 100),       // 1
                alloc(20, 2, 0, 300),         // 2: sees last1 = 1, 10 ns since
                consume(30, 2, 0, 50),        // 3
                consume(31, 2, 1, 60),        // 4: oracle for buffer 2: node 1 (60 bytes there, 50 on node 0)
                new TraceEvent.Free(32, 2),   // 5
                alloc(40, 3, 0, 100),         // 6: never consumed: left out
                new TraceEvent.Free(41, 3),   // 7
                alloc(80, 4, 1, 100),         // 8: consumed after the cut: left out
                consume(90, 4, 0, 100),       // 9: the cut
                alloc(100, 5, 0, 100),        // 10: after the cut
                consume(110, 5, 1, 100));     // 11
        InMemoryTrace trace = new InMemoryTrace(TraceHeader.of(Topology.uniform(2, "test"), List.of("d"), Map.of(), Map.of()),
                events, "hand");
        TrainingSet set = Models.examples(trace, FEATURES, "9");
        assertEquals(9, set.cutIndex());
        assertEquals(12, set.events());
        assertEquals(1, set.unconsumed());
        assertEquals(1, set.straddling());
        assertEquals(2, set.instances());
        assertEquals(2, set.examples().size());
        // in the order the instances ended: buffer 2 (freed), then buffer 1 (live at the end of the trace)
        TrainingSet.Example first = set.examples().get(1);
        assertArrayEquals(new int[]{0, 0, 5, 0, 7, -1, -1, -1}, first.values());
        assertEquals(1, first.node());
        TrainingSet.Example second = set.examples().get(0);
        assertArrayEquals(new int[]{0, 0, 5, 0, 9, 1, -1, 4}, second.values());
        assertEquals(1, second.node());
        assertEquals(64, set.traceDigest().length());
    }

    @Test
    void equalExamplesAreCountedOnce() {
        InMemoryTrace trace = Models.scenario("static-skew", 3, 4000);
        TrainingSet set = Models.examples(trace, FEATURES, "0.5");
        assertTrue(set.examples().size() < set.instances(), set.examples().size() + " vs " + set.instances());
        assertEquals(set.instances(), set.examples().stream().mapToLong(TrainingSet.Example::count).sum());
        long distinct = set.examples().stream().map(e -> Arrays.toString(e.values()) + e.node()).distinct().count();
        assertEquals(set.examples().size(), distinct);
    }

    /**
     * What the predictor sees online, recorded inside a real replay (features at each Alloc, the
     * oracle's node from the engine's lookahead), is exactly the training set of the whole trace,
     * also with delayed feedback (reads long after later allocations).
     */
    @Test
    void trainingSeesExactlyWhatThePredictorSeesOnline() {
        for (String scenario : List.of("delayed", "mix", "many-flows")) {
            for (KeyMode key : KeyMode.values()) {
                FeatureSet features = new FeatureSet(key, 3);
                InMemoryTrace trace = Models.scenario(scenario, 11, 3000);
                Recorder recorder = new Recorder(features);
                PredictorRegistry registry = PredictorRegistry.builtIn().add(recorder, "test");
                new ReplayEngine(registry).run(trace, trace.header().topology(), List.of("recorder"),
                        ReplayEngine.Options.defaults().withObserver(recorder));
                TrainingSet set = Models.examples(trace, features, Long.toString(trace.events().size()));
                Map<String, Long> offline = new HashMap<>();
                for (TrainingSet.Example e : set.examples()) {
                    offline.merge(Arrays.toString(e.values()) + "->" + e.node(), e.count(), Long::sum);
                }
                assertEquals(recorder.seen, offline, scenario + " key=" + key);
                assertTrue(offline.size() > 50, scenario + ": " + offline.size());
            }
        }
    }

    /**
     * A predictor (and its provider) that records its features at each Alloc and, told by the engine's
     * observer seam when the instance ends, the oracle's node: what an online tribuo sees, built
     * independently of the training code's bookkeeping.
     */
    private static final class Recorder implements PredictorProvider, AllocationPredictor, ReplayObserver {
        private final FeatureSet features;
        private final Map<String, Long> seen = new HashMap<>();
        private final Map<Long, int[]> byAlloc = new HashMap<>();
        private FeatureState state;

        Recorder(FeatureSet features) {
            this.features = features;
        }

        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return "recorder"; }
        @Override public String description() { return "records features"; }
        @Override public List<ParameterSpec> parameters() { return new ArrayList<>(); }

        @Override
        public Recorder create(PredictorConfig config, Topology topology) {
            state = new FeatureState(features);
            return this;
        }

        @Override
        public int predict(AllocationContext ctx) {
            int[] values = new int[features.groups()];
            state.encode(ctx, values);
            byAlloc.put(ctx.allocIndex(), values);
            return ctx.node();
        }

        @Override
        public void onConsumption(ConsumptionFeedback fb) {
            state.observe(fb);
        }

        @Override
        public void onInstanceEnd(long allocIndex, int oracleNode, int consumes, long consumedBytes) {
            int[] values = byAlloc.remove(allocIndex);
            if (oracleNode >= 0) {
                seen.merge(Arrays.toString(values) + "->" + oracleNode, 1L, Long::sum);
            }
        }
    }
}
