package org.numabias.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.numabias.api.PredictorRegistry;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayJson;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.replay.ScoreFrom;
import org.numabias.tools.catalog.Catalog;
import org.numabias.tools.catalog.Dataset;
import org.numabias.tools.report.Charts;
import org.numabias.tools.report.CompareReport;
import org.numabias.tools.report.Table;
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
        writeResults(reports, names, specs);
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
        out.printf("%nWrote results.json, results.csv, localByteRatio.png and capturedGain.png to %s%n", output);
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
            for (int p = 0; p < results.size(); p++) {
                PredictorResult r = results.get(p);
                row[p + 1] = (p == best ? "*" : "") + short2(r.localByteRatio()) + "/" + short2(r.capturedGain());
            }
            rows.add(row);
        }
        return "cells: localByteRatio/capturedGain; * = best non-oracle localByteRatio in the row\n\n" + Table.render(rows);
    }

    private static String short2(Double d) {
        return d == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f", d);
    }

    private void writeResults(List<ReplayReport> reports, List<String> names, List<String> specs) throws IOException {
        List<Object> json = new ArrayList<>();
        StringBuilder csv = new StringBuilder("dataset,").append(CompareReport.csvHeading()).append('\n');
        Double[][] lbr = new Double[specs.size()][names.size()];
        Double[][] gain = new Double[specs.size()][names.size()];
        for (int d = 0; d < reports.size(); d++) {
            ReplayReport r = reports.get(d);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dataset", names.get(d));
            entry.putAll(ReplayJson.tree(r));
            json.add(entry);
            String dataset = names.get(d);
            CompareReport.csvRows(r).forEach(row -> csv.append(dataset).append(',').append(row).append('\n'));
            for (int p = 0; p < specs.size(); p++) {
                lbr[p][d] = r.results().get(p).localByteRatio();
                gain[p][d] = r.results().get(p).capturedGain();
            }
        }
        Files.writeString(output.resolve("results.json"), ReplayJson.write(json));
        Files.writeString(output.resolve("results.csv"), csv.toString());
        Charts.bars(output.resolve("localByteRatio.png"), "Share of consumed bytes that were local", "localByteRatio",
                names, specs, lbr);
        Charts.bars(output.resolve("capturedGain.png"), "Share of the achievable improvement captured", "capturedGain",
                names, specs, gain);
    }
}
