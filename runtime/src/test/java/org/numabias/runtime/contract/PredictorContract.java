package org.numabias.runtime.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;

/**
 * The contract every predictor honours, built-in or plugin, as property-based tests over random
 * traces and topologies (1 to 5 nodes, uniform and skewed distances). To run it against your
 * predictor, subclass it and return your spec:
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

    /** Every prediction is a node in range and no call throws: the replay counts no fault. */
    @Test
    public void predictionsInRangeWithoutExceptions() {
        qt().withExamples(examples()).forAll(longs().all(), integers().between(1, 5), integers().between(0, 400), booleans().all())
                .checkAssert((seed, nodes, length, skewed) -> {
                    PredictorResult r = replay(RandomTraces.generate(seed, nodes, length, skewed)).results().getFirst();
                    assertEquals(0, r.faults(), () -> spec() + " faulted on seed " + seed + ": " + r.firstFault());
                    assertNull(r.firstFault());
                });
    }

    /** The same trace gives the same predictions: every metric is equal across two fresh replays. */
    @Test
    public void deterministic() {
        qt().withExamples(examples() / 2).forAll(longs().all(), integers().between(1, 5), integers().between(0, 400))
                .checkAssert((seed, nodes, length) -> {
                    InMemoryTrace trace = RandomTraces.generate(seed, nodes, length, true);
                    PredictorResult a = replay(trace).results().getFirst();
                    PredictorResult b = replay(trace).results().getFirst();
                    assertEquals(a.accuracy(), b.accuracy());
                    assertEquals(a.cost(), b.cost());
                    assertEquals(a.remoteBytes(), b.remoteBytes());
                    assertEquals(a.kappa(), b.kappa());
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

    /** No predictor has a lower cost than the oracle (any distance matrix, everything scored). */
    @Test
    public void neverCheaperThanOracle() {
        qt().withExamples(examples()).forAll(longs().all(), integers().between(1, 5), integers().between(0, 400), booleans().all())
                .checkAssert((seed, nodes, length, skewed) -> {
                    ReplayReport report = replay(RandomTraces.generate(seed, nodes, length, skewed));
                    PredictorResult mine = report.results().get(0);
                    PredictorResult oracle = report.results().get(1);
                    assertTrue(mine.cost() >= oracle.cost(), () -> spec() + " cost " + mine.cost() + " < oracle "
                            + oracle.cost() + " on seed " + seed);
                    if (mine.regret() != null) {
                        assertTrue(mine.regret() >= 0);
                    }
                });
    }
}
