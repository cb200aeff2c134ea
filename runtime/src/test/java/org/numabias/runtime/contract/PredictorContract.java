package org.numabias.runtime.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConfiguredPredictor;
import org.numabias.api.LookaheadPredictor;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.predictors.ProducerLocalPredictor;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;

/**
 * The contract every predictor honours, built-in or plugin, as property-based tests over random
 * traces and topologies (1 to 5 nodes, uniform and skewed distances): predictions in range without
 * throwing, determinism, the engine scoring exactly what the predictor predicts, no cost below an
 * oracle computed here independently of the engine ({@link SlowReplay}), no allocation once warm.
 * A lookahead predictor is driven directly, with that independent oracle as its future. To run it
 * against your predictor, subclass it and return your spec:
 *
 * <pre>{@code
 * class MyPredictorContractTest extends PredictorContract {
 *     @Override protected String spec() { return "my-predictor:window=8"; }
 * }
 * }</pre>
 *
 * Your provider must be registered in {@code META-INF/services} on the test class path (or
 * override {@link #registry()}).
 */
public abstract class PredictorContract {

    /** The predictor spec under test, {@code name[:k=v,...]}. */
    protected abstract String spec();

    /** Where the predictor is found; by default every provider on the class path. */
    protected PredictorRegistry registry() {
        return PredictorRegistry.builtIn();
    }

    /** How many random traces each property tries. */
    protected int examples() {
        return 60;
    }

    private ReplayReport replay(InMemoryTrace trace) {
        ReplayEngine engine = new ReplayEngine(registry());
        return engine.run(trace, trace.header().topology(), List.of(spec(), "oracle"), ReplayEngine.Options.defaults());
    }

    /**
     * A fresh instance of the predictor under test on {@code trace}'s topology; a lookahead predictor
     * is given the future from {@link SlowReplay#oracleNodes}, computed independently of the engine.
     */
    private AllocationPredictor fresh(InMemoryTrace trace) {
        Topology topology = trace.header().topology();
        AllocationPredictor p = registry().create(spec(), topology).predictor();
        if (p instanceof LookaheadPredictor lp) {
            List<Integer> oracle = SlowReplay.oracleNodes(trace, topology);
            lp.useLookahead(allocIndex -> oracle.get((int) allocIndex));
        }
        return p;
    }

    /** Every prediction is a node in range and no call throws, called directly and through the engine's guard. */
    @Test
    public void predictionsInRangeWithoutExceptions() {
        qt().withExamples(examples()).forAll(longs().all(), integers().between(1, 5), integers().between(0, 400), booleans().all())
                .checkAssert((seed, nodes, length, skewed) -> {
                    InMemoryTrace trace = RandomTraces.generate(seed, nodes, length, skewed);
                    // called directly: a throw or a node out of range fails here, with its stack trace
                    SlowReplay.Score direct = SlowReplay.run(trace, trace.header().topology(), fresh(trace));
                    assertEquals(trace.events().stream().filter(e -> e instanceof TraceEvent.Alloc).count(),
                            direct.nodes().size(), "one prediction per Alloc");
                    PredictorResult r = replay(trace).results().getFirst();
                    assertEquals(servedByTheEngine() ? 0 : r.allocs() + r.consumptions(), r.faults(),
                            () -> spec() + " faults on seed " + seed + ": " + r.firstFault());
                });
    }

    /** Whether the engine can run this predictor (any but a lookahead one other than its own oracle). */
    private boolean servedByTheEngine() {
        ConfiguredPredictor c = registry().create(spec(), Topology.uniform(1, "contract"));
        return !(c.predictor() instanceof LookaheadPredictor) || c.name().equals("oracle");
    }

    /** The same trace gives the same predictions: two fresh instances predict the same node for every Alloc. */
    @Test
    public void deterministic() {
        qt().withExamples(examples() / 2).forAll(longs().all(), integers().between(1, 5), integers().between(0, 400))
                .checkAssert((seed, nodes, length) -> {
                    InMemoryTrace trace = RandomTraces.generate(seed, nodes, length, true);
                    List<Integer> a = SlowReplay.run(trace, trace.header().topology(), fresh(trace)).nodes();
                    List<Integer> b = SlowReplay.run(trace, trace.header().topology(), fresh(trace)).nodes();
                    assertEquals(a, b, () -> spec() + " predicted differently on a second run of seed " + seed);
                });
    }

