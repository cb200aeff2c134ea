package org.numabias.runtime.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.runtime.contract.RandomTraces;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.store.ChronicleTraceWriter;

/** CSV -> trace store -> CSV reproduces every event exactly, for random traces. */
class CsvRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void exportAfterImportReproducesTheEvents() {
        int[] run = {0};
        qt().withExamples(25).forAll(longs().all(), integers().between(1, 6), integers().between(0, 300))
                .checkAssert((seed, nodes, length) -> {
                    try {
                        InMemoryTrace trace = RandomTraces.generate(seed, nodes, length, false);
                        Path dir = tmp.resolve("run" + run[0]++);
                        Files.createDirectories(dir);
                        Path csv = dir.resolve("in.csv");
                        Files.writeString(csv, toCsv(trace.header(), trace.events()));

                        CsvTraceSource imported = CsvTraceSource.open(csv);
                        try (ChronicleTraceWriter w = ChronicleTraceWriter.create(dir.resolve("store"), imported.header());
                             TraceCursor c = imported.open()) {
                            c.forEachRemaining(w::write);
                            w.close(imported.header());
                        }
                        List<TraceEvent> back = new ArrayList<>();
                        String exported;
                        try (ChronicleTraceSource store = ChronicleTraceSource.open(dir.resolve("store"));
                             TraceCursor c = store.open()) {
                            c.forEachRemaining(back::add);
                            exported = toCsv(store.header(), back);
                        }
                        assertEquals(trace.events(), back);
                        Path again = dir.resolve("again.csv");
                        Files.writeString(again, exported);
                        List<TraceEvent> reread = new ArrayList<>();
                        try (TraceCursor c = CsvTraceSource.open(again).open()) {
                            c.forEachRemaining(reread::add);
                        }
                        assertEquals(trace.events(), reread);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static String toCsv(org.numabias.api.trace.TraceHeader header, List<TraceEvent> events) throws IOException {
        StringWriter out = new StringWriter();
        CsvTraceWriter w = new CsvTraceWriter(out, header);
        for (TraceEvent e : events) {
            w.write(e);
        }
        return out.toString();
    }
}
