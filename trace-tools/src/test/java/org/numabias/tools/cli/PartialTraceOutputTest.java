package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sealed trace whose tail was lost is never shown as a whole one: compare refuses it unless asked
 * with --allow-partial, and then every output form (table, CSV, JSON, several traces, stats) says
 * it is damaged; a trace a stopped writer left is marked incomplete the same way.
 */
class PartialTraceOutputTest {
    @TempDir
    Path tmp;

    private Path damaged;
    private Path whole;

    @BeforeEach
    void traces() throws IOException {
        whole = tmp.resolve("whole");
        damaged = tmp.resolve("damaged");
        for (Path p : List.of(whole, damaged)) {
            CliTest.Run g = CliTest.run("generate", "static-skew", "--param", "length=3000", "-o", p.toString());
            assertEquals(0, g.code(), g.err());
        }
        Path f;
        try (Stream<Path> files = Files.list(damaged)) {
            f = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        long size = Files.size(f);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(size - 100_000); // what a power loss can leave: the last pages never reached the disk
            raf.write(new byte[100_000]);
        }
    }

    @Test
    void compareRefusesADamagedTraceUnlessAskedForTheReadablePrefix() {
        for (String format : List.of("table", "csv", "json")) {
            CliTest.Run r = CliTest.run("compare", damaged.toString(), "-p", "majority", "--format", format);
            assertEquals(1, r.code(), format + ": " + r.out());
            assertTrue(r.err().startsWith("compare: error: " + damaged + ": the trace is DAMAGED, only a prefix is readable"),
                    r.err());
            assertTrue(r.err().contains("(--allow-partial scores the readable prefix)"), r.err());
        }
    }

    @Test
    void everyOutputFormCarriesTheState() {
        CliTest.Run table = CliTest.run("compare", damaged.toString(), "-p", "majority", "--allow-partial");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("WARNING     the trace is DAMAGED, only a prefix is readable"), table.out());

        CliTest.Run csv = CliTest.run("compare", damaged.toString(), "-p", "majority", "--allow-partial", "--format", "csv");
        List<String> lines = csv.out().lines().toList();
        assertTrue(lines.get(0).endsWith(",traceState,nsPerCall,stateBytes,overBudget"), csv.out());
        assertTrue(lines.get(1).matches(".*,damaged,[0-9.]+,[0-9-]+,(true|false)"), csv.out());

        CliTest.Run json = CliTest.run("compare", damaged.toString(), "-p", "majority", "--allow-partial", "--format", "json");
        assertTrue(json.out().contains("\"state\": \"damaged\""), json.out());

        CliTest.Run many = CliTest.run("compare", whole.toString(), damaged.toString(), "-p", "majority", "-p", "ewma",
                "--allow-partial");
        assertEquals(0, many.code(), many.err());
        assertTrue(many.out().contains("WARNING " + damaged + ": the trace is DAMAGED"), many.out());
        assertTrue(!many.out().contains("WARNING " + whole), many.out());
        CliTest.Run manyCsv = CliTest.run("compare", whole.toString(), damaged.toString(), "-p", "majority",
                "--allow-partial", "--format", "csv");
        assertTrue(manyCsv.out().lines().anyMatch(l -> l.startsWith(whole + ",") && l.contains(",complete,")), manyCsv.out());
        assertTrue(manyCsv.out().lines().anyMatch(l -> l.startsWith(damaged + ",") && l.contains(",damaged,")), manyCsv.out());

        CliTest.Run stats = CliTest.run("stats", damaged.toString());
        assertEquals(0, stats.code(), stats.err());
        assertTrue(stats.out().contains("state             damaged"), stats.out());
        assertTrue(stats.out().contains("WARNING           the trace is DAMAGED"), stats.out());
        CliTest.Run statsJson = CliTest.run("stats", damaged.toString(), "--format", "json");
        assertTrue(statsJson.out().contains("\"state\": \"damaged\""), statsJson.out());
        CliTest.Run wholeStats = CliTest.run("stats", whole.toString(), "--format", "json");
        assertTrue(wholeStats.out().contains("\"state\": \"complete\""), wholeStats.out());
    }
}
