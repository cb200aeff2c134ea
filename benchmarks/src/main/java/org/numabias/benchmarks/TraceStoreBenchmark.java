package org.numabias.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.numabias.api.trace.InMemoryTrace;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.datasets.Scenarios;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.store.ChronicleTraceWriter;
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
 * Writing and reading 60,000 events to and from a Chronicle Queue trace directory, beside a raw
 * baseline in the same run: the same events through a bare Chronicle appender and tailer as the
 * format-1 store wrote and read them (no checksums, no atomic rename, no cut of the file), with
 * Chronicle blocks of 1 MiB and 64 MiB. {@code write / baselineWrite} is the cost of format 2.
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
    private InMemoryTrace trace;
    private Path root;
    private Path stored;
    private Path baselineStored;
    private int run;

    /** Chronicle block size of the baseline, MiB. */
    @Param({"1", "64"})
    public int baselineBlockMiB;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        trace = Scenarios.byName("migrating").generate(1, Map.of());
        root = Files.createTempDirectory("numabias-bench");
        stored = root.resolve("stored");
        ChronicleTraceWriter.copy(trace, trace.header(), stored);
        baselineStored = root.resolve("baseline");
        baselineWrite(baselineStored);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Writes the 60,000 events into a new trace directory. */
    @Benchmark
    public long write() {
        return ChronicleTraceWriter.copy(trace, trace.header(), root.resolve("w" + run++));
    }

    /** The baseline: the events through a bare Chronicle appender, one excerpt each, as format 1 wrote them. */
    @Benchmark
    public long baselineWrite() {
        return baselineWrite(root.resolve("b" + run++));
    }

    private long baselineWrite(Path dir) {
        long n = 0;
        try (ChronicleQueue q = ChronicleQueue.singleBuilder(dir).rollCycle(LargeRollCycles.XLARGE_DAILY)
                .blockSize((long) baselineBlockMiB << 20).build(); ExcerptAppender a = q.createAppender()) {
            for (TraceEvent event : trace.events()) {
                try (DocumentContext dc = a.writingDocument()) {
                    Bytes<?> out = dc.wire().bytes();
                    switch (event) {
                        case TraceEvent.Alloc e -> out.writeByte((byte) 'A').writeLong(e.timeNs()).writeLong(e.bufferId())
                                .writeInt(e.device()).writeInt(e.queue()).writeLong(e.flow()).writeInt(e.cpu())
                                .writeInt(e.node()).writeLong(e.bytes()).writeInt(e.allocNode());
                        case TraceEvent.Consume e -> out.writeByte((byte) 'C').writeLong(e.timeNs()).writeLong(e.bufferId())
                                .writeInt(e.cpu()).writeInt(e.node()).writeLong(e.bytes());
                        case TraceEvent.Free e -> out.writeByte((byte) 'F').writeLong(e.timeNs()).writeLong(e.bufferId());
                    }
                }
                n++;
            }
        }
        return n;
    }

    /** The baseline: the events back through a Chronicle tailer, decoded as format 1 did. */
    @Benchmark
    public long baselineRead() {
        long sum = 0;
        try (ChronicleQueue q = ChronicleQueue.singleBuilder(baselineStored).rollCycle(LargeRollCycles.XLARGE_DAILY)
                .blockSize((long) baselineBlockMiB << 20).readOnly(true).build(); ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> in = dc.wire().bytes();
                    TraceEvent e = switch (in.readByte()) {
                        case 'A' -> new TraceEvent.Alloc(in.readLong(), in.readLong(), in.readInt(), in.readInt(), in.readLong(),
                                in.readInt(), in.readInt(), in.readLong(), in.readInt());
                        case 'C' -> new TraceEvent.Consume(in.readLong(), in.readLong(), in.readInt(), in.readInt(), in.readLong());
                        default -> new TraceEvent.Free(in.readLong(), in.readLong());
                    };
                    sum += e.timeNs();
                }
            }
        }
        return sum;
    }

    /** Reads the 60,000 events back. */
    @Benchmark
    public long read() {
        long sum = 0;
        try (ChronicleTraceSource source = ChronicleTraceSource.open(stored); TraceCursor c = source.open()) {
            while (c.hasNext()) {
                sum += c.next().timeNs();
            }
        }
        return sum;
    }
}
