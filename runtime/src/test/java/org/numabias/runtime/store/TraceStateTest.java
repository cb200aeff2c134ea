package org.numabias.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.runtime.contract.RandomTraces;

/**
 * A sealed trace whose tail turned to zeros (a power loss) is told apart from a writer that stopped
 * early: the first is damaged, the second incomplete, and a damaged one is refused unless asked for.
 */
class TraceStateTest {
    @TempDir
    Path tmp;

    private static final InMemoryTrace TRACE = RandomTraces.generate(5, 3, 3000, true);

    private static Path queueFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    @Test
    void aSealedTraceWithItsTailZeroedIsDamagedNotMerelyIncomplete() throws IOException {
        Path dir = tmp.resolve("t");
        ChronicleTraceWriter.copy(TRACE, TRACE.header(), dir);
        try (ChronicleTraceSource whole = ChronicleTraceSource.open(dir)) {
            assertEquals(TraceState.COMPLETE, TraceState.of(whole.header()));
        }
        Path f = queueFile(dir);
        long size = Files.size(f);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(size - 20_000);
            raf.write(new byte[20_000]);
        }
        long readable;
        try (ChronicleTraceSource source = ChronicleTraceSource.open(dir); TraceCursor c = source.open()) {
            readable = 0;
            while (c.hasNext()) {
                c.next();
                readable++;
            }
            assertEquals(TraceState.DAMAGED, TraceState.of(source.header()));
            assertTrue(readable > 0 && readable < TRACE.events().size(), "a prefix: " + readable);
            String note = TraceState.note(source.header());
            assertTrue(note.contains("only the first " + readable + " events are readable"), note);
            assertTrue(note.contains(f + " records a finished write at byte "), note);
            TraceFormatException e = assertThrows(TraceFormatException.class,
                    () -> TraceState.requireWhole(source.header(), "t", false, "--allow-partial"));
            assertTrue(e.getMessage().startsWith("t: the trace is DAMAGED"), e.getMessage());
            assertTrue(e.getMessage().endsWith("(--allow-partial scores the readable prefix)"), e.getMessage());
            TraceState.requireWhole(source.header(), "t", true, "--allow-partial");
        }
    }

    @Test
    void aWriterThatStoppedLeavesAnIncompleteTraceThatIsNotDamaged() {
        Path dir = tmp.resolve("killed");
        try (ChronicleTraceWriter w = ChronicleTraceWriter.create(dir, TRACE.header())) {
            for (TraceEvent e : TRACE.events().subList(0, 2500)) {
                w.write(e);
            }
        }
        try (ChronicleTraceSource source = ChronicleTraceSource.open(ChronicleTraceWriter.incompleteDir(dir))) {
            assertEquals(TraceState.INCOMPLETE, TraceState.of(source.header()));
            assertTrue(TraceState.note(source.header()).startsWith("the trace is incomplete: true (not sealed"),
                    TraceState.note(source.header()));
            TraceState.requireWhole(source.header(), "killed", false, "--allow-partial"); // kept usable, marked
        }
    }
}
