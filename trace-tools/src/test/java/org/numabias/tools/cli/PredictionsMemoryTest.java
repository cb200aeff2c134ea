package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.PredictorRegistry;
import org.numabias.datasets.GeneratedTrace;
import org.numabias.datasets.Scenarios;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;

/**
 * {@code compare --predictions FILE.parquet} streams: 5 M events of the {@code mix} scenario (generated while
 * read, so the trace holds no memory) replayed in a JVM with a 64 MB heap and without Hadoop's classes,
 * writing about 1.7 M rows. Holding those rows (ten columns of 4 to 8 bytes) would take more than that heap.
 */
class PredictionsMemoryTest {
    private static final long EVENTS = 5_000_001; // mix: an Alloc, a Consume and a Free per buffer

    @TempDir
    Path tmp;

    @Test
    void fiveMillionEventsStreamToParquetInA64MbHeapWithoutHadoop() throws Exception {
        Path out = tmp.resolve("long.parquet");
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).getFileName().toString().startsWith("hadoop-"))
                .collect(Collectors.joining(File.pathSeparator));
        ChildJvm.Outcome child = ChildJvm.run(new ProcessBuilder(ChildJvm.command(List.of("-Xmx64m"), classPath,
                LongReplay.class, Long.toString(EVENTS), out.toString())).redirectErrorStream(true), true, 600);
        String printed = child.output();
        assertTrue(child.ended(), "the child ended within 600 s (a bound, not a timing): " + printed);
        assertEquals(0, child.exit(), printed);
        assertTrue(printed.contains("hadoop=absent"), printed);
        long consumptions = Long.parseLong(printed.replaceAll("(?s).*consumptions=(\\d+).*", "$1"));
        assertEquals(EVENTS / 3, consumptions); // every buffer of mix is consumed once, all scored

        long[] count = {0};
        long[] lastEvent = {-1};
        boolean[] ordered = {true};
        boolean[] nodesInRange = {true};
        ParquetRows layout = ParquetRows.scan(out, row -> {
            count[0]++;
            ordered[0] &= row[0] > lastEvent[0] && row[0] < EVENTS;
            lastEvent[0] = row[0];
            for (int c : new int[] {5, 6, 8, 9}) { // producer, consumer, majority, ewma: mix has 4 nodes
                nodesInRange[0] &= row[c] >= 0 && row[c] < 4;
            }
        });
        assertEquals(List.of("event", "buffer", "device", "queue", "flow", "producerNode", "consumerNode", "bytes",
                "majority", "ewma"), layout.columns());
        assertEquals(consumptions, count[0]);
        assertTrue(ordered[0], "event indices increase and stay within the trace");
        assertTrue(nodesInRange[0], "every node is one of the trace's 4");
        // row groups are written out as they fill (PredictionsParquet.ROW_GROUP_BYTES, 4 MiB; the file is about 7 MB),
        // not held until the end
        assertTrue(layout.rowGroups() >= 2, "row groups: " + layout.rowGroups() + ", file bytes " + Files.size(out));
    }

    /**
     * The child: replays {@code args[0]} events of {@code mix} into the Parquet file {@code args[1]} through the
     * same observer as {@code compare --predictions}, then prints the scored consumptions and whether Hadoop's
     * classes are on its class path.
     */
    public static final class LongReplay {
        private LongReplay() {
        }

        /** Runs the child. */
        public static void main(String[] args) throws IOException {
            long events = Long.parseLong(args[0]);
            GeneratedTrace trace = Scenarios.byName("mix").generate(1, Map.of("length", Long.toString(events / 3)));
            ReplayReport report;
            try (PredictionsFile file = PredictionsFile.open(Path.of(args[1]), false)) {
                report = new ReplayEngine(PredictorRegistry.builtIn()).run(trace, trace.header().topology(),
                        List.of("majority", "ewma"), ReplayEngine.Options.defaults().withObserver(file));
                file.commit();
            }
            String hadoop;
            try {
                Class.forName("org.apache.hadoop.conf.Configuration");
                hadoop = "present";
            } catch (ClassNotFoundException e) {
                hadoop = "absent";
            }
            System.out.println("consumptions=" + report.results().getFirst().consumptions() + " hadoop=" + hadoop);
        }
    }
}
