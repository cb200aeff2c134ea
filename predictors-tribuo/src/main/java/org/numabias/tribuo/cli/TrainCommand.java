package org.numabias.tribuo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.numabias.api.ConfigurationException;
import org.numabias.api.KeyMode;
import org.numabias.runtime.replay.ScoreFrom;
import org.numabias.runtime.trace.Traces;
import org.numabias.tools.cli.TerminalProgress;
import org.numabias.tribuo.features.FeatureSet;
import org.numabias.tribuo.model.CompiledModel;
import org.numabias.tribuo.model.ModelFile;
import org.numabias.tribuo.model.TrainedModel;
import org.numabias.tribuo.train.ExamplePass;
import org.numabias.tribuo.train.TrainerChoice;
import org.numabias.tribuo.train.Training;
import org.numabias.tribuo.train.TrainingSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code numabias train}: trains the {@code tribuo} predictor's classifier on the head of a trace. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a Tribuo classifier for the 'tribuo' predictor on the head of a trace.",
                "Examples come from a replay of the events before --until: the features of each buffer at its "
                        + "allocation (from the feedback so far) and, as label, the node the oracle chooses for it.",
                "Prints the agreement with the oracle on the training examples (in-sample) and a held-out estimate "
                        + "(--holdout); warns when they differ by more than " + TrainCommand.WARN_GAP + ".",
                "Evaluate it on the rest: numabias compare TRACE -p tribuo:model=MODEL --score-from X (X = --until); "
                        + "compare refuses to score it on its training events."})
final class TrainCommand implements Callable<Integer> {
    /** Tribuo logs each training at INFO through java.util.logging; the command prints its own summary. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace directory (from import or record) or a CSV trace file.")
    Path trace;

    @Option(names = {"-o", "--output"}, paramLabel = "MODEL", required = true,
            description = "Where to write the model (Tribuo protobuf format).")
    Path output;

    @Option(names = "--force", description = "Replace MODEL if it exists.")
    boolean force;

    @Option(names = "--trainer", defaultValue = "logistic", paramLabel = "NAME",
            description = "logistic, hinge (linear SVM) or cart (decision tree). Default: ${DEFAULT-VALUE}.")
    String trainer;

    @Option(names = "--until", defaultValue = "0.5", paramLabel = "X",
            description = "Train on events before index X (an integer) or before fraction X in (0,1) of the events: "
                    + "the same syntax as compare's --score-from. Default: ${DEFAULT-VALUE}.")
    String until;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Trainer seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--key", defaultValue = "device", paramLabel = "KEY",
            description = "What the feedback history features are kept per: device, queue or flow. Default: ${DEFAULT-VALUE}.")
    String key;

    @Option(names = "--history", defaultValue = "3", paramLabel = "K",
            description = "How many of the key's last consumer nodes are features. Default: ${DEFAULT-VALUE}.")
    int history;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N",
            description = "SGD epochs (logistic, hinge). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--weight", defaultValue = "bytes", paramLabel = "W",
            description = "What an example weighs: bytes (the bytes its buffers consumed, as cost and localByteRatio "
                    + "count them) or count (as accuracy does). Default: ${DEFAULT-VALUE}.")
    String weight;

    @Option(names = "--max-depth", defaultValue = "12", paramLabel = "D",
            description = "Tree depth limit (cart). Default: ${DEFAULT-VALUE}.")
    int maxDepth;

    @Option(names = "--holdout", defaultValue = "0.2", paramLabel = "F",
            description = "Also estimate the fit on unseen events: train the same way on the first 1-F of the training "
                    + "range and measure its agreement on the examples of the last F (held-out); warn when the in-sample "
                    + "agreement exceeds it by more than " + WARN_GAP + ". 0 skips it. Default: ${DEFAULT-VALUE}.")
    double holdout;

    /** The gap between in-sample and held-out agreement above which {@code train} warns. */
    static final double WARN_GAP = 0.10;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        TrainerChoice choice = TrainerChoice.parse(trainer);
        TrainerChoice.Params params = new TrainerChoice.Params(epochs, maxDepth, seed);
        FeatureSet features = new FeatureSet(KeyMode.parse(key), history);
        ScoreFrom cut = ScoreFrom.parse(until, "--until");
        Training.Weighting weighting = Training.Weighting.parse(weight);
        if (!(holdout >= 0 && holdout < 1)) {
            throw new ConfigurationException("--holdout must be in [0,1), got " + holdout);
        }
        if (Files.isDirectory(output)) {
            throw new ConfigurationException(output + " is a directory; MODEL must be a file");
        }
        if (!force && Files.exists(output)) { // checked before the work whose result could not be stored
            throw new ConfigurationException(output + " exists; use --force to replace it");
        }
        boolean terminal = System.console() != null && System.console().isTerminal();
        TrainingSet set;
        TrainingSet inner = null;
        TrainingSet validation = null;
        try (var source = Traces.open(trace)) {
            var progress = TerminalProgress.forTerminal(err, true);
            set = ExamplePass.run(source, source.header().topology(), features, cut, progress);
            long innerCut = (long) Math.floor(set.cutIndex() * (1 - holdout));
            if (holdout > 0 && innerCut > 0 && innerCut < set.cutIndex()) {
                inner = ExamplePass.run(source, source.header().topology(), features,
                        ScoreFrom.parse(Long.toString(innerCut)), progress);
                validation = ExamplePass.run(source, source.header().topology(), features, innerCut,
                        ScoreFrom.parse(Long.toString(set.cutIndex())), progress);
            }
        }
        out.printf(Locale.ROOT, "examples: %,d buffer instances (%,d distinct) from events 0..%,d of %,d; left out: "
                        + "%,d never consumed, %,d consumed at or after the cut%n", set.instances(), set.examples().size(),
                set.cutIndex() - 1, set.events(), set.unconsumed(), set.straddling());
        out.flush();
        TrainedModel model;
        long start = System.nanoTime();
        try (Ticker _ = terminal ? new Ticker(err, "training " + choice.describe(params)) : null) {
            model = Training.train(set, choice, params, weighting, until);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ModelFile.save(model.model(), output);
        CompiledModel compiled = ModelFile.load(output).compile(); // what the predictor will run, read back
        out.printf(Locale.ROOT, "trained %s in %.1fs on %s (key=%s, history=%d, weight=%s, feature set v%d)%n",
                choice.describe(params), seconds, set.traceDescription(), key, history, weight, FeatureSet.VERSION);
        double[] agreement = agreement(compiled, set);
        out.printf(Locale.ROOT, "agreement with the oracle on the training examples: %.4f of instances, %.4f of bytes%n",
                agreement[0], agreement[1]);
        if (holdout > 0) {
            heldOut(out, err, set, inner, validation, choice, params, weighting, agreement);
        }
        out.printf(Locale.ROOT, "wrote %s: %s, compiled %,d bytes%n", output, compiled.describe(), compiled.sizeBytes());
        out.printf("evaluate: numabias compare %s -p tribuo:model=%s --score-from %s%n", trace, output, until);
        out.flush();
        return 0;
    }

