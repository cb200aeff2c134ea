package org.numabias.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceHeader;
import org.numabias.runtime.contract.RandomTraces;

class ChronicleTraceStoreTest {
    @TempDir
    Path tmp;

    private static List<TraceEvent> readAll(ChronicleTraceSource source) {
        List<TraceEvent> events = new ArrayList<>();
        try (TraceCursor c = source.open()) {
            c.forEachRemaining(events::add);
        }
        return events;
    }

    @Test
    void writesAndReadsBackEventsAndTheSealedHeader() {
        InMemoryTrace trace = RandomTraces.generate(42, 3, 2000, true);
        Path dir = tmp.resolve("trace");
        TraceHeader sealed = trace.header().withProvenance("finished", "yes");
        try (ChronicleTraceWriter w = ChronicleTraceWriter.create(dir, trace.header())) {
            trace.events().forEach(w::write);
            w.write(new TraceEvent.Alloc(1L << 40, 7, 1, 2, 0xFFFF_FFFFL, 3, 2, 99, 1));
            w.close(sealed);
        }
        try (ChronicleTraceSource source = ChronicleTraceSource.open(dir)) {
            assertEquals(sealed, source.header());
            List<TraceEvent> events = readAll(source);
            assertEquals(trace.events(), events.subList(0, trace.events().size()));
            assertEquals(new TraceEvent.Alloc(1L << 40, 7, 1, 2, 0xFFFF_FFFFL, 3, 2, 99, 1), events.getLast());
            assertEquals(events, readAll(source)); // a second pass reads the same
            assertEquals(trace.events().size() + 1, source.knownEvents(), "the seal's total, without reading");
        }
    }

    /**
     * Every field of every event, any value, comes back the same through both readers: the records and
     * the blocks of columns (the two are decoded from the checked bytes by different code), across
     * block boundaries and with the kinds in any order.
     */
    @Test
    void recordsAndBlocksGiveBackEveryFieldOfEveryEvent() {
        TraceHeader header = RandomTraces.generate(1, 2, 0, false).header();
        AtomicInteger traces = new AtomicInteger();
        qt().withExamples(12).forAll(longs().all(), integers().between(0, 2600)).checkAssert((seed, length) -> {
            Random rnd = new Random(seed);
            List<TraceEvent> events = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                events.add(switch (rnd.nextInt(3)) {
                    case 0 -> new TraceEvent.Alloc(rnd.nextLong(), rnd.nextLong(), rnd.nextInt(), rnd.nextInt(), rnd.nextLong(),
                            rnd.nextInt(), rnd.nextInt(), rnd.nextLong(), rnd.nextInt());
                    case 1 -> new TraceEvent.Consume(rnd.nextLong(), rnd.nextLong(), rnd.nextInt(), rnd.nextInt(), rnd.nextLong());
                    default -> new TraceEvent.Free(rnd.nextLong(), rnd.nextLong());
                });
            }
            Path dir = tmp.resolve("any" + traces.incrementAndGet());
            try (ChronicleTraceWriter w = ChronicleTraceWriter.create(dir, header)) {
                events.forEach(w::write);
                w.close(header);
            }
            try (ChronicleTraceSource source = ChronicleTraceSource.open(dir)) {
                assertEquals(events, readAll(source));
                List<TraceEvent> fromBlocks = new ArrayList<>();
                try (EventBlock.Cursor blocks = source.blocks()) {
                    for (EventBlock b = blocks.next(); b != null; b = blocks.next()) {
                        for (int i = 0; i < b.size(); i++) {
                            fromBlocks.add(b.event(i));
                        }
                    }
                }
                assertEquals(events, fromBlocks);
            }
        });
    }

    @Test
    void readingLeavesTheTraceDirectoryUntouched() throws Exception {
        InMemoryTrace trace = RandomTraces.generate(7, 2, 500, false);
        Path dir = tmp.resolve("ro");
        ChronicleTraceWriter.copy(trace, trace.header(), dir);
        Map<Path, Long> before = new java.util.TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                before.put(f.getFileName(), Files.size(f));
            }
        }
        for (Path f : before.keySet()) {
            dir.resolve(f).toFile().setWritable(false);
        }
        dir.toFile().setWritable(false);
        try (ChronicleTraceSource source = ChronicleTraceSource.open(dir)) {
            assertEquals(trace.events(), readAll(source));
        } finally {
            dir.toFile().setWritable(true);
        }
        Map<Path, Long> after = new java.util.TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                after.put(f.getFileName(), Files.size(f));
            }
        }
        assertEquals(before, after);
    }

    @Test
    void anUnsealedTraceKeepsItsEventsAndSaysItIsIncomplete() {
        Path dir = tmp.resolve("crashed");
        TraceHeader header = TraceHeader.of(Topology.uniform(2, "t"), List.of("lo"), Map.of("tool", "test"), Map.of());
        try (ChronicleTraceWriter w = ChronicleTraceWriter.create(dir, header)) {
            w.write(new TraceEvent.Free(5, 6));
        } // closed without a seal: the trace stays under its .incomplete name
        assertFalse(Files.exists(dir));
        try (ChronicleTraceSource source = ChronicleTraceSource.open(ChronicleTraceWriter.incompleteDir(dir))) {
            assertTrue(source.header().provenance().get("incomplete").startsWith("true"));
            assertEquals(List.of(new TraceEvent.Free(5, 6)), readAll(source));
            assertEquals(-1, source.knownEvents(), "no seal, no total: whoever needs the count reads it");
        }
    }

    @Test
    void refusesToOverwriteAndToReadWhatIsNotATrace() throws Exception {
        Path dir = tmp.resolve("full");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("keep.txt"), "precious");
        TraceHeader header = TraceHeader.of(Topology.uniform(1, "t"), List.of(), Map.of(), Map.of());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ChronicleTraceWriter.create(dir, header));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals("precious", Files.readString(dir.resolve("keep.txt")));
        TraceFormatException notTrace = assertThrows(TraceFormatException.class, () -> ChronicleTraceSource.open(dir));
        assertTrue(notTrace.getMessage().contains("not a numabias trace"), notTrace.getMessage());
    }

    @Test
    void rejectsANewerFormatVersionClearly() {
        Path dir = tmp.resolve("future");
        TraceHeader future = new TraceHeader(TraceHeader.CURRENT_FORMAT + 1, Topology.uniform(1, "t"), List.of(), Map.of(),
                Map.of());
        try (ChronicleTraceWriter w = ChronicleTraceWriter.create(dir, future)) {
            w.close(future);
        }
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> ChronicleTraceSource.open(dir));
        assertTrue(e.getMessage().contains("format version " + (TraceHeader.CURRENT_FORMAT + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("upgrade"), e.getMessage());
    }
}