    /**
     * The engine scores what the predictor predicts: its row equals the sums of an independent, slow
     * replay of a fresh instance (for a lookahead predictor the engine cannot serve, the producer's node
     * on every Alloc, its fallback).
     */
    @Test
    public void theEngineScoresWhatThePredictorPredicts() {
        qt().withExamples(examples() / 2).forAll(longs().all(), integers().between(1, 5), integers().between(0, 400), booleans().all())
                .checkAssert((seed, nodes, length, skewed) -> {
                    InMemoryTrace trace = RandomTraces.generate(seed, nodes, length, skewed);
                    Topology topology = trace.header().topology();
                    SlowReplay.Score slow = servedByTheEngine() ? SlowReplay.run(trace, topology, fresh(trace))
                            : SlowReplay.run(trace, topology, new ProducerLocalPredictor());
                    PredictorResult r = replay(trace).results().getFirst();
                    String what = spec() + " on seed " + seed;
                    assertEquals(slow.consumptions(), r.consumptions(), what);
                    assertEquals(slow.bytes(), r.bytes(), what);
                    assertEquals(slow.remoteBytes(), r.remoteBytes(), what);
                    assertEquals(slow.weightedDistance() / 10.0, r.cost(), what);
                    assertEquals(slow.consumptions() == 0 ? null : (double) slow.hits() / slow.consumptions(), r.accuracy(), what);
                });
    }

    /**
     * No predictor beats the oracle, computed here independently of the engine from the whole trace:
     * its cost (bytes x distance) is at least the oracle's, and with uniform distances (where the
     * oracle also minimises remote bytes) so are its remote bytes; the engine's oracle row is that oracle.
     */
    @Test
    public void neverCheaperThanAnIndependentOracle() {
        qt().withExamples(examples()).forAll(longs().all(), integers().between(1, 5), integers().between(0, 400), booleans().all())
                .checkAssert((seed, nodes, length, skewed) -> {
                    InMemoryTrace trace = RandomTraces.generate(seed, nodes, length, skewed);
                    Topology topology = trace.header().topology();
                    SlowReplay.Score oracle = SlowReplay.score(trace, topology, SlowReplay.oracleNodes(trace, topology));
                    SlowReplay.Score mine = SlowReplay.run(trace, topology, fresh(trace));
                    assertTrue(mine.weightedDistance() >= oracle.weightedDistance(), () -> spec() + " weighted distance "
                            + mine.weightedDistance() + " < the oracle's " + oracle.weightedDistance() + " on seed " + seed);
                    assertTrue(skewed || mine.remoteBytes() >= oracle.remoteBytes(), () -> spec() + " remote bytes "
                            + mine.remoteBytes() + " < the oracle's " + oracle.remoteBytes() + " on seed " + seed);
                    PredictorResult engineOracle = replay(trace).results().get(1);
                    assertEquals(oracle.weightedDistance() / 10.0, engineOracle.cost(), "the engine's oracle, seed " + seed);
                    assertEquals(oracle.remoteBytes(), engineOracle.remoteBytes(), "the engine's oracle, seed " + seed);
                });
    }

    /**
     * Once warm (every key seen), predict and onConsumption allocate nothing: measured as the bytes
     * this thread allocates over 20,000 calls on a fixed set of keys (boxing one long per call would
     * be 320,000 bytes; the bound allows a few incidental objects).
     */
    @Test
    public void warmHotPathDoesNotAllocate() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        org.numabias.api.Topology topology = org.numabias.api.Topology.uniform(4, "contract");
        org.numabias.api.AllocationPredictor p = registry().create(spec(), topology).predictor();
        if (p instanceof org.numabias.api.LookaheadPredictor lp) {
            lp.useLookahead(allocIndex -> (int) (allocIndex % 4));
        }
        org.numabias.api.MutableAllocationContext ctx = new org.numabias.api.MutableAllocationContext(topology);
        org.numabias.api.MutableConsumptionFeedback fb = new org.numabias.api.MutableConsumptionFeedback();
        java.util.function.IntConsumer call = i -> {
            int device = i % 3;
            int queue = (i / 3) % 4;
            long flow = (i / 12) % 16;
            int node = p.predict(ctx.set(i, i, i, device, queue, flow, i % 8, (i / 7) % 4, 1500));
            p.onConsumption(fb.set(i, i, device, queue, flow, (i / 7) % 4, node, i % 8, (i / 5) % 4, 1400));
        };
        for (int i = 0; i < 50_000; i++) {
            call.accept(i);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 50_000; i < 70_000; i++) { // the same periodic pattern, continued
            call.accept(i);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 4096, () -> spec() + " allocated " + allocated + " bytes in 20,000 warm calls");
    }
}
