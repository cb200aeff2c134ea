package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.datasets.Scenarios;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.runtime.csv.CsvTraceWriter;

/**
 * Crash consistency: {@code numabias import} in a child JVM, killed with SIGKILL at random points,
 * 20 times. Afterwards nothing is under the output's name unless the import finished (then it is
 * complete); the {@code .incomplete} leftover opens, reads as incomplete, holds exactly a prefix of
 * the input's events, at least every event the writer had reported as safely written (its
 * {@code checkpoint N} lines), and verifies without damage.
 *
 * <p>Runs beside the module's other test classes (its time is spent in the child JVMs and waiting for
 * them; it shares no state with the others), but not beside another class that kills child JVMs at
 * chosen moments ({@link ChildJvm#KILLS}), and its own two tests one after the other.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(ChildJvm.KILLS)
class CrashConsistencyTest {
    static final int KILLS = 20;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void killedImportsLoseNothingTheyReportedWritten() throws Exception {
        InMemoryTrace source = Scenarios.byName("many-flows").generate(3, java.util.Map.of("length", "130000")).inMemory();
        Path csv = tmp.resolve("big.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            CsvTraceWriter.copy(source, w);
        }
        List<TraceEvent> expected = source.events();
        SplittableRandom rnd = new SplittableRandom(12);
        int midWrite = 0;
        int finished = 0;
        for (int i = 0; i < KILLS; i++) {
            System.out.printf("crash consistency: import kill %d of %d%n", i + 1, KILLS); // progress: a minute or more in all
            Path out = tmp.resolve("t" + i);
            Process p = new ProcessBuilder(ChildJvm.command(Numabias.class, "import", "--report-checkpoints", csv.toString(), "-o", out.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            AtomicLong reported = new AtomicLong(-1);
            Thread reader = Thread.ofPlatform().daemon().start(() -> readCheckpoints(p, reported));
            if (i % 2 == 0) { // at a random moment once writing has begun
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (reported.get() < 0 && p.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                Thread.sleep(rnd.nextInt(0, 800));
            } else { // at any moment from the start
                Thread.sleep(rnd.nextInt(200, 4000));
            }
            long before = reported.get();
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            reader.join(5000);
            long safe = Math.max(before, reported.get());
            if (p.exitValue() == 0) {
                finished++;
                assertEquals(expected, readAll(out, false), "a finished import is complete");
                continue;
            }
            assertFalse(Files.exists(out), "a killed import leaves nothing under the output's name");
            Path partial = ChronicleTraceWriter.incompleteDir(out);
            if (!headerWritten(partial)) {
                assertTrue(safe <= 0, "killed before writing anything, yet " + safe + " events were reported");
                continue;
            }
            if (safe > 0) {
                midWrite++;
            }
            if (ChronicleTraceSource.verify(partial).sealed()) { // killed after the seal, before the rename
                assertEquals(expected, readAll(partial, false), "a sealed leftover holds every event");
                continue;
            }
            List<TraceEvent> read = readAll(partial, true);
            assertTrue(read.size() >= safe, read.size() + " events readable, " + safe + " were reported written");
            assertEquals(expected.subList(0, read.size()), read, "the readable events are exactly the first ones written");
            ChronicleTraceSource.Verification v = ChronicleTraceSource.verify(partial);
            assertTrue(v.intact() && !v.sealed(), v.toString());
        }
        assertTrue(midWrite >= KILLS / 3, midWrite + " of " + KILLS + " kills hit while events were being written");
        System.out.printf("crash consistency: %d kills, %d while writing, %d imports finished first%n", KILLS, midWrite, finished);
    }

    /**
     * {@code live --record} killed with SIGKILL at random moments while it records: the leftover
     * {@code .incomplete} trace opens, reads as incomplete, verifies without damage and holds events
     * in time order (a live run has no input to compare against).
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void killedLiveRecordingsStayReadable() throws Exception {
        SplittableRandom rnd = new SplittableRandom(21);
        int withEvents = 0;
        for (int i = 0; i < LIVE_KILLS; i++) {
            System.out.printf("crash consistency: live kill %d of %d%n", i + 1, LIVE_KILLS);
            Path out = tmp.resolve("live" + i);
            Path partial = ChronicleTraceWriter.incompleteDir(out);
            Process p = new ProcessBuilder(ChildJvm.command(Numabias.class, "live", "-w", "cross-node", "--duration", "60",
                    "--emulate-nodes", "2", "--record", out.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!ChronicleTraceSource.isTraceDir(partial) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(rnd.nextInt(200, 3000));
            assertTrue(p.isAlive(), "still recording when killed");
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertFalse(Files.exists(out), "a killed recording leaves nothing under the output's name");
            if (!headerWritten(partial)) {
                continue; // killed before the header was whole: nothing was written
            }
            List<TraceEvent> read = readAll(partial, true);
            for (int e = 1; e < read.size(); e++) {
                assertTrue(read.get(e).timeNs() >= read.get(e - 1).timeNs(), "time order at event " + e);
            }
            ChronicleTraceSource.Verification v = ChronicleTraceSource.verify(partial);
            assertTrue(v.intact() && !v.sealed() && v.readable() == read.size(), v.toString());
            if (!read.isEmpty()) {
                withEvents++;
            }
        }
        assertTrue(withEvents > 0, "some kills came after events were written");
        System.out.printf("crash consistency: %d live recordings killed, %d with events readable%n", LIVE_KILLS, withEvents);
    }

    static final int LIVE_KILLS = 5;

    /**
     * Whether the leftover holds a whole trace header. A writer killed before or while Chronicle
     * writes the first excerpt leaves a queue directory without one, which opening refuses as having
     * no trace header (that refusal is checked here; any other error fails the test).
     */
    private static boolean headerWritten(Path partial) {
        if (!ChronicleTraceSource.isTraceDir(partial)) {
            return false;
        }
        try (ChronicleTraceSource s = ChronicleTraceSource.open(partial)) {
            return s.header() != null;
        } catch (TraceFormatException e) {
            String m = String.valueOf(e.getMessage());
            if (m.endsWith(": no trace header (the writer stopped while writing it)") || m.endsWith(": no trace header (the queue is empty)")) {
                return false;
            }
            throw e;
        }
    }

    private static List<TraceEvent> readAll(Path dir, boolean incomplete) {
        try (ChronicleTraceSource s = ChronicleTraceSource.open(dir); TraceCursor c = s.open()) {
            assertEquals(incomplete, s.header().provenance().containsKey("incomplete"), s.header().provenance().toString());
            List<TraceEvent> events = new ArrayList<>();
            c.forEachRemaining(events::add);
            return events;
        }
    }

    private static void readCheckpoints(Process p, AtomicLong reported) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("checkpoint ")) {
                    reported.set(Long.parseLong(line.substring("checkpoint ".length()).strip()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process was killed mid-line
        }
    }
}
