package org.numabias.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.kernel.perf.PerfScriptImporter;
import org.numabias.kernel.stream.StreamingTraceSource;
import org.numabias.kernel.stream.SyntheticPerfText;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.topology.CpuNodeMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code numabias watch}'s own cost per event, beside its baseline in the same run: the streaming
 * path ({@link StreamingTraceSource}: perf script text imported on one thread, handed through the
 * bounded queue and replayed online through watch's default-sized set of predictors) against the
 * import alone ({@link PerfScriptImporter} into a counting sink), both over the same generated text
 * (no perf: perf's own cost per event is measured beside it with perf itself, docs/kernel-traces.md),
 * made once before the measurement and read from memory. Times are per event (3 events per datagram).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class WatchBenchmark {
    private static final int DATAGRAMS = 50_000;
    private static final int EVENTS = 3 * DATAGRAMS;
    private static final Topology TOPOLOGY = CpuNodeMap.projection(1).topology(3);
    private String text;

    @Setup(Level.Trial)
    public void setUp() throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        char[] buffer = new char[1 << 16];
        try (SyntheticPerfText in = new SyntheticPerfText(DATAGRAMS)) {
            for (int n; (n = in.read(buffer, 0, buffer.length)) > 0; ) {
                b.append(buffer, 0, n);
            }
        }
        text = b.toString();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long streamAndReplay() {
        StreamingTraceSource source = new StreamingTraceSource(new java.io.StringReader(text), CpuNodeMap.projection(1),
                TOPOLOGY, "synthetic", Map.of(), null, false);
        return new ReplayEngine(PredictorRegistry.builtIn()).run(source, TOPOLOGY,
                List.of("producer-local", "last-consumer", "ewma", "oracle"), ReplayEngine.Options.defaults())
                .summary().events();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long importOnly() throws java.io.IOException {
        long[] n = new long[1];
        new PerfScriptImporter(CpuNodeMap.projection(1), false, "synthetic", e -> n[0]++)
                .run(new java.io.StringReader(text), c -> { });
        return n[0];
    }
}
