package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.runtime.contract.RandomTraces;

/** Behavioural properties of the built-in predictors (DESIGN.md's semantics). */
class BuiltInBehaviourTest {
    private static final PredictorRegistry REGISTRY = PredictorRegistry.builtIn();

    private static List<PredictorResult> replay(InMemoryTrace trace, String... specs) {
        return new ReplayEngine(REGISTRY).run(trace, trace.header().topology(), List.of(specs),
                ReplayEngine.Options.defaults()).results();
    }

    @Test
    void ewmaWithAlphaOneIsLastConsumer() {
        qt().withExamples(80).forAll(longs().all(), integers().between(1, 5), integers().between(0, 500))
                .checkAssert((seed, nodes, length) -> {
                    for (String key : List.of("device", "queue", "flow")) {
                        List<PredictorResult> r = replay(RandomTraces.generate(seed, nodes, length, true),
                                "ewma:alpha=1,key=" + key, "last-consumer:key=" + key);
                        assertEquals(r.get(1).accuracy(), r.get(0).accuracy());
                        assertEquals(r.get(1).cost(), r.get(0).cost());
                        assertEquals(r.get(1).kappa(), r.get(0).kappa());
                    }
                });
    }

    @Test
    void oracleHasTheLeastRemoteBytesWithUniformDistances() {
        qt().withExamples(60).forAll(longs().all(), integers().between(1, 5), integers().between(0, 500))
                .checkAssert((seed, nodes, length) -> {
                    List<PredictorResult> r = replay(RandomTraces.generate(seed, nodes, length, false),
                            "oracle", "producer-local", "interleave", "last-consumer", "majority", "ewma", "markov", "two-stage");
                    for (PredictorResult other : r) {
                        org.junit.jupiter.api.Assertions.assertTrue(other.remoteBytes() >= r.getFirst().remoteBytes(),
                                other.label() + " has fewer remote bytes than the oracle");
                    }
                });
    }

    private static MutableAllocationContext ctx(Topology t, int producerNode) {
        return new MutableAllocationContext(t).set(0, 0, 1, 0, 0, 7, 0, producerNode, 100);
    }

    private static void feed(AllocationPredictor p, int node) {
        p.onConsumption(new MutableConsumptionFeedback().set(0, 1, 0, 0, 7, 0, 0, node, node, 100));
    }

    /** With the last feedback node never seen before as a state, markov answers what majority answers. */
    @Test
    void markovFallsBackToMajorityOnUnseenStates() {
        qt().withExamples(200).forAll(longs().all(), integers().between(2, 6), integers().between(0, 60))
                .checkAssert((seed, nodes, length) -> {
                    Topology t = Topology.uniform(nodes, "test");
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int fresh = nodes - 1; // never fed before the last feedback
                    AllocationPredictor markov = REGISTRY.create("markov:order=1", t).predictor();
                    AllocationPredictor majority = REGISTRY.create("majority", t).predictor();
                    List<Integer> history = new ArrayList<>();
                    for (int i = 0; i < length; i++) {
                        history.add(rnd.nextInt(nodes - 1));
                    }
                    history.add(fresh);
                    for (int node : history) {
                        feed(markov, node);
                        feed(majority, node);
                    }
                    int producer = rnd.nextInt(nodes);
                    assertEquals(majority.predict(ctx(t, producer)), markov.predict(ctx(t, producer)));
                });
    }

    @Test
    void markovLearnsAPeriodicPattern() {
        Topology t = Topology.uniform(3, "test");
        AllocationPredictor markov = REGISTRY.create("markov:order=1", t).predictor();
        int[] cycle = {0, 2, 1};
        for (int i = 0; i < 30; i++) {
            feed(markov, cycle[i % 3]);
        }
        // the last fed node is cycle[29 % 3] = 1, which is always followed by 0
        assertEquals(0, markov.predict(ctx(t, 2)));
        feed(markov, 0);
        assertEquals(2, markov.predict(ctx(t, 1)));
    }

    @Test
    void majorityConvergesToTheModeOfAStationarySkewedStream() {
        qt().withExamples(50).forAll(longs().all(), integers().between(2, 8)).checkAssert((seed, nodes) -> {
            Topology t = Topology.uniform(nodes, "test");
            SplittableRandom rnd = new SplittableRandom(seed);
            int mode = rnd.nextInt(nodes);
            AllocationPredictor majority = REGISTRY.create("majority", t).predictor();
            for (int i = 0; i < 3000; i++) {
                feed(majority, rnd.nextDouble() < 0.6 ? mode : rnd.nextInt(nodes));
            }
            assertEquals(mode, majority.predict(ctx(t, (mode + 1) % nodes)));
        });
    }

    @Test
    void interleaveCyclesPerKeyRegardlessOfFeedback() {
        Topology t = Topology.uniform(3, "test");
        AllocationPredictor p = REGISTRY.create("interleave:key=flow", t).predictor();
        MutableAllocationContext flowA = new MutableAllocationContext(t).set(0, 0, 1, 0, 0, 11, 0, 2, 1);
        MutableAllocationContext flowB = new MutableAllocationContext(t).set(0, 0, 1, 0, 0, 12, 0, 2, 1);
        assertEquals(0, p.predict(flowA));
        feed(p, 2);
        assertEquals(1, p.predict(flowA));
        assertEquals(0, p.predict(flowB));
        assertEquals(2, p.predict(flowA));
        assertEquals(0, p.predict(flowA));
    }

    @Test
    void twoStageMovesOnlyAfterTwoConsecutiveConsumptions() {
        Topology t = Topology.uniform(3, "test");
        AllocationPredictor p = REGISTRY.create("two-stage", t).predictor();
        assertEquals(2, p.predict(ctx(t, 2)));  // cold: producer
        feed(p, 1);                             // last unset: preferred = 1
        assertEquals(1, p.predict(ctx(t, 2)));
        feed(p, 0);                             // last 1 != 0: stays 1
        assertEquals(1, p.predict(ctx(t, 2)));
        feed(p, 0);                             // last 0 == 0: preferred = 0
        assertEquals(0, p.predict(ctx(t, 2)));
    }

    @Test
    void tiesGoToTheProducerNodeElseTheLowestNode() {
        Topology t = Topology.uniform(4, "test");
        AllocationPredictor p = REGISTRY.create("majority", t).predictor();
        feed(p, 3);
        feed(p, 1);
        assertEquals(3, p.predict(ctx(t, 3)));  // producer among the maxima
        assertEquals(1, p.predict(ctx(t, 0)));  // producer not among them: lowest
        AllocationPredictor e = REGISTRY.create("ewma:alpha=0.5", t).predictor();
        assertEquals(2, e.predict(ctx(t, 2)));  // cold
    }
}
