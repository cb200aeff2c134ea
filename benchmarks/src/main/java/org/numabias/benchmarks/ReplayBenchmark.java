package org.numabias.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.datasets.Scenarios;
import org.numabias.runtime.replay.ReplayEngine;
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
 * A whole replay (scan + replay with the four reference predictors) of the {@code mix} scenario
 * (24,000 buffers, 72,000 events), with one predictor or with every built-in. Divide the events by
 * the time for events per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class ReplayBenchmark {
    @Param({"ewma", "all"})
    public String predictors;

    private InMemoryTrace trace;
    private ReplayEngine engine;
    private List<String> specs;

    @Setup
    public void setUp() {
        trace = Scenarios.byName("mix").generate(1, Map.of()).inMemory();
        PredictorRegistry registry = PredictorRegistry.builtIn();
        engine = new ReplayEngine(registry);
        specs = predictors.equals("all") ? registry.names() : List.of(predictors);
    }

    /** One full replay. */
    @Benchmark
    public double replay() {
        return engine.run(trace, trace.header().topology(), specs, ReplayEngine.Options.defaults())
                .results().getFirst().cost();
    }
}
