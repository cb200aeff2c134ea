package org.numabias.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Version;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.replay.ScoreFrom;
import org.numabias.tools.catalog.Catalog;
import org.numabias.tools.catalog.Dataset;
import org.numabias.reports.Captions;
import org.numabias.reports.DatasetHeatmaps;
import org.numabias.reports.Gains;
import org.numabias.reports.MultiComparison;
import org.numabias.reports.MultiTraceOutput;
import org.numabias.reports.ReportWriter;
import org.numabias.reports.ResultMetric;
import org.numabias.reports.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code numabias demo}: every built-in predictor on every catalog dataset, one table, files for more. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Compare every predictor on every catalog dataset: prints one table (cells: localByteRatio / "
                + "capturedGain) and writes results.json, results.csv and PNG charts to an output folder."})
final class DemoCommand implements Callable<Integer> {
    /** Variants worth showing beside the defaults: the scenarios that need them say why. */
    static final List<String> EXTRA_SPECS = List.of("majority:key=flow", "majority:weight=bytes");

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Option(names = {"-o", "--output"}, defaultValue = "numabias-out/demo", paramLabel = "DIR",
            description = "Folder for results.json, results.csv and the charts (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic scenarios (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-p", "--predictor"}, paramLabel = "SPEC",
            description = "Predictors to compare (repeatable). Default: every predictor, plus " + "majority:key=flow and majority:weight=bytes.")
    List<String> predictors = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PredictorRegistry registry = plugins.registry(err);
        List<String> specs = new ArrayList<>(predictors);
        if (specs.isEmpty()) {
            specs.addAll(CompareCommand.defaultSpecs(registry));
            specs.addAll(EXTRA_SPECS);
        }
        long start = System.nanoTime();
        List<ReplayReport> reports = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ReplayEngine engine = new ReplayEngine(registry);
        var console = System.console();
        boolean terminal = console != null && console.isTerminal();
        for (Dataset dataset : Catalog.all()) {
            if (terminal) {
                err.print("\rdemo: replaying " + dataset.name() + "...                ");
                err.flush();
            }
            try (Dataset.Opened opened = dataset.open(seed)) {
                var source = opened.source();
                reports.add(engine.run(source, source.header().topology(), specs,
                        new ReplayEngine.Options(ScoreFrom.START, ReplayEngine.DEFAULT_BUDGET_NS, ProgressListener.NONE)));
                names.add(dataset.name());
            }
        }
        if (terminal) {
            err.print("\r" + " ".repeat(60) + "\r");
            err.flush();
        }
        Files.createDirectories(output);
        writeResults(reports, names);
        List<String> charts = new ArrayList<>(DatasetHeatmaps.writeAll(output, reports, names, seed));
        MultiComparison ranks = MultiComparison.of(ResultMetric.LOCAL_BYTE_RATIO, reports, names, ReportWriter.ALPHA);
        var cd = ranks.diagram(List.of("numabias demo, seed " + seed + "; numabias " + Version.FRAMEWORK + "."));
        if (cd != null) {
            Captions.writePng(cd, output.resolve("cd-localByteRatio.png"));
            charts.add("cd-localByteRatio.png");
        }
        out.print(table(reports, names, specs));
        List<String> projected = new ArrayList<>();
        for (int d = 0; d < reports.size(); d++) {
            if (reports.get(d).topology().projected()) {
                projected.add(names.get(d) + " (" + reports.get(d).topology().source() + ")");
            }
        }
        if (!projected.isEmpty()) {
            out.printf("%nProjected topologies (a model of a multi-node machine, not the recording hardware): %s%n",
                    String.join(", ", projected));
        }
        out.printf("%n%s%n", ranks.summary());
        out.printf("%nWrote results.json, results.csv, %s to %s%n", String.join(", ", charts), output);
        out.printf("(%d datasets x %d predictors in %.1f s; seed %d; synthetic scenarios are models, not measurements)%n",
                names.size(), specs.size(), (System.nanoTime() - start) / 1e9, seed);
        out.flush();
        return 0;
    }

    private static String table(List<ReplayReport> reports, List<String> names, List<String> specs) {
        List<String[]> rows = new ArrayList<>();
        String[] head = new String[specs.size() + 1];
        head[0] = "dataset";
        for (int p = 0; p < specs.size(); p++) {
            head[p + 1] = specs.get(p);
        }
        rows.add(head);
        for (int d = 0; d < reports.size(); d++) {
            List<PredictorResult> results = reports.get(d).results();
            int best = -1;
            for (int p = 0; p < results.size(); p++) {
                Double v = results.get(p).localByteRatio();
                if (!results.get(p).predictor().equals("oracle") && v != null
                        && (best < 0 || v > results.get(best).localByteRatio())) {
                    best = p;
                }
            }
            String[] row = new String[specs.size() + 1];
            row[0] = names.get(d);
            boolean gainMeaningful = Gains.capturedGainMeaningful(reports.get(d));
            for (int p = 0; p < results.size(); p++) {
                PredictorResult r = results.get(p);
                row[p + 1] = (p == best ? "*" : "") + short2(r.localByteRatio()) + "/"
                        + (gainMeaningful ? short2(r.capturedGain()) : "n/m");
            }
            rows.add(row);
        }
        return "cells: localByteRatio/capturedGain; * = best non-oracle localByteRatio in the row; n/m = capturedGain not "
                + "meaningful (achievable gain below 1% of bytes)\n\n" + Table.render(rows);
    }

    private static String short2(Double d) {
        return d == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f", d);
    }

    private void writeResults(List<ReplayReport> reports, List<String> names) throws IOException {
        Files.writeString(output.resolve("results.json"), MultiTraceOutput.json(reports, names));
        Files.writeString(output.resolve("results.csv"), MultiTraceOutput.csv(reports, names));
    }
}
