package org.numabias.tribuo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.tools.cli.Numabias;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.replay.TraceScan;
import org.numabias.runtime.trace.Traces;
import org.numabias.tribuo.model.ModelFile;
import org.numabias.tribuo.model.TrainedModel;
import picocli.CommandLine;

/** {@code numabias train} through the real CLI (the command arrives as a CommandExtension), and tribuo in compare. */
class TrainCommandTest {
    @TempDir
    Path tmp;
    Path trace;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Numabias.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void generate() {
        trace = tmp.resolve("sc.csv");
        Run r = run("generate", "size-classes", "-o", trace.toString(), "--param", "length=4000", "--seed", "3");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void trainsAModelThatCompareRunsOnTheTail() throws IOException {
        Path model = tmp.resolve("m.tribuo");
        Run train = run("train", trace.toString(), "-o", model.toString(), "--trainer", "cart", "--until", "0.5",
                "--seed", "7", "--key", "flow", "--history", "2");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("examples: 2,000 buffer instances"), train.out());
        assertTrue(train.out().contains("--score-from 0.5"), train.out());
        assertFalse(train.err().contains("INFO"), train.err()); // Tribuo's own logging is quiet
        TrainedModel loaded = ModelFile.load(model);
        assertEquals("7", loaded.provenance().get("seed"));
        assertEquals("flow", loaded.provenance().get("key"));
        assertEquals("2", loaded.provenance().get("history"));
        try (var source = Traces.open(trace)) {
            String digest = TraceScan.summarize(source, source.header().topology(), ProgressListener.NONE).eventsSha256();
            assertEquals(digest, loaded.provenance().get("traceDigest"));
        }

        Run again = run("train", trace.toString(), "-o", model.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("exists; use --force"), again.err());
        assertEquals("cart", ModelFile.load(model).provenance().get("trainer")); // untouched
        assertEquals(0, run("train", trace.toString(), "-o", model.toString(), "--force", "--trainer", "hinge").code());
        assertEquals("hinge", ModelFile.load(model).provenance().get("trainer"));
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".incomplete")));
        }

        Run compare = run("compare", trace.toString(), "-p", "tribuo:model=" + model, "-p", "majority",
                "--score-from", "0.5", "--format", "csv");
        assertEquals(0, compare.code(), compare.err());
        String row = compare.out().lines().filter(l -> l.startsWith("tribuo,")).findFirst().orElseThrow();
        assertTrue(row.contains(",0,"), row); // faults column among the zeros: checked precisely by the contract kit
    }

    @Test
    void aModelFileGetsTheUsualFileMode() throws IOException {
        Path model = tmp.resolve("mode.tribuo");
        Run train = run("train", trace.toString(), "-o", model.toString(), "--trainer", "cart", "--until", "0.5");
        assertEquals(0, train.code(), train.err());
        Path plain = Files.createFile(tmp.resolve("plain")); // what any file created here gets (0666 less the umask)
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(model)));
    }

    @Test
    void compareWithoutPredictorsLeavesTribuoOutInsteadOfFailing() {
        Run compare = run("compare", trace.toString(), "--format", "csv");
        assertEquals(0, compare.code(), compare.err());
        assertTrue(compare.out().lines().anyMatch(l -> l.startsWith("majority,")), compare.out());
        assertFalse(compare.out().lines().anyMatch(l -> l.startsWith("tribuo,")), compare.out());
    }

    @Test
    void usageAndInputErrorsHaveClearMessagesAndExitCodes() throws IOException {
        assertEquals(2, run("train", trace.toString()).code()); // no -o
        Run trainer = run("train", trace.toString(), "-o", tmp.resolve("x").toString(), "--trainer", "svm");
        assertEquals(1, trainer.code());
        assertTrue(trainer.err().contains("--trainer must be logistic, hinge or cart"), trainer.err());
        Run until = run("train", trace.toString(), "-o", tmp.resolve("x").toString(), "--until", "1.5");
        assertEquals(1, until.code());
        assertTrue(until.err().contains("train: error: --until must be a non-negative event index or a fraction in (0,1), got '1.5'"), until.err());
        Run negative = run("train", trace.toString(), "-o", tmp.resolve("x").toString(), "--until", "-0.5");
        assertTrue(negative.err().contains("--until must be") && !negative.err().contains("--score-from"), negative.err());
        Run missing = run("train", tmp.resolve("none.csv").toString(), "-o", tmp.resolve("x").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("none.csv"), missing.err());
        Run noExamples = run("train", trace.toString(), "-o", tmp.resolve("x").toString(), "--until", "1");
        assertEquals(1, noExamples.code());
        assertTrue(noExamples.err().contains("no training examples"), noExamples.err());

        Run noModel = run("compare", trace.toString(), "-p", "tribuo");
        assertEquals(1, noModel.code());
        assertTrue(noModel.err().contains("needs model=PATH"), noModel.err());
        Path ser = tmp.resolve("java.ser");
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(ser))) {
            out.writeObject("not a model");
        }
        Run java = run("compare", trace.toString(), "-p", "tribuo:model=" + ser);
        assertEquals(1, java.code());
        assertTrue(java.err().contains(ser + ": is a Java-serialised object stream"), java.err());
    }
}
