package org.numabias.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.numabias.api.trace.TraceSource;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.runtime.guard.PredictorGuard;
import org.numabias.runtime.guard.PredictorWatchdog;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.replay.ScoreFrom;
import org.numabias.runtime.topology.DistanceFile;
import org.numabias.tools.report.CompareReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code numabias compare}: replays one trace through predictors and prints every metric. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Replay a trace through predictors (delayed progressive validation) and compare them.",
                "Regret and capturedGain are relative to the oracle and producer-local, which always run."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace directory (from import or record) or a CSV trace file.")
    Path trace;

    @Option(names = {"-p", "--predictor"}, paramLabel = "SPEC",
            description = "A predictor spec name[:k=v,...] (repeatable). Default: every predictor with default parameters.")
    List<String> predictors = new ArrayList<>();

    @Option(names = "--score-from", paramLabel = "X", defaultValue = "0",
            description = "Score consumes from event index X (an integer), or from fraction X in (0,1) of the events; "
                    + "earlier ones only train. Default: ${DEFAULT-VALUE}.")
    String scoreFrom;

    @Option(names = "--distances", paramLabel = "FILE",
            description = "Node distance matrix (one row per node, SLIT units) instead of the trace's.")
    Path distances;

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--budget-ns", defaultValue = "" + ReplayEngine.DEFAULT_BUDGET_NS, paramLabel = "NS",
            description = "Flag predictors slower than this per call on average (default: ${DEFAULT-VALUE}); "
                    + "one over 100x is disabled.")
    long budgetNs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--force", description = "Overwrite the -o FILE if it exists.")
    boolean force;

    @Option(names = "--window", paramLabel = "W", defaultValue = "0",
            description = "Also measure every window of W scored consumptions (learning curves); JSON gets a 'windows' "
                    + "array per predictor. Default: no windows.")
    int window;

    /** A predictor call running this long is reported and stops the comparison (it would never end). */
    static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    /** Report formats. */
    enum Format { table, json, csv }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ScoreFrom from = ScoreFrom.parse(scoreFrom);
        if (output != null) {
            AtomicFile.check(output, force); // before the replay, not after
        }
        try {
            new ReplayEngine.Options(from, budgetNs, ProgressListener.NONE).withWindow(window);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PredictorRegistry registry = plugins.registry(err);
        try (TraceSource source = TraceInputs.open(trace);
             PredictorWatchdog watchdog = new PredictorWatchdog(STALL_LIMIT, (guard, running) -> stalled(err, guard))) {
            Topology topology = source.header().topology();
            if (distances != null) {
                topology = topology.withDistances(DistanceFile.read(distances, topology.nodes()), distances.toString());
                if (!topology.symmetric()) {
                    err.println("compare: warning: " + distances + ": the distance matrix is not symmetric (distance a->b "
                            + "differs from b->a somewhere); costs use the row of the consumer's node");
                }
            }
            List<String> specs = predictors.isEmpty() ? defaultSpecs(registry) : predictors;
            var progress = TerminalProgress.forTerminal(err, format == Format.table && output == null);
            ReplayReport report = new ReplayEngine(registry).run(source, topology, specs,
                    new ReplayEngine.Options(from, budgetNs, progress, window, List.of(), watchdog));
            String text = switch (format) {
                case table -> CompareReport.table(report);
                case json -> CompareReport.json(report);
                case csv -> CompareReport.csv(report);
            };
            if (output != null) {
                AtomicFile.write(output, force, w -> w.write(text));
                err.println("wrote " + output);
            } else {
                spec.commandLine().getOut().print(text);
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** A predictor call that does not return: Java cannot stop it, so the comparison ends here with status 1. */
    private static void stalled(PrintWriter err, PredictorGuard guard) {
        err.println("compare: error: predictor " + guard.configured().label() + " has been inside one call for over "
                + STALL_LIMIT.toSeconds() + " s; stopping (exit 1)");
        err.flush();
        Runtime.getRuntime().halt(1);
    }

    /**
     * Every built-in predictor with default parameters, then every plugin; except those with a required
     * parameter (an empty default, e.g. tribuo's model=PATH), which cannot run on defaults.
     */
    static List<String> defaultSpecs(PredictorRegistry registry) {
        return registry.entries().stream()
                .filter(e -> e.provider().parameters().stream().noneMatch(p -> p.defaultValue().isEmpty()))
                .map(e -> e.provider().name())
                .toList();
    }
}
