package org.numabias.sweeps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.numabias.sweeps.cli.Cli.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.sweeps.CellRecord;
import org.numabias.sweeps.ResultStore;

/**
 * The protocol for trained predictors in a sweep: a trace on whose fitted events a trained predictor
 * would be scored is refused with exit 2 (a usage error) naming the trace, the predictor and the
 * experiment options that fix it, while the sweep's other traces are stored; {@code allowInSample: true}
 * scores it, its records labelled in-sample. The trained predictor is {@code test-trained} (test
 * classpath), declaring events 0..999 of the first trace as its training range.
 */
class SweepProtocolTest {
    @TempDir
    Path dir;

    /** Two generated traces, a and b, and the events digest of a (as a sweep records it). */
    private String twoTracesAndDigestOfA() throws IOException {
        assertEquals(0, run("generate", "static-skew", "--param", "length=2000", "--seed", "1", "-o",
                dir.resolve("a").toString()).code());
        assertEquals(0, run("generate", "static-skew", "--param", "length=2000", "--seed", "2", "-o",
                dir.resolve("b").toString()).code());
        Path probe = write("probe.yaml", "traces: [{path: a}]\npredictors: [{name: majority}]\n");
        assertEquals(0, run("sweep", probe.toString(), "-o", dir.resolve("probe").toString()).code());
        String digest = ResultStore.read(dir.resolve("probe")).getFirst().eventsSha256();
        assertEquals(64, digest.length(), digest);
        return digest;
    }

    private Path write(String name, String yaml) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    private static String experiment(String digest, String options) {
        return "traces: [{path: a}, {path: b}]\npredictors: [{name: test-trained, params: {digest: " + digest
                + ", until: 1000}}]\n" + options;
    }

    @Test
    void aTraceScoredOnFittedEventsIsRefusedWithExit2AndTheOtherTraceIsStored() throws IOException {
        String digest = twoTracesAndDigestOfA();
        Cli.Run r = run("sweep", write("e.yaml", experiment(digest, "")).toString(), "-o", dir.resolve("r").toString());

        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("sweep: failed: " + dir.resolve("a")), r.err());
        assertTrue(r.err().contains("predictor test-trained:digest=" + digest + ",until=1000 was fitted on events 0..999"),
                r.err());
        assertTrue(r.err().contains("In the experiment's options, set scoreFrom: 1000 to score only the unseen part, "
                + "or allowInSample: true to score in-sample"), r.err());
        assertTrue(r.err().contains("sweep: 1 trace(s) refused"), r.err());
        // the other trace (not the training trace) is scored and stored, as transfer
        List<CellRecord> stored = ResultStore.read(dir.resolve("r"));
        assertEquals(List.of(dir.resolve("b").toString()), stored.stream().map(CellRecord::trace).toList());
        assertTrue(stored.getFirst().trainedOn().startsWith("transfer; fitted on events 0..999"), stored.getFirst().trainedOn());
    }

    @Test
    void allowInSampleScoresTheTrainingTraceLabelledInSample() throws IOException {
        String digest = twoTracesAndDigestOfA();
        Cli.Run r = run("sweep", write("e.yaml", experiment(digest, "options: {allowInSample: true}\n")).toString(), "-o",
                dir.resolve("r").toString());

        assertEquals(0, r.code(), r.err());
        List<String> sampling = ResultStore.read(dir.resolve("r")).stream()
                .map(c -> c.trace().substring(dir.toString().length() + 1) + " " + c.trainedOn().split(";")[0]).sorted().toList();
        assertEquals(List.of("a in-sample", "b transfer"), sampling);
    }

    @Test
    void allowInSampleMustBeABoolean() throws IOException {
        Cli.Run r = run("sweep", write("e.yaml", experiment("ab".repeat(32), "options:\n  allowInSample: maybe\n")).toString(),
                "-o", dir.resolve("r").toString());

        assertEquals(1, r.code(), r.err()); // as every error in an experiment file
        assertTrue(r.err().contains(dir.resolve("e.yaml") + " (near line 4): options.allowInSample: "), r.err());
    }
}
