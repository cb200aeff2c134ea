package org.numabias.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;

/** One writer per trace output: a second is refused, naming the first, until the first closes. */
class OutputLockTest {
    @TempDir
    Path tmp;

    private static TraceHeader header() {
        return TraceHeader.of(Topology.uniform(2, "test"), List.of("eth0"), Map.of(), Map.of());
    }

    @Test
    void aSecondWriterIsRefusedNamingTheHolderAndTheFirstTraceStaysIntact() {
        Path target = tmp.resolve("t");
        ChronicleTraceWriter first = ChronicleTraceWriter.create(target, header());
        first.write(new TraceEvent.Alloc(1, 7, 0, 0, 1, 0, 0, 100, 0));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> ChronicleTraceWriter.create(target, header(), true));
        assertTrue(e.getMessage().startsWith(target.toAbsolutePath() + " is being written by another writer (pid "
                + ProcessHandle.current().pid() + ": "), e.getMessage());
        assertTrue(Files.isRegularFile(tmp.resolve("t.lock")));
        first.write(new TraceEvent.Consume(2, 7, 1, 1, 100));
        first.close(header());
        assertEquals(2, ChronicleTraceSource.verify(target).readable());
        assertFalse(Files.exists(tmp.resolve("t.lock")), "the claim is released and its file removed");
        ChronicleTraceWriter.create(target, header(), true).close(header()); // free again
    }

    @Test
    void aTraceIntoAFolderThatDoesNotExistYetCreatesIt() {
        Path target = tmp.resolve("new/deeper/t");
        ChronicleTraceWriter.create(target, header()).close(header());
        assertEquals(0, ChronicleTraceSource.verify(target).readable());
        assertFalse(Files.exists(tmp.resolve("new/deeper/t.lock")));
    }

    @Test
    void aClaimSurvivesItsLockFileBeingRemovedButANewClaimantGetsANewFile() {
        Path out = tmp.resolve("results");
        OutputLock held = OutputLock.acquire(OutputLock.besides(out), out);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> OutputLock.acquire(OutputLock.besides(out), out));
        assertTrue(e.getMessage().contains("lock " + tmp.resolve("results.lock")), e.getMessage());
        held.close();
        held.close(); // idempotent
        OutputLock next = OutputLock.acquire(OutputLock.besides(out), out);
        next.close();
    }
}
