package org.numabias.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.LookaheadPredictor;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.NodeChoice;
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
 * The predictor hot path: one {@code predict} and one {@code onConsumption} per operation, warm, on
 * 4 nodes, each beside a hand-written baseline doing the same work in the same run:
 * <ul>
 *   <li>{@link #predictAndFeedBack}: any built-in ({@code spec}) over 192 keys (3 devices x 4 queues
 *       x 16 flows); {@link #deviceBaseline}: an array-indexed majority over the same events
 *       (compare with {@code spec=majority}).</li>
 *   <li>{@link #flowMajority}: {@code majority:key=flow} over {@code flowKeys} (device, flow) keys
 *       drawn at random; {@link #flowBaseline}: a hand-written open-addressing majority over the
 *       same draws.</li>
 * </ul>
 * The baselines use the same {@link NodeChoice#argmax} (DESIGN.md's tie rule), so a ratio measures
 * what the SPI, the key lookup and the state layout add. The event counter wraps (at a multiple of every pattern's period), so arbitrarily long iterations
 * keep measuring warm keys. Run with {@code -prof gc} to see that nothing is allocated per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class PredictorBenchmark {
    static final int NODES = 4;
    /** Event patterns below repeat every 960 events; the counter wraps at a multiple of that. */
    static final int WRAP = 960 << 20;

    /** The 192-key device/queue/flow pattern of event {@code n}, shared by a predictor and its baseline. */
    static int device(int n) {
        return n % 3;
    }

    static int queue(int n) {
        return (n / 3) & 3;
    }

    static long flow(int n) {
        return (n / 12) & 15;
    }

    static int producerNode(int n) {
        return (n >> 3) & 3;
    }

    static int consumerNode(int n) {
        return (n / 5) & 3;
    }

    /** A built-in predictor on the 192-key pattern. */
    @State(Scope.Thread)
    public static class Spec {
        @Param({"producer-local", "interleave", "last-consumer", "majority", "ewma", "markov", "markov:order=3",
                "two-stage", "majority:key=flow"})
        public String spec;

        AllocationPredictor predictor;
        final MutableAllocationContext ctx = new MutableAllocationContext(Topology.uniform(NODES, "bench"));
        final MutableConsumptionFeedback fb = new MutableConsumptionFeedback();
        int i;

        @Setup
        public void setUp() {
            predictor = PredictorRegistry.builtIn().create(spec, Topology.uniform(NODES, "bench")).predictor();
            if (predictor instanceof LookaheadPredictor lp) {
                lp.useLookahead(allocIndex -> (int) (allocIndex & 3));
            }
            for (int k = 0; k < 100_000; k++) {
                step();
            }
        }

        int step() {
            int n = i;
            i = next(n);
            int device = device(n);
            int queue = queue(n);
            long flow = flow(n);
            int node = predictor.predict(ctx.set(n, n, n, device, queue, flow, n & 7, producerNode(n), 1500));
            predictor.onConsumption(fb.set(n, n, device, queue, flow, producerNode(n), node, n & 7,
                    consumerNode(n), 1400));
            return node;
        }
    }

    /** The hand-written majority for key=device: counts in a flat array indexed by device * nodes + node. */
    @State(Scope.Thread)
    public static class DeviceBaseline {
        final int nodes = NODES;
        long[] counts = new long[3 * NODES];
        boolean[] seen = new boolean[3];
        int i;

        @Setup
        public void setUp() {
            for (int k = 0; k < 100_000; k++) {
                step();
            }
        }

        int step() {
            int n = i;
            i = next(n);
            int device = device(n);
            int producer = producerNode(n);
            int node = seen[device] ? NodeChoice.argmax(counts, device * nodes, nodes, producer) : producer;
            seen[device] = true;
            counts[device * nodes + consumerNode(n)]++;
            return node;
        }
    }

    /** {@code flowKeys} random (device, flow) keys with 32-bit flow hashes, and the per-op key draw. */
    @State(Scope.Benchmark)
    public static class FlowKeys {
        @Param({"1000", "1000000"})
        public int flowKeys;

        int[] devices;
        long[] flows;
        int mask;

        @Setup
        public void setUp() {
            SplittableRandom rnd = new SplittableRandom(42);
            int size = Integer.highestOneBit(flowKeys - 1) << 1; // draws cover every key; some twice
            devices = new int[size];
            flows = new long[size];
            for (int k = 0; k < size; k++) {
                int key = k < flowKeys ? k : rnd.nextInt(flowKeys);
                devices[k] = key % 4;
                flows[k] = hash32(key);
            }
            mask = size - 1;
        }

        /** Which key event {@code n} uses: a scrambled index, so consecutive events hit unrelated keys. */
        int draw(int n) {
            return (int) ((n * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        }

        static long hash32(int key) {
            long h = key * 0xC2B2AE3D27D4EB4FL;
            return (h ^ (h >>> 29)) & 0xFFFF_FFFFL;
        }
    }

    /** {@code majority:key=flow} over {@link FlowKeys}. */
    @State(Scope.Thread)
    public static class FlowPredictor {
        AllocationPredictor predictor;
        final MutableAllocationContext ctx = new MutableAllocationContext(Topology.uniform(NODES, "bench"));
        final MutableConsumptionFeedback fb = new MutableConsumptionFeedback();
        int i;

        @Setup
        public void setUp(FlowKeys keys) {
            predictor = PredictorRegistry.builtIn().create("majority:key=flow", Topology.uniform(NODES, "bench"))
                    .predictor();
            for (int k = 0; k < 2 * keys.devices.length + 100_000; k++) {
                step(keys);
            }
        }

        int step(FlowKeys keys) {
            int n = i;
            i = next(n);
            int k = keys.draw(n);
            int device = keys.devices[k];
            long flow = keys.flows[k];
            int node = predictor.predict(ctx.set(n, n, n, device, 0, flow, n & 7, producerNode(n), 1500));
            predictor.onConsumption(fb.set(n, n, device, 0, flow, producerNode(n), node, n & 7, consumerNode(n), 1400));
            return node;
        }
    }

    /**
     * The hand-written open-addressing majority for key=flow: linear probing over one {@code long[]}
     * whose entries hold the key and its counts side by side ({@code flow, device + 1, count per
     * node}; 0 in the second marks an empty entry), so a warm key costs one probe and no other
     * memory access.
     */
    @State(Scope.Thread)
    public static class FlowBaseline {
        static final int STRIDE = 2 + NODES;
        final int nodes = NODES;
        long[] table;
        int mask;
        int shift;
        int i;

        @Setup
        public void setUp(FlowKeys keys) {
            int capacity = Integer.highestOneBit(keys.flowKeys * 2 - 1) << 1; // load <= 1/2
            table = new long[STRIDE * capacity];
            mask = capacity - 1;
            shift = 64 - Integer.numberOfTrailingZeros(capacity);
            for (int k = 0; k < 2 * keys.devices.length + 100_000; k++) {
                step(keys);
            }
        }

        /** The entry of the key, or {@code -1 - e} for the empty entry where it would go. */
        private int entry(int device, long flow) {
            long marker = device + 1L;
            int p = (int) (((flow ^ (marker << 32)) * 0x9E3779B97F4A7C15L) >>> shift);
            while (true) {
                int e = p * STRIDE;
                long m = table[e + 1];
                if (m == 0) {
                    return -1 - e;
                }
                if (m == marker && table[e] == flow) {
                    return e;
                }
                p = (p + 1) & mask;
            }
        }

        int step(FlowKeys keys) {
            int n = i;
            i = next(n);
            int k = keys.draw(n);
            int device = keys.devices[k];
            long flow = keys.flows[k];
            int producer = producerNode(n);
            int e = entry(device, flow);
            int node = e < 0 ? producer : NodeChoice.argmax(table, e + 2, nodes, producer);
            if (e < 0) {
                e = -1 - e;
                table[e] = flow;
                table[e + 1] = device + 1L;
            }
            table[e + 2 + consumerNode(n)]++;
            return node;
        }
    }

    /** The event after {@code n}: the counter wraps before it could overflow. */
    static int next(int n) {
        return n + 1 == WRAP ? 0 : n + 1;
    }

    /** One predict plus one onConsumption of the built-in {@code spec}, 192 keys. */
    @Benchmark
    public int predictAndFeedBack(Spec s) {
        return s.step();
    }

    /** The hand-written array-indexed majority on the same 192-key events (key=device). */
    @Benchmark
    public int deviceBaseline(DeviceBaseline b) {
        return b.step();
    }

    /** {@code majority:key=flow}: one predict plus one onConsumption on a random one of {@code flowKeys} keys. */
    @Benchmark
    public int flowMajority(FlowPredictor s, FlowKeys keys) {
        return s.step(keys);
    }

    /** The hand-written open-addressing majority on the same draws. */
    @Benchmark
    public int flowBaseline(FlowBaseline b, FlowKeys keys) {
        return b.step(keys);
    }
}
