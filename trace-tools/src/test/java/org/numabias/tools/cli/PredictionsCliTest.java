package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare --predictions FILE} (CSV or Parquet): per scored consumption, the buffer, its key and every predictor's node. */
class PredictionsCliTest {
    @TempDir
    Path tmp;

    private Path trace() throws IOException {
        Path f = tmp.resolve("trace.csv");
        Files.writeString(f, CliTest.GOLDEN);
        return f;
    }

    @Test
    void writesOneRowPerScoredConsumptionWithEveryPredictorsNodeInEitherFormat() throws IOException {
        for (String name : List.of("p.csv", "p.parquet")) {
            Path out = tmp.resolve(name);
            CliTest.Run r = CliTest.run("compare", trace().toString(), "-p", "producer-local", "-p", "last-consumer",
                    "-p", "oracle", "--predictions", out.toString());
            assertEquals(0, r.code(), r.err());
            // by hand: producer-local always predicts the Alloc's node 0; last-consumer (key=device) falls back to the
            // producer's node 0 for the first buffer, then predicts the device's last consumer node, 1; the oracle is
            // settled when a buffer ends, so it has no column; the Consume of unknown buffer 999 is not scored
            assertEquals(List.of(
                    "event,buffer,device,queue,flow,producerNode,consumerNode,bytes,producer-local,last-consumer",
                    "1,100,0,0,1,0,1,1000,0,0",
                    "3,101,0,0,1,0,1,1000,0,1",
                    "5,102,0,0,1,0,0,500,0,1",
                    "6,102,0,0,1,0,1,1000,0,1"), lines(out));
            assertTrue(r.err().contains("wrote " + out + " (4 scored consumptions)"), r.err());
        }
        PrimitiveTypeName i64 = PrimitiveTypeName.INT64;
        PrimitiveTypeName i32 = PrimitiveTypeName.INT32;
        assertEquals(List.of(i64, i64, i32, i32, i64, i32, i32, i64, i32, i32), ParquetRows.read(tmp.resolve("p.parquet")).types());
    }

    /** The file's lines if CSV; a Parquet file as the same CSV lines (a heading, then its rows). */
    private static List<String> lines(Path file) throws IOException {
        if (file.toString().endsWith(".csv")) {
            return Files.readAllLines(file);
        }
        ParquetRows parquet = ParquetRows.read(file);
        return Stream.concat(Stream.of(String.join(",", parquet.columns())),
                parquet.rows().stream().map(r -> r.stream().map(String::valueOf).collect(Collectors.joining(",")))).toList();
    }

    @Test
    void scoresOnlyFromTheCut() throws IOException {
        Path out = tmp.resolve("tail.csv");
        CliTest.Run r = CliTest.run("compare", trace().toString(), "-p", "producer-local", "--score-from", "5",
                "--predictions", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("event,buffer,device,queue,flow,producerNode,consumerNode,bytes,producer-local",
                "5,102,0,0,1,0,0,500,0", "6,102,0,0,1,0,1,1000,0"), Files.readAllLines(out));
    }

    @Test
    void theFileHasOneRowPerScoredConsumptionOfALongerTrace() throws IOException {
        Path out = tmp.resolve("mix.csv");
        Path json = tmp.resolve("mix.json");
        CliTest.Run r = CliTest.run("compare", "migrating", "-p", "ewma", "-p", "majority", "--score-from", "0.3",
                "--predictions", out.toString(), "--format", "json", "-o", json.toString());
        assertEquals(0, r.code(), r.err());
        long consumptions = new ObjectMapper().readTree(json.toFile()).get("results").get(0).get("consumptions").asLong();
        assertTrue(consumptions > 1000, "the scenario has more than 1000 scored consumptions: " + consumptions);
        try (var lines = Files.lines(out)) {
            assertEquals(consumptions + 1, lines.count()); // the heading, then one row each
        }
    }

