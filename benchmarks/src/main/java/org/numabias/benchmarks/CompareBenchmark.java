package org.numabias.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.numabias.api.PredictorRegistry;
import org.numabias.datasets.Scenarios;
import java.util.concurrent.Callable;
import org.numabias.runtime.replay.OrderedParallel;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.store.RawFieldSum;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.runtime.store.RawJoin;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code compare} on a stored trace (the {@code mix} scenario written to a Chronicle Queue trace
 * directory, {@code events} events), through the replay's public entry point, with one counting
 * predictor ({@code majority}) or with every built-in (the engine adds its references), beside the
 * cheapest read of the same directory ({@link RawFieldSum}: the same bounds-checked walk, every field
 * summed), and beside the floor of any exact replay ({@link RawJoin}: that walk plus the buffer join).
 * Each operation opens the trace and reads it to the end. And a compare of 4 traces (the
 * same directory 4 times, {@code majority}) on two threads beside the same on one thread
 * ({@link OrderedParallel}, as {@code compare --threads}); and one compare with every built-in on two
 * threads (the predictors' lanes fanned out in groups, as {@code compare --predictor-threads 2})
 * beside the same on one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1)
public class CompareBenchmark {
    /** Events in the stored trace (a multiple of 3: each buffer is allocated, consumed and freed). */
    @Param({"1500000"})
    public int events;

    private Path root;
    Path trace;
    private ReplayEngine engine;
    List<String> everyBuiltIn;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("numabias-compare-bench");
        trace = root.resolve("mix");
        try (var generated = Scenarios.byName("mix").generate(1, Map.of("length", Integer.toString(events / 3)))) {
            ChronicleTraceWriter.copy(generated, generated.header(), trace);
        }
        PredictorRegistry registry = PredictorRegistry.builtIn();
        engine = new ReplayEngine(registry);
        everyBuiltIn = new ArrayList<>(registry.names());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        TraceStoreBenchmark.delete(root);
    }

    /** The baseline: the cheapest read of the same bytes. */
    @Benchmark
    public long cheapestRead() {
        return RawFieldSum.of(trace);
    }

    /**
     * The floor of any exact replay: the cheapest read's walk plus the buffer join ({@link RawJoin}: each
     * Consume found by buffer id among the live instances), no predictor, no tallies.
     */
    @Benchmark
    public RawJoin.Result replayFloor() {
        return RawJoin.of(trace);
    }

    /** {@code compare -p majority}: one counting predictor plus the engine's references. */
    @Benchmark
    public double compareOne() {
        return compare(List.of("majority"));
    }

    /** {@code compare} with every built-in predictor plus the engine's references. */
    @Benchmark
    public double compareAll() {
        return compare(everyBuiltIn);
    }

    /** {@code compare --predictor-threads 2} with every built-in: the lanes in two groups, one per thread. */
    @Benchmark
    public double compareAllTwoThreads() {
        return compare(everyBuiltIn, 2);
    }

    /** {@code compare -p majority --threads 1} of 4 traces. */
    @Benchmark
    public double compareTracesOneThread() throws Exception {
        return compareTraces(1);
    }

    /** {@code compare -p majority --threads 2} of 4 traces. */
    @Benchmark
    public double compareTracesTwoThreads() throws Exception {
        return compareTraces(2);
    }

    /** The sum of majority's localByteRatio over the 4 replays (each its own source, as the command opens them). */
    double compareTraces(int threads) throws Exception {
        List<Callable<Double>> replays = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            replays.add(() -> compare(List.of("majority")));
        }
        return OrderedParallel.map(replays, threads).stream().mapToDouble(Double::doubleValue).sum();
    }

    double compare(List<String> specs) {
        return compare(specs, 1);
    }

    /** The sum of every predictor's localByteRatio in one replay of the trace on up to {@code threads} threads. */
    double compare(List<String> specs, int threads) {
        try (ChronicleTraceSource source = ChronicleTraceSource.open(trace)) {
            return engine.run(source, source.header().topology(), specs, ReplayEngine.Options.defaults(), threads)
                    .results().stream().mapToDouble(PredictorResult::localByteRatio).sum();
        }
    }
}
