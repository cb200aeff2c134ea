package org.numabias.sweeps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.numabias.sweeps.cli.Cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.sweeps.cli.Cli.Run;
import org.numabias.sweeps.CellRecord;
import org.numabias.sweeps.ResultStore;

/** {@code numabias results} through the real CLI: the sweep's own table, and every cell as CSV or JSON. */
class ResultsCommandTest {
    @TempDir
    Path dir;

    @Test
    void resultsPrintsTheSweepsTableAndEveryCellAsCsvOrJson() throws IOException {
        Path exp = dir.resolve("exp.yaml");
        Files.writeString(exp, """
                traces:
                  - scenario: static-skew
                    params: {length: 3000}
                    seeds: [1, 2]
                predictors:
                  - name: majority
                    grid: {weight: [count, bytes]}
                report: {metrics: [localByteRatio, regret]}
                """);
        Path out = dir.resolve("results");
        Run sweep = run("sweep", exp.toString(), "-o", out.toString());
        assertEquals(0, sweep.code(), sweep.err());
        List<CellRecord> records = ResultStore.read(out);

        Run table = run("results", out.toString(), "--metrics", "localByteRatio,regret");
        assertEquals(0, table.code(), table.err());
        assertTrue(sweep.out().startsWith(table.out()), "the sweep printed the same table:\n" + sweep.out() + "\n---\n" + table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("majority:weight=count ")), table.out());

        Run csv = run("results", out.toString(), "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        List<String> header = List.of(csv.out().lines().findFirst().orElseThrow().split(","));
        assertEquals(CellRecord.class.getRecordComponents().length, header.size(), header.toString());
        List<java.util.Map<String, String>> rows;
        try (var it = new com.fasterxml.jackson.dataformat.csv.CsvMapper().readerFor(java.util.Map.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
                .<java.util.Map<String, String>>readValues(csv.out())) {
            rows = it.readAll();
        }
        assertEquals(4, rows.size(), csv.out());
        for (int i = 0; i < 4; i++) {
            assertEquals(records.get(i).localByteRatio(), Double.parseDouble(rows.get(i).get("localByteRatio")));
            assertEquals(records.get(i).trace(), rows.get(i).get("trace"));
            assertEquals(records.get(i).topology(), rows.get(i).get("topology"));
            assertEquals(java.util.Arrays.stream(records.get(i).actualByNode()).mapToObj(Long::toString)
                    .collect(java.util.stream.Collectors.joining(";")), rows.get(i).get("actualByNode"));
        }

        Run json = run("results", out.toString(), "--format", "json");
        assertEquals(0, json.code(), json.err());
        JsonNode cells = new ObjectMapper().readTree(json.out());
        assertEquals(4, cells.size());
        assertEquals(records.get(3).regret(), cells.get(3).get("regret").asDouble());
        assertEquals(records.get(3).actualByNode().length, cells.get(3).get("actualByNode").size());
    }

    @Test
    void aFolderThatIsNoResultsAndBadOptionsAreRefused() throws IOException {
        Run none = run("results", dir.toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("results: error: " + dir + ": no _sweep.json here"), none.err());
        Files.writeString(dir.resolve(ResultStore.MANIFEST), "{}");
        Run metric = run("results", dir.toString(), "--metrics", "nosuch");
        assertEquals(2, metric.code());
        assertTrue(metric.err().contains("--metrics: unknown metric 'nosuch'"), metric.err());
        assertEquals(2, run("results", dir.toString(), "--format", "xml").code());
    }
}