    @Test
    void parquetAndCsvOfTheSameComparisonAgreeOnEveryValue() throws IOException {
        Path csv = tmp.resolve("mix.csv");
        Path parquet = tmp.resolve("mix.parquet");
        for (Path out : List.of(csv, parquet)) {
            CliTest.Run r = CliTest.run("compare", "mix", "-p", "ewma", "-p", "markov:order=2", "-p", "interleave",
                    "--score-from", "0.4", "--predictions", out.toString());
            assertEquals(0, r.code(), r.err());
        }
        List<String> fromCsv = Files.readAllLines(csv);
        assertTrue(fromCsv.size() > 10_000, "the scenario scores more than 10,000 consumptions: " + fromCsv.size());
        assertEquals(fromCsv, lines(parquet));
    }

    @Test
    void aRepeatedPredictorGetsANumberedColumnInBothFormats() throws IOException {
        Path csv = tmp.resolve("twice.csv");
        Path parquet = tmp.resolve("twice.parquet");
        for (Path out : List.of(csv, parquet)) {
            CliTest.Run r = CliTest.run("compare", trace().toString(), "-p", "majority", "-p", "last-consumer",
                    "-p", "majority", "--predictions", out.toString());
            assertEquals(0, r.code(), r.err());
        }
        List<String> columns = List.of("event", "buffer", "device", "queue", "flow", "producerNode", "consumerNode",
                "bytes", "majority", "last-consumer", "majority#2");
        assertEquals(String.join(",", columns), lines(csv).getFirst());
        assertEquals(String.join(",", columns), lines(parquet).getFirst());
    }

    @Test
    void anExtensionOtherThanCsvOrParquetIsRefusedNamingBoth() throws IOException {
        for (String name : List.of("p.txt", "p.parq", "csv")) {
            CliTest.Run r = CliTest.run("compare", trace().toString(), "-p", "majority", "--predictions",
                    tmp.resolve(name).toString());
            assertEquals(2, r.code(), name);
            assertTrue(r.err().contains("the file must end in .csv or .parquet"), r.err());
            assertFalse(Files.exists(tmp.resolve(name)));
        }
    }

    @Test
    void aFailedComparisonLeavesNoParquetFile() throws IOException {
        Path out = tmp.resolve("none.parquet");
        CliTest.Run r = CliTest.run("compare", trace().toString(), "-p", "majority", "--score-from", "1000",
                "--predictions", out.toString());
        assertEquals(2, r.code(), r.err());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("trace.csv"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void severalTracesAreRefusedAndAnExistingFileNeedsForce() throws IOException {
        Path t = trace();
        CliTest.Run two = CliTest.run("compare", t.toString(), t.toString(), "--predictions", tmp.resolve("p.csv").toString());
        assertEquals(2, two.code());
        assertTrue(two.err().contains("--predictions writes the predictions of one trace; got 2 traces"), two.err());
        Path existing = tmp.resolve("keep.csv");
        Files.writeString(existing, "mine\n");
        CliTest.Run refused = CliTest.run("compare", t.toString(), "-p", "majority", "--predictions", existing.toString());
        assertEquals(1, refused.code());
        assertEquals("mine\n", Files.readString(existing));
        Path existingParquet = tmp.resolve("keep.parquet");
        Files.writeString(existingParquet, "mine\n");
        assertEquals(1, CliTest.run("compare", t.toString(), "-p", "majority", "--predictions",
                existingParquet.toString()).code());
        assertEquals("mine\n", Files.readString(existingParquet));
        assertEquals(0, CliTest.run("compare", t.toString(), "-p", "majority", "--predictions",
                existingParquet.toString(), "--force").code());
        assertEquals(4, ParquetRows.read(existingParquet).rows().size());
        assertEquals(0, CliTest.run("compare", t.toString(), "-p", "majority", "--predictions", existing.toString(),
                "--force").code());
        assertEquals(5, Files.readAllLines(existing).size());
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".incomplete")));
        }
    }
}
