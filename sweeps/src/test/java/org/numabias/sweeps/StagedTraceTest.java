package org.numabias.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.numabias.api.ConfigurationException;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.runtime.trace.Traces;

/**
 * Traces named by file:// URIs: staged to local disk, replayed exactly as the same file by path, cleaned up.
 * Counts the staged copies in {@code java.io.tmpdir}, so it holds {@link #STAGED_COPIES}; it runs beside the
 * module's classes that stage nothing.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(StagedTraceTest.STAGED_COPIES)
public class StagedTraceTest {
    /** The lock ({@code @ResourceLock}) of a test class that stages traces by URI into {@code java.io.tmpdir}. */
    public static final String STAGED_COPIES = "staged trace copies in java.io.tmpdir";

    @TempDir
    Path dir;

    private static long staged() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("numabias-trace-")).count();
        }
    }

    @Test
    void aCsvAndAChronicleTraceByUriGiveTheResultsOfTheSameTracesByPath() throws IOException {
        Path csv = Files.copy(Path.of("../examples/traces/tiny.csv"), dir.resolve("tiny.csv"));
        Path store = dir.resolve("tiny-store");
        try (TraceSource s = Traces.open(csv)) {
            ChronicleTraceWriter.copy(s, s.header(), store);
        }
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, "traces:\n  - path: tiny.csv\n  - path: " + csv.toUri() + "\n  - path: tiny-store\n  - path: "
                + store.toUri() + "\npredictors: [{name: majority}, {name: ewma}]\n");
        long before = staged();
        Sweep.Plan plan = Sweep.plan(f);
        assertEquals(List.of("path", "uri", "path", "uri"), plan.traces().stream().map(TraceRef::kind).toList());
        ResultStore results = ResultStore.open(dir.resolve("results"), plan);
        Sweep.Outcome o = Sweep.run(plan, results, new LocalEngine(2), new Sweep.Progress(new PrintWriter(new StringWriter()), false));
        assertEquals(List.of(), o.failed());
        List<CellRecord> r = results.records();
        assertEquals(8, r.size());
        assertEquals(csv.toUri().toString(), r.get(2).trace());
        for (int i : new int[] {0, 1, 4, 5}) { // by path, then the same by URI
            CellRecord byPath = r.get(i);
            CellRecord byUri = r.get(i + 2);
            assertEquals(byPath.eventsSha256(), byUri.eventsSha256());
            assertEquals(byPath.events(), byUri.events());
            assertEquals(byPath.localByteRatio(), byUri.localByteRatio());
            assertEquals(byPath.cost(), byUri.cost());
        }
        assertEquals(before, staged(), "every staged copy is deleted");
    }

    @Test
    void aUriThatNamesNothingIsRefusedNamingTheField() throws IOException {
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, "traces:\n  - path: " + dir.resolve("nosuch.csv").toUri() + "\npredictors: [{name: majority}]\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Sweep.plan(f));
        assertTrue(e.getMessage().startsWith(f + ": traces[0].path: " + dir.resolve("nosuch.csv").toUri() + ": no such trace"), e.getMessage());
    }
}
