package org.numabias.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceSource;
import org.numabias.api.ConfigurationException;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.runtime.guard.PredictorGuard;
import org.numabias.runtime.guard.PredictorWatchdog;
import org.numabias.runtime.replay.OrderedParallel;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayObserver;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.replay.ScoreFrom;
import org.numabias.runtime.topology.DistanceFile;
import org.numabias.tools.catalog.Dataset;
import org.numabias.reports.CompareReport;
import org.numabias.reports.MultiTraceOutput;
import org.numabias.reports.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.numabias.runtime.store.TraceState;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code numabias compare}: replays traces through predictors and prints every metric; over several
 * traces or seeds, means, ranks and significance; with {@code --report}, a report with charts.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Replay a trace through predictors (delayed progressive validation) and compare them.",
                "Regret and capturedGain are relative to the oracle and producer-local, which always run.",
                "Given several traces, a folder of traces or a scenario with --seeds: mean and spread of each metric, "
                        + "average ranks, the Friedman test and the Nemenyi critical difference."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Parameters(arity = "1..*", paramLabel = "TRACE",
            description = "Trace directories (from import or record), CSV trace files, folders holding traces, or catalog "
                    + "dataset names (numabias datasets list).")
    List<String> traces;

    @Option(names = "--seeds", paramLabel = "SEEDS",
            description = "Replay catalog scenarios once per seed: N..M, or N,M,... (default: seed 1).")
    String seeds;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write a report (report.md, report.html and PNG charts) into DIR; adds oracle and "
                    + "producer-local to the predictors if missing, and, unless --window is given, windows of 1/"
                    + REPORT_WINDOWS + " of the trace's consumes (learning curves).")
    Path report;

    @Option(names = {"-p", "--predictor"}, paramLabel = "SPEC",
            description = "A predictor spec name[:k=v,...] (repeatable). Default: every predictor with default parameters.")
    List<String> predictors = new ArrayList<>();

    @Option(names = "--control", paramLabel = "SPEC",
            description = "Over several traces: also test every predictor against this one (Wilcoxon signed-rank over the "
                    + "independent blocks, Holm-corrected, with effect sizes); added to the predictors if missing.")
    String control;

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

    @Option(names = "--threads", paramLabel = "N",
            description = "Replay up to N traces at a time (default: one per core); results and their order do not "
                    + "depend on it.")
    int threads = OrderedParallel.defaultThreads();

    @Option(names = "--predictor-threads", paramLabel = "K",
            description = "Replay each trace's predictors in up to K groups at once, each on its own thread: the first "
                    + "reads, checks and joins the trace once and hands every event to the others. Default: the cores "
                    + "that the traces replayed at once (--threads) leave, so one trace alone gets them all; groups "
                    + "of fewer than two predictors are not made. Results do not depend on it.")
    Integer predictorThreads;

    @Option(names = "--allow-partial", description = "Replay the readable prefix of a damaged trace (one whose writer "
            + "finished more events than are readable) instead of refusing it; the outputs mark it as damaged.")
    boolean allowPartial;

    @Option(names = "--allow-in-sample",
            description = "Score a trained predictor (e.g. tribuo) on events it was fitted on; refused otherwise. Its "
                    + "rows are labelled in-sample in every output.")
    boolean allowInSample;

    @Option(names = "--predictions", paramLabel = "FILE",
            description = "Also write FILE (.csv or .parquet): per scored consumption, its event index, buffer, key "
                    + "(device, queue, flow), producer and consumer nodes, bytes and every predictor's predicted node "
                    + "(one trace only).")
    Path predictions;

    /** A predictor call running this long is reported and stops the comparison (it would never end). */
    static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    /** Learning curves in a report without --window have about this many windows. */
    static final int REPORT_WINDOWS = 50;

    /** Report formats. */
    enum Format { table, json, csv }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ScoreFrom from = ScoreFrom.parse(scoreFrom);
        if (output != null) {
            AtomicFile.check(output, force); // before the replay, not after
        }
        if (predictorThreads != null && predictorThreads < 1) {
            throw new ParameterException(spec.commandLine(), "--predictor-threads must be at least 1, got " + predictorThreads);
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        if (predictions != null) {
            if (predictions.equals(output)) {
                throw new ParameterException(spec.commandLine(), "--predictions and -o name the same file " + output);
            }
            try {
                PredictionsFile.checkName(predictions);
            } catch (ConfigurationException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        try {
            new ReplayEngine.Options(from, budgetNs, ProgressListener.NONE).withWindow(window);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PredictorRegistry registry = plugins.registry(err);
        List<CompareInputs.Input> inputs = CompareInputs.expand(traces, CompareInputs.seeds(seeds));
        if (predictions != null && inputs.size() != 1) {
            throw new ParameterException(spec.commandLine(), "--predictions writes the predictions of one trace; "
                    + "got " + inputs.size() + " traces");
        }
        List<String> specs = new ArrayList<>(predictors.isEmpty() ? defaultSpecs(registry) : predictors);
        if (control != null && !specs.contains(control)) {
            specs.add(control);
        }
        int controlIndex = control == null ? -1 : specs.indexOf(control); // results come in the order of the specs
        if (report != null) {
            for (String reference : List.of("producer-local", "oracle")) {
                if (specs.stream().noneMatch(s -> s.equals(reference) || s.startsWith(reference + ":"))) {
                    specs.add(reference);
                }
            }
        }
        List<ReplayReport> reports;
        List<String> names = inputs.stream().map(CompareInputs.Input::name).toList();
        AtomicBoolean warned = new AtomicBoolean();
        boolean parallel = threads > 1 && inputs.size() > 1;
        int lanesThreads = predictorThreads != null ? predictorThreads
                : Math.max(1, OrderedParallel.defaultThreads() / Math.max(1, Math.min(threads, inputs.size())));
        try (PredictorWatchdog watchdog = new PredictorWatchdog(STALL_LIMIT, (guard, running) -> stalled(err, guard));
             PredictionsFile perEvent = predictions == null ? null : PredictionsFile.open(predictions, force)) {
            List<ReplayObserver> observers = perEvent == null ? List.of() : List.of(perEvent);
            List<Callable<ReplayReport>> replays = new ArrayList<>();
            for (CompareInputs.Input input : inputs) {
                replays.add(() -> replay(input, registry, specs, from, watchdog, observers, warned, !parallel, lanesThreads,
                        err));
            }
            reports = OrderedParallel.map(replays, threads);
            if (perEvent != null) {
                perEvent.commit();
                err.println("wrote " + predictions + " (" + perEvent.rows() + " scored consumptions)");
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String controlLabel = controlIndex < 0 ? null : reports.getFirst().results().get(controlIndex).label();
        String text = reports.size() == 1 ? switch (format) {
            case table -> CompareReport.table(reports.getFirst());
            case json -> CompareReport.json(reports.getFirst());
            case csv -> CompareReport.csv(reports.getFirst());
        } : switch (format) {
            case table -> MultiTraceOutput.text(reports, names, ReportWriter.ALPHA, controlLabel);
            case json -> MultiTraceOutput.json(reports, names);
            case csv -> MultiTraceOutput.csv(reports, names);
        };
        if (output != null) {
            AtomicFile.write(output, force, w -> w.write(text));
            err.println("wrote " + output);
        } else {
            spec.commandLine().getOut().print(text);
        }
        if (report != null) {
            List<Long> seedList = CompareInputs.seeds(seeds);
            List<Path> files = ReportFolder.write(report, dir -> ReportWriter.write(dir, reports, names,
                    seedList.size() == 1 ? seedList.getFirst() : null,
                    "numabias " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), controlLabel));
            err.println("wrote " + files.getFirst() + ", " + files.get(1).getFileName() + " and " + (files.size() - 2)
                    + " chart(s) to " + report);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * Replays one input (on any thread): the trace is opened, replayed (its predictors' lanes on up to
     * {@code predictorThreads} threads) and closed here.
     */
    private ReplayReport replay(CompareInputs.Input input, PredictorRegistry registry, List<String> specs, ScoreFrom from,
                                PredictorWatchdog watchdog, List<ReplayObserver> observers, AtomicBoolean warned,
                                boolean showProgress, int predictorThreads, PrintWriter err)
            throws IOException {
        try (Dataset.Opened opened = input.open()) {
            TraceSource source = opened.source();
            TraceState.requireWhole(source.header(), input.name(), allowPartial, "--allow-partial");
            Topology topology = source.header().topology();
            if (distances != null) {
                topology = topology.withDistances(DistanceFile.read(distances, topology.nodes()), distances.toString());
                if (!topology.symmetric() && !warned.getAndSet(true)) {
                    err.println("compare: warning: " + distances + ": the distance matrix is not symmetric (distance "
                            + "a->b differs from b->a somewhere); costs use the row of the consumer's node");
                }
            }
            var progress = showProgress ? TerminalProgress.forTerminal(err, format == Format.table && output == null)
                    : ProgressListener.NONE;
            int w = report == null || window > 0 ? window : reportWindow(source);
            ReplayReport replayed = new ReplayEngine(registry).run(source, topology, specs,
                    new ReplayEngine.Options(from, budgetNs, progress, w, observers, watchdog, allowInSample), predictorThreads);
            long events = replayed.summary().events();
            if (replayed.scoreFromIndex() > 0 && replayed.scoreFromIndex() >= events) {
                throw new ParameterException(spec.commandLine(), "--score-from " + scoreFrom + " is at or past the end of "
                        + input.name() + " (" + events + " events): nothing would be scored");
            }
            return replayed;
        }
    }

    /**
     * A window giving about {@link #REPORT_WINDOWS} windows over the trace's consumes (scored or not: a
     * bound, so with --score-from there are fewer): the header's count, else one reading pass.
     */
    static int reportWindow(TraceSource source) {
        Long consumes = source.header().counts().get("consumes");
        if (consumes == null || source.header().provenance().containsKey("incomplete")) {
            long n = 0;
            try (TraceCursor cursor = source.open()) {
                while (cursor.hasNext()) {
                    if (cursor.next() instanceof TraceEvent.Consume) {
                        n++;
                    }
                }
            }
            consumes = n;
        }
        return Math.clamp((consumes + REPORT_WINDOWS - 1) / REPORT_WINDOWS, 1, Integer.MAX_VALUE);
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
