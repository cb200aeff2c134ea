package org.numabias.sweeps.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.numabias.sweeps.LocalEngine;
import org.numabias.sweeps.ResultStore;
import org.numabias.sweeps.Summary;
import org.numabias.sweeps.Sweep;
import org.numabias.sweeps.spark.SparkEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code numabias sweep}: every (trace, configuration) cell of an experiment, stored as Parquet, summarised. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run an experiment: every trace through every predictor configuration (each trace read once "
                + "for all its configurations).",
                "Results: one Parquet file per trace in RESULTS (Spark, pandas and pyarrow read the folder); a rerun "
                        + "with the same experiment resumes, skipping finished traces.",
                "The experiment file format is in docs/sweeps-and-clusters.md."})
public final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment file (YAML).")
    Path experiment;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "RESULTS",
            description = "The results folder (new, or one this experiment started: it resumes).")
    Path output;

    @Option(names = "--engine", defaultValue = "local", paramLabel = "ENGINE",
            description = "local (in this process, default), or spark[:MASTER] (local[*] by default; e.g. "
                    + "spark:local[4], spark:spark://host:7077).")
    String engine;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads of the local engine (default: one per core).")
    Integer threads;

    @Option(names = "--executor-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "On a Spark cluster: how long to wait for a first executor before giving up (default: ${DEFAULT-VALUE}).")
    int executorTimeout;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String master = null;
        if (engine.equals("spark")) {
            master = "local[*]";
        } else if (engine.startsWith("spark:") && engine.length() > "spark:".length()) {
            master = engine.substring("spark:".length());
        } else if (!engine.equals("local")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--engine: '" + engine + "' is not local, spark or spark:MASTER");
        }
        if (executorTimeout < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--executor-timeout: give a positive number of seconds");
        }
        if (threads != null && (threads < 1 || master != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--threads: give a positive number, with the local engine only");
        }
        Sweep.Plan plan = Sweep.plan(experiment);
        var claim = ResultStore.claim(output);
        try {
            return run(plan, master, out, err);
        } finally {
            claim.close();
        }
    }

    private int run(Sweep.Plan plan, String master, PrintWriter out, PrintWriter err) throws IOException {
        ResultStore store = ResultStore.open(output, plan);
        err.printf(Locale.ROOT, "sweep: %s: %d traces x %d configurations = %d cells%n", plan.experiment().name(),
                plan.traces().size(), plan.configurations().size(), plan.cells());
        err.flush();
        Sweep.Progress progress = new Sweep.Progress(err, System.console() != null && System.console().isTerminal());
        Sweep.Outcome outcome;
        String engineName;
        if (master == null) {
            int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            engineName = "local, " + n + " threads";
            outcome = Sweep.run(plan, store, new LocalEngine(n), progress);
        } else {
            long t0 = System.nanoTime();
            SparkSession spark = SparkEngine.session(master, java.time.Duration.ofSeconds(executorTimeout), err);
            SparkEngine sparkEngine = new SparkEngine(spark);
            engineName = "spark " + sparkEngine.master() + String.format(Locale.ROOT, ", started in %.1f s",
                    (System.nanoTime() - t0) / 1e9);
            try {
                outcome = Sweep.run(plan, store, sparkEngine, progress);
            } finally {
                spark.stop();
            }
        }
        out.print(Summary.table(store.records(), plan.experiment().reportMetrics()));
        out.printf(Locale.ROOT, "%nthis run: %d traces (%d already done), %d events in %.1f s (%.2f M events/s), %s%n",
                outcome.traces(), outcome.skipped(), outcome.events(), outcome.seconds(),
                outcome.events() / Math.max(outcome.seconds(), 1e-9) / 1e6, engineName);
        out.println("results: " + output + " (" + store.finishedCount() + " of " + plan.traces().size()
                + " traces, Parquet; manifest " + ResultStore.MANIFEST + ")");
        out.flush();
        outcome.failed().forEach(f -> err.println("sweep: failed: " + f));
        int others = outcome.failed().size() - outcome.refused();
        if (outcome.refused() > 0) {
            err.println("sweep: " + outcome.refused() + " trace(s) refused: a trained predictor would be scored on events "
                    + "it was fitted on; set the experiment's options as said above (scoreFrom, or allowInSample: true) "
                    + "and run it again (exit 2)");
        }
        if (others > 0) {
            err.println("sweep: " + others + " trace(s) failed; fix them and rerun the same command to resume");
        }
        err.flush();
        return outcome.refused() > 0 ? CommandLine.ExitCode.USAGE : others > 0 ? 1 : 0;
    }
}
