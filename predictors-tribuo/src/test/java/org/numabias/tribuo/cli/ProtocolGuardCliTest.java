package org.numabias.tribuo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.numabias.tribuo.cli.TrainCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.tribuo.cli.TrainCommandTest.Run;

/**
 * The protocol guards for a trained model through the real CLI: a model trained by {@code train --until 0.5}
 * on a size-classes trace of 4000 buffers (A, C and F each: 12,000 events, so it was fitted on events 0..5999
 * and 4 nodes, the scenario's default) is refused on its own training events, labelled in-sample when that is
 * asked for, held-out on the tail, transfer on another trace, and refused on another node count.
 */
class ProtocolGuardCliTest {
    @TempDir
    static Path tmp;
    static Path trace;
    static Path model;

    @BeforeAll
    static void train() {
        trace = tmp.resolve("sc.csv");
        assertEquals(0, run("generate", "size-classes", "-o", trace.toString(), "--param", "length=4000", "--seed", "3")
                .code());
        model = tmp.resolve("m.tribuo");
        Run train = run("train", trace.toString(), "-o", model.toString(), "--until", "0.5", "--trainer", "cart");
        assertEquals(0, train.code(), train.err());
    }

    private static String spec() {
        return "tribuo:model=" + model;
    }

    private static String digest() {
        Run stats = run("compare", trace.toString(), "-p", "majority", "--format", "json");
        try {
            return new ObjectMapper().readTree(stats.out()).get("trace").get("eventsSha256").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void scoringTheTrainingEventsIsRefusedWithExit2AndHowToScoreTheUnseenPart() {
        for (String from : List.of("0", "0.25", "5999")) {
            Run r = run("compare", trace.toString(), "-p", spec(), "-p", "majority", "--score-from", from);
            assertEquals(2, r.code(), r.err());
            assertEquals("", r.out());
            assertTrue(r.err().contains("was fitted on events 0..5999 of trace digest " + digest()), r.err());
            assertTrue(r.err().contains("--score-from " + from + ")"), r.err());
            assertTrue(r.err().contains("Use --score-from 0.5 (event 6000) to score only the unseen part, or "
                    + "--allow-in-sample to score in-sample"), r.err());
        }
    }

    @Test
    void inSampleScoringWhenAskedForIsLabelledInEveryFormat() throws IOException {
        Run table = run("compare", trace.toString(), "-p", spec(), "-p", "majority", "--allow-in-sample");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains(spec() + " [in-sample]"), table.out());
        assertTrue(table.out().contains("in-sample; fitted on events 0..5999 (cut 0.5)"), table.out());

        Run csv = run("compare", trace.toString(), "-p", spec(), "-p", "majority", "--allow-in-sample", "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        List<String> heading = Arrays.asList(csv.out().lines().findFirst().orElseThrow().split(","));
        String[] row = csv.out().lines().filter(l -> l.startsWith("tribuo,")).findFirst().orElseThrow()
                .replace(spec(), "SPEC").replaceAll("\"\\{[^}]*}\"", "PARAMS").split(",");
        assertEquals("in-sample", row[heading.indexOf("sampling")]);
        assertEquals(digest(), row[heading.indexOf("trainedOnSha256")]);
        assertEquals("6000", row[heading.indexOf("trainedOnUntilEvent")]);
        assertEquals("4", row[heading.indexOf("trainedOnNodes")]);
        String majority = csv.out().lines().filter(l -> l.startsWith("majority,")).findFirst().orElseThrow();
        assertTrue(majority.contains(",,,,,,,"), majority); // an online learner has no training provenance

        Run json = run("compare", trace.toString(), "-p", spec(), "--allow-in-sample", "--format", "json");
        JsonNode trainedOn = new ObjectMapper().readTree(json.out()).get("results").get(0).get("trainedOn");
        assertEquals("in-sample", trainedOn.get("sampling").asText());
        assertEquals(0, trainedOn.get("fromEvent").asLong());
        assertEquals(6000, trainedOn.get("untilEvent").asLong());
        assertEquals("0.5", trainedOn.get("cut").asText());
        assertEquals(4, trainedOn.get("nodes").asInt());
        assertEquals("1", trainedOn.get("featureVersion").asText());
        assertEquals(digest(), trainedOn.get("traceDigest").asText());
    }

    @Test
    void theTailIsHeldOutAndTheReportShowsTheProvenance() throws IOException {
        Path report = tmp.resolve("report");
        Run r = run("compare", trace.toString(), "-p", spec(), "-p", "majority", "--score-from", "0.5", "--report",
                report.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(spec() + " [held-out]"), r.out());
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains(spec() + " [held-out]: held-out; fitted on events 0..5999 (cut 0.5)"), md);
    }

    @Test
    void anotherTraceIsScoredAsTransferAndLabelledSo() throws IOException {
        Path other = tmp.resolve("ss.csv");
        assertEquals(0, run("generate", "static-skew", "-o", other.toString(), "--param", "length=500", "--seed", "2")
                .code());
        Run table = run("compare", other.toString(), "-p", spec());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains(spec() + " [transfer]"), table.out());
        Run json = run("compare", other.toString(), "-p", spec(), "--format", "json");
        assertEquals("transfer", new ObjectMapper().readTree(json.out()).get("results").get(0).get("trainedOn")
                .get("sampling").asText());
        Run both = run("compare", other.toString(), trace.toString(), "-p", spec(), "--score-from", "0.5");
        assertEquals(0, both.code(), both.err());
        assertTrue(both.out().contains("scored on " + other + ": " + spec() + " [transfer]"), both.out());
        assertTrue(both.out().contains("scored on " + trace + ": " + spec() + " [held-out]"), both.out());
    }

    @Test
    void anotherNodeCountIsRefusedWithExit2EvenWhenInSampleIsAllowed() {
        Path two = tmp.resolve("two-nodes.csv");
        assertEquals(0, run("generate", "size-classes", "-o", two.toString(), "--param", "length=300", "--param",
                "nodes=2").code());
        for (List<String> extra : List.of(List.<String>of(), List.of("--allow-in-sample"))) {
            List<String> args = new java.util.ArrayList<>(List.of("compare", two.toString(), "-p", spec()));
            args.addAll(extra);
            Run r = run(args.toArray(String[]::new));
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("was trained on a 4-node topology"), r.err());
            assertTrue(r.err().contains(two + " has 2 nodes"), r.err());
        }
    }
}
