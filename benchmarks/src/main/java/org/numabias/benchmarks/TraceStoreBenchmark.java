package org.numabias.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceSource;
import org.numabias.datasets.Scenarios;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.runtime.store.RawFieldSum;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing and reading 60,000 events ({@code migrating}) to and from a Chronicle Queue trace
 * directory through numabias ({@link ChronicleTraceWriter}, {@link ChronicleTraceSource}: event
 * objects, header, checksums, digest and seal), each beside its baseline: for the write, raw Chronicle
 * appends of the same layout and block size from primitive columns ({@link RawQueue}); for the read,
 * the cheapest read of the same files ({@link RawFieldSum}). Both reads sum every field of every
 * event. Each write goes to a new directory, deleted after it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-Dchronicle.analytics.disable=true",
        "-Dchronicle.announcer.disable=true"})
public class TraceStoreBenchmark {
    InMemoryTrace trace;
    RawQueue.Columns columns;
    private Path root;
    Path stored;
    Path written;
    private int run;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        trace = Scenarios.byName("migrating").generate(1, Map.of()).inMemory();
        columns = RawQueue.Columns.of(trace, trace.events().size());
        root = Files.createTempDirectory("numabias-bench");
        stored = root.resolve("stored");
        ChronicleTraceWriter.copy(trace, trace.header(), stored);
    }

    @Setup(Level.Invocation)
    public void newOutput() {
        written = root.resolve("w" + run++);
    }

    @TearDown(Level.Invocation)
    public void removeOutput() throws IOException {
        delete(written);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        delete(root);
    }

    /** Deletes a directory tree, if it exists. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * The 60,000 events through {@code ChronicleTraceWriter.copy}: claim, header, events, checksums,
     * digest, seal, cut, rename.
     */
    @Benchmark
    public long write() {
        return ChronicleTraceWriter.copy(trace, trace.header(), written);
    }

    /**
     * The write baseline: the same event excerpts appended from primitive columns to a new queue of
     * the same roll cycle and block size, nothing else ({@link RawQueue}).
     */
    @Benchmark
    public long rawAppend() {
        return RawQueue.append(columns, written);
    }

    /** Reads the 60,000 events back as events (checked blocks), every field summed. */
    @Benchmark
    public long read() {
        try (ChronicleTraceSource source = ChronicleTraceSource.open(stored)) {
            return sumFields(source);
        }
    }

    /** The read baseline: the cheapest read of the same files. */
    @Benchmark
    public long cheapestRead() {
        return RawFieldSum.of(stored);
    }

    /** Every field of every event of {@code source} summed as {@link RawFieldSum} sums them. */
    static long sumFields(TraceSource source) {
        long sum = 0;
        try (TraceCursor c = source.open()) {
            while (c.hasNext()) {
                sum += switch (c.next()) {
                    case TraceEvent.Alloc a -> a.timeNs() + a.bufferId() + a.device() + a.queue() + a.flow() + a.cpu()
                            + a.node() + a.bytes() + a.allocNode();
                    case TraceEvent.Consume e -> e.timeNs() + e.bufferId() + e.cpu() + e.node() + e.bytes();
                    case TraceEvent.Free f -> f.timeNs() + f.bufferId();
                };
            }
        }
        return sum;
    }
}