    /**
     * Prints the held-out estimate: a model trained the same way on {@code inner} (the head of the training
     * range), its agreement on {@code validation} (the examples of the rest of the range), and a warning when
     * the in-sample agreement exceeds it by more than {@link #WARN_GAP} (in the measure the training weights:
     * bytes or instances).
     */
    private void heldOut(PrintWriter out, PrintWriter err, TrainingSet set, TrainingSet inner, TrainingSet validation,
                         TrainerChoice choice, TrainerChoice.Params params, Training.Weighting weighting,
                         double[] inSample) {
        if (inner == null || inner.examples().isEmpty() || validation.examples().isEmpty()) {
            out.printf(Locale.ROOT, "held-out estimate: not available (no examples %s the last %.0f%% of events 0..%,d)%n",
                    inner == null || inner.examples().isEmpty() ? "before" : "in", 100 * holdout, set.cutIndex() - 1);
            return;
        }
        CompiledModel innerModel = Training.train(inner, choice, params, weighting, Long.toString(inner.cutIndex()))
                .compile();
        double[] held = agreement(innerModel, validation);
        out.printf(Locale.ROOT, "held-out estimate: trained the same way on events 0..%,d, agreement on the %,d instances "
                        + "of events %,d..%,d (the last %.0f%% of the training range): %.4f of instances, %.4f of bytes%n",
                inner.cutIndex() - 1, validation.instances(), inner.cutIndex(), set.cutIndex() - 1, 100 * holdout,
                held[0], held[1]);
        int m = weighting == Training.Weighting.bytes ? 1 : 0;
        double gap = inSample[m] - held[m];
        if (gap > WARN_GAP) {
            err.printf(Locale.ROOT, "train: warning: the in-sample agreement (%.4f of %s) exceeds the held-out estimate "
                            + "(%.4f) by %.2f, more than %.2f: the model may not carry over to events after its training "
                            + "range (the trace may change regime); judge it with compare --score-from, not by its "
                            + "in-sample fit%n", inSample[m], m == 1 ? "bytes" : "instances", held[m], gap, WARN_GAP);
            err.flush();
        }
    }

    /** Shares of training instances, and of their bytes, whose oracle node the compiled model predicts. */
    static double[] agreement(CompiledModel model, TrainingSet set) {
        long hits = 0;
        long bytes = 0;
        for (TrainingSet.Example e : set.examples()) {
            if (model.predict(e.values()) == e.node()) {
                hits += e.count();
                bytes += e.bytes();
            }
        }
        return new double[]{(double) hits / set.instances(), set.bytes() == 0 ? 0 : (double) bytes / set.bytes()};
    }

    /** Elapsed time on a terminal while a model trains (Tribuo's trainers report no progress of their own). */
    private static final class Ticker implements AutoCloseable {
        private final Thread thread;

        Ticker(PrintWriter err, String what) {
            long start = System.nanoTime();
            thread = Thread.ofPlatform().daemon().name("train-progress").start(() -> {
                try {
                    while (true) {
                        err.printf(Locale.ROOT, "\r%s %.1fs   ", what, (System.nanoTime() - start) / 1e9);
                        err.flush();
                        Thread.sleep(250);
                    }
                } catch (InterruptedException e) {
                    err.print("\r" + " ".repeat(what.length() + 12) + "\r");
                    err.flush();
                }
            });
        }

        @Override
        public void close() {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
