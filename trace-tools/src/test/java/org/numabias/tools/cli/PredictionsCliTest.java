package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare --predictions FILE}: per scored consumption, the buffer, its key and every predictor's node. */
class PredictionsCliTest {
    @TempDir
    Path tmp;

    private Path trace() throws IOException {
        Path f = tmp.resolve("trace.csv");
        Files.writeString(f, CliTest.GOLDEN);
        return f;
    }

    @Test
    void writesOneRowPerScoredConsumptionWithEveryPredictorsNode() throws IOException {
        Path out = tmp.resolve("p.csv");
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
                "6,102,0,0,1,0,1,1000,0,1"), Files.readAllLines(out));
        assertTrue(r.err().contains("wrote " + out + " (4 scored consumptions)"), r.err());
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
    void parquetAndOtherExtensionsAreRefusedNamingCsv() throws IOException {
        for (String name : List.of("p.parquet", "p.txt")) {
            CliTest.Run r = CliTest.run("compare", trace().toString(), "-p", "majority", "--predictions",
                    tmp.resolve(name).toString());
            assertEquals(2, r.code(), name);
            assertTrue(r.err().contains(".csv"), r.err());
            assertFalse(Files.exists(tmp.resolve(name)));
        }
        CliTest.Run parquet = CliTest.run("compare", trace().toString(), "--predictions", tmp.resolve("p.parquet").toString());
        assertTrue(parquet.err().contains("Parquet is not supported by compare"), parquet.err());
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
        assertEquals(0, CliTest.run("compare", t.toString(), "-p", "majority", "--predictions", existing.toString(),
                "--force").code());
        assertEquals(5, Files.readAllLines(existing).size());
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".incomplete")));
        }
    }
}
