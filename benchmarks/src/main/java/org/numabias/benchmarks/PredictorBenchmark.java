package org.numabias.benchmarks;

import java.util.concurrent.TimeUnit;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.LookaheadPredictor;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The predictor hot path: one {@code predict} and one {@code onConsumption} per operation, over
 * 192 keys (3 devices x 4 queues x 16 flows) on 4 nodes, warm. Run with {@code -prof gc} to see
 * that it allocates nothing per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class PredictorBenchmark {
    @Param({"producer-local", "interleave", "last-consumer", "majority", "ewma", "markov", "markov:order=3",
            "two-stage", "majority:key=flow"})
    public String spec;

    private AllocationPredictor predictor;
    private final MutableAllocationContext ctx = new MutableAllocationContext(Topology.uniform(4, "bench"));
    private final MutableConsumptionFeedback fb = new MutableConsumptionFeedback();
    private int i;

    @Setup
    public void setUp() {
        Topology topology = Topology.uniform(4, "bench");
        predictor = PredictorRegistry.builtIn().create(spec, topology).predictor();
        if (predictor instanceof LookaheadPredictor lp) {
            lp.useLookahead(allocIndex -> (int) (allocIndex & 3));
        }
        for (int k = 0; k < 100_000; k++) {
            step();
        }
    }

    private int step() {
        int n = i++;
        int device = n % 3;
        int queue = (n / 3) & 3;
        long flow = (n / 12) & 15;
        int node = predictor.predict(ctx.set(n, n, n, device, queue, flow, n & 7, (n >> 3) & 3, 1500));
        predictor.onConsumption(fb.set(n, n, device, queue, flow, (n >> 3) & 3, node, n & 7, (n / 5) & 3, 1400));
        return node;
    }

    /** One predict plus one onConsumption. */
    @Benchmark
    public int predictAndFeedBack() {
        return step();
    }
}
