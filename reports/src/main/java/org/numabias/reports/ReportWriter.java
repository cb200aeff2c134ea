package org.numabias.reports;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.numabias.api.TrainingProvenance;
import org.numabias.api.Version;
import org.numabias.runtime.replay.Interval;
import org.numabias.runtime.replay.Measurement;
import org.numabias.runtime.replay.PredictionMatrix;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.replay.TrainedOn;

/**
 * {@code compare --report DIR}: {@code report.md} with PNG charts beside it, and {@code report.html}, the
 * same page self-contained (charts embedded). The command that made it is stated once, at the top. For
 * each trace: provenance (its origin read from the trace header, {@link DatasetInfo}), the metrics
 * table with 95% intervals, the main metrics as dots with interval whiskers, the bytes by (producer node,
 * consumer node), and per predictor its bytes by (predicted node, consumer node) from the result's
 * {@link PredictionMatrix}, all on one colour scale per page. Over several traces or seeds, on
 * independent blocks ({@link MultiComparison}): per metric the mean with its 95% interval over the
 * blocks (table and chart), average ranks, the Friedman test, the Nemenyi critical difference and its
 * diagram, with a control the Wilcoxon tests with Holm's correction, and the predictor x trace heatmap.
 * Every chart names its trace and digest in its caption. {@code ns/call} appears only with its caveat
 * and ranks nothing.
 *
 * <p>Learning curves ({@link LearningCurves}) are drawn when the replay measured windows. A result
 * without a node matrix (over {@link PredictionMatrix#MAX_NODES} nodes) is named instead of drawn.
 */
public final class ReportWriter {
    /** The significance level of the critical differences. */
    public static final double ALPHA = 0.05;
    static final List<ResultMetric> TABLE = List.of(ResultMetric.LOCAL_BYTE_RATIO, ResultMetric.REMOTE_BYTES_AVOIDED,
            ResultMetric.CAPTURED_GAIN, ResultMetric.ACCURACY, ResultMetric.REGRET);

    private ReportWriter() {
    }

    /**
     * Writes the report into {@code dir} (created if missing; files of an earlier report are replaced).
     *
     * @param reports one replay per trace (or seed), each with the same predictors in the same order
     * @param names   the name of each
     * @param seed    the seed of synthetic traces, or null
     * @param command the command line that made the report, for the provenance
     * @return the files written, the report pages first
     */
    public static List<Path> write(Path dir, List<ReplayReport> reports, List<String> names, Long seed, String command)
            throws IOException {
        return write(dir, reports, names, seed, command, null);
    }

    /**
     * As {@link #write(Path, List, List, Long, String)}, with the Wilcoxon tests against {@code control}
     * (a predictor label or name; null for none) over several traces.
     */
    public static List<Path> write(Path dir, List<ReplayReport> reports, List<String> names, Long seed, String command,
                                   String control) throws IOException {
        if (reports.isEmpty() || reports.size() != names.size()) {
            throw new IllegalArgumentException(reports.size() + " replays for " + names.size() + " names");
        }
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        String stamp = "numabias " + Version.FRAMEWORK + ", " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + ", command: " + command;
        Document doc = new Document(reports.size() == 1 ? "numabias compare: " + names.getFirst()
                : "numabias compare: " + reports.size() + " traces");
        doc.paragraph("Made by " + stamp + ". Metrics as defined in DESIGN.md (replay with delayed progressive "
                + "validation). remoteBytesAvoided = (remoteBytes(producer-local) - remoteBytes(P)) / bytes. capturedGain "
                + "is shown as n/m (not meaningful) where the achievable gain, remoteBytes(producer-local) - "
                + "remoteBytes(oracle), is below " + (int) (Gains.MEANINGFUL_SHARE * 100) + "% of the scored bytes.");
        if (reports.size() > 1) {
            comparison(doc, dir, files, reports, names, seed, control);
        }
        double matrixScale = 0; // one colour scale for every predicted-vs-actual matrix of the page
        for (ReplayReport r : reports) {
            for (PredictorResult p : r.results()) {
                if (p.nodeMatrix() != null) {
                    matrixScale = Math.max(matrixScale, new NodeMatrix("", "", "", p.nodeMatrix().bytes()).maxShare());
                }
            }
        }
        for (int i = 0; i < reports.size(); i++) {
            trace(doc, dir, files, reports.get(i), DatasetInfo.of(names.get(i), reports.get(i)),
                    reports.size() == 1 ? "" : "-" + (i + 1), matrixScale);
        }
        Path md = dir.resolve("report.md");
        Path html = dir.resolve("report.html");
        Files.writeString(md, doc.markdown());
        Files.writeString(html, doc.html(dir));
        files.addFirst(html);
        files.addFirst(md);
        return files;
    }

    private static void comparison(Document doc, Path dir, List<Path> files, List<ReplayReport> reports,
                                   List<String> names, Long seed, String control) throws IOException {
        doc.heading(2, "Over " + reports.size() + " traces: means, ranks and significance");
        doc.paragraph("The tests count independent blocks: the seeds of one scenario share its generator and "
                + "parameters, so they form one block valued by their mean; any other trace is a block of its own. For "
                + "each metric: the mean over the blocks with its 95% t-interval, standard deviation, minimum and maximum "
                + "per predictor; average ranks (1 = best; ties share the mean rank); the Friedman test with its "
                + "Iman-Davenport F variant; the Nemenyi critical difference at alpha " + ALPHA + " (Demsar 2006)"
                + (control == null ? "" : "; the Wilcoxon signed-rank test of each predictor against " + control
                + ", with Holm's correction and effect sizes (Benavoli et al. 2016)") + ". The oracle is a bound, not a "
                + "rival: it is left out of ranks and tests.");
        List<DatasetInfo> infos = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            infos.add(DatasetInfo.of(names.get(i), reports.get(i)));
        }
        List<MultiComparison> comparisons = new ArrayList<>();
        for (ResultMetric metric : DatasetHeatmaps.CHARTED) {
            comparisons.add(MultiComparison.of(metric, reports, names, ALPHA, control));
        }
        String sampling = Samplings.acrossTracesLegend(reports);
        List<String> samplingLines = sampling == null ? List.of() : List.of(sampling);
        if (sampling != null) {
            doc.paragraph(sampling);
        }
        String means = "means.png";
        png(meansChart(comparisons, samplingLines), dir, means, files);
        doc.image(means, "mean of each metric over the blocks with its 95% interval");
        for (MultiComparison mc : comparisons) {
            ResultMetric metric = mc.metric();
            doc.heading(3, metric.key());
            doc.pre(mc.text());
            BufferedImage cd = mc.diagram(samplingLines);
            if (cd != null) {
                String file = "cd-" + metric.key() + ".png";
                png(cd, dir, file, files);
                doc.image(file, "critical-difference diagram of " + metric.key());
            }
            String file = "heatmap-" + metric.key() + ".png";
            png(DatasetHeatmaps.chart(metric, reports, infos, seed), dir, file, files);
            doc.image(file, metric.key() + " per predictor and trace");
        }
    }

    /** Per predictor, each charted metric's mean over the blocks with its 95% t-interval. */
    private static BufferedImage meansChart(List<MultiComparison> comparisons, List<String> more) {
        List<IntervalChart.Series> series = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (MultiComparison mc : comparisons) {
            double[][] interval = mc.meanInterval();
            series.add(new IntervalChart.Series(mc.metric().key() + " (" + mc.blocks().size() + " blocks)", mc.mean(),
                    interval[0], interval[1]));
        }
        MultiComparison first = comparisons.getFirst();
        lines.add("Dots: the mean over the blocks; whiskers: its 95% t-interval (mean -/+ t(0.975, N-1) sd / sqrt(N)). "
                + first.blockStatement() + ": " + String.join(", ", first.blocks()) + ". A metric may have fewer blocks "
                + "where it is not meaningful or undefined (see its section).");
        double[] axis = IntervalChart.ratioAxis(series);
        IntervalChart chart = new IntervalChart("Means over the blocks", "share of bytes", first.predictors(), series,
                axis[0], axis[1]);
        if (chart.cut()) {
            lines.add("Whiskers beyond the axis are cut at its ends (few blocks give wide intervals); the tables have "
                    + "the bounds.");
        }
        lines.addAll(more);
        return Captions.below(chart.render(), lines);
    }

    private static void trace(Document doc, Path dir, List<Path> files, ReplayReport r, DatasetInfo info, String suffix,
                              double matrixScale) throws IOException {
        doc.heading(2, "Trace " + info.name() + " (" + info.kind() + ")");
        doc.table(provenance(r, info));
        boolean meaningful = Gains.capturedGainMeaningful(r);
        Double achievable = Gains.achievableShare(r);
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("predictor"));
        TABLE.forEach(m -> head.add(m.key() + " [95% interval]"));
        head.addAll(List.of("remoteBytes", "ns/call (see below)"));
        rows.add(head.toArray(String[]::new));
        for (PredictorResult p : r.results()) {
            List<String> row = new ArrayList<>(List.of(p.labelWithSampling()));
            for (ResultMetric m : TABLE) {
                Double v = m.value(r, p);
                Interval interval = m.interval(p);
                row.add(!m.meaningful(r) && v != null ? "n/m" : CompareReport.num(v) + (interval == null || v == null ? ""
                        : String.format(Locale.ROOT, " [%.4f, %.4f]", interval.lower(), interval.upper())));
            }
            row.add(Long.toString(p.remoteBytes()));
            row.add(String.format(Locale.ROOT, "%.0f", p.nsPerCall()));
            rows.add(row.toArray(String[]::new));
        }
        doc.table(rows);
        List<String> trained = CompareReport.trainingNotes(r);
        if (!trained.isEmpty()) {
            doc.paragraph("Trained predictors (held-out: scored only after the events they were fitted on; in-sample: "
                    + "scored on some of them, asked for with --allow-in-sample; transfer: fitted on another trace): "
                    + String.join("; ", trained) + ".");
        }
        doc.paragraph("Intervals: 95%, moving-block bootstrap over windows of consecutive scored consumptions "
                + "(DESIGN.md, \"Uncertainty\"); none on a trace too short to resample. " + CompareReport.NS_CAVEAT);
        doc.paragraph(achievable == null ? "No achievable gain: the report lacks producer-local or oracle, or no bytes."
                : String.format(Locale.ROOT, "Achievable gain (producer-local to oracle): %.3g%% of scored bytes; "
                + "capturedGain is %s here.", 100 * achievable, meaningful ? "meaningful"
                : "not meaningful (n/m), rank by remoteBytesAvoided"));
        List<String> caption = List.of(info.name() + " (" + info.kind() + "), events sha256 " + info.shortDigest()
                + (info.seed() == null ? "" : ", seed " + info.seed()) + ", topology " + info.topologySource() + ", numabias "
                + Version.FRAMEWORK + ".");
        String bars = "metrics" + suffix + ".png";
        png(MetricBars.chart(r, info.name(), List.of(ResultMetric.LOCAL_BYTE_RATIO, ResultMetric.REMOTE_BYTES_AVOIDED,
                ResultMetric.CAPTURED_GAIN), caption), dir, bars, files);
        doc.image(bars, "metrics per predictor on " + info.name());
        if (r.window() > 0) {
            doc.heading(3, "Learning curves");
            doc.paragraph("The same metrics over consecutive windows of " + r.window() + " scored consumptions, in trace "
                    + "order (the last window may be shorter): how fast each predictor learns and whether it follows "
                    + "when the workload moves. Scoring starts at event " + r.scoreFromIndex() + " (--score-from "
                    + r.scoreFrom() + "), the left end of the x axis. Each caption gives every predictor's spread over "
                    + "the windows.");
            List<String> cuts = trainingCuts(r);
            if (!cuts.isEmpty()) {
                doc.paragraph(String.join(" ", cuts));
            }
            List<String> curveCaption = new ArrayList<>(cuts);
            curveCaption.addAll(caption);
            for (Measurement m : List.of(Measurement.ACCURACY, Measurement.LOCAL_BYTE_RATIO)) {
                String file = "learning-" + m.key() + suffix + ".png";
                png(LearningCurves.chart(m.key(), r.window(), r.results().getFirst().consumptions(), r.scoreFromIndex(),
                        LearningCurves.curves(r, m), trainingCutLines(r), curveCaption), dir, file, files);
                doc.image(file, "learning curve of " + m.key() + " on " + info.name());
            }
        }
        doc.heading(3, "Bytes by producer node and consumer node");
        doc.paragraph("Where the trace's consumed bytes went, whatever the predictor: the diagonal is what producer-local "
                + "already gets; the rest is what a predictor can win.");
        String pairs = "node-pairs" + suffix + ".png";
        png(new NodeMatrix("Consumed bytes by producer node and consumer node: " + info.name(), "producer node",
                "consumer node", r.summary().bytesByNodePair()).chart(caption), dir, pairs, files);
        doc.image(pairs, "bytes by producer and consumer node");
        predictedVsActual(doc, dir, files, r, info, suffix, caption, matrixScale);
    }

    /** Per predictor, its scored bytes by (predicted node, consumer node). */
    private static void predictedVsActual(Document doc, Path dir, List<Path> files, ReplayReport r, DatasetInfo info,
                                          String suffix, List<String> caption, double scale) throws IOException {
        doc.heading(3, "Bytes by predicted node and consumer node, per predictor");
        doc.paragraph("Each predictor's scored bytes by the node it predicted (row) and the node that consumed them "
                + "(column): its confusion matrix weighted by bytes. The diagonal is its localByteRatio; the column "
                + "totals are the same for every predictor. Every matrix of this page shares one colour scale, from 0 "
                + "to " + String.format(Locale.ROOT, "%.1f", scale) + "% of bytes, so colours compare across them.");
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < r.results().size(); i++) {
            PredictorResult p = r.results().get(i);
            if (p.nodeMatrix() == null) {
                missing.add(p.label());
                continue;
            }
            String file = "predicted-vs-actual" + suffix + "-" + (i + 1) + ".png";
            png(new NodeMatrix("Bytes by predicted node and consumer node: " + p.label() + " on " + info.name(),
                    "predicted node", "consumer node", p.nodeMatrix().bytes()).chart(caption, scale), dir, file, files);
            doc.image(file, "bytes by predicted and consumer node of " + p.label());
        }
        if (!missing.isEmpty()) {
            doc.paragraph("No matrix for " + String.join(", ", missing) + ": the replay keeps it only up to "
                    + PredictionMatrix.MAX_NODES + " nodes.");
        }
    }

    /** The provenance of one replay as key/value rows. */
    static List<String[]> provenance(ReplayReport r, DatasetInfo info) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"provenance", "value"});
        rows.add(new String[]{"trace", r.trace() + (temporary(r.trace()) ? " (a temporary copy, deleted after the run)"
                : "")});
        rows.add(new String[]{"kind", info.kind()});
        rows.add(new String[]{"events sha256", r.summary().eventsSha256()});
        rows.add(new String[]{"events", r.summary().events() + " (allocs " + r.summary().allocs() + ", consumes "
                + r.summary().consumes() + ", frees " + r.summary().frees() + ")"});
        rows.add(new String[]{"topology", r.topology().nodes() + " node(s), from " + r.topology().source()
                + (r.topology().projected() ? ", projected (a model, not the recording hardware)" : "")});
        rows.add(new String[]{"scored from", "event " + r.scoreFromIndex() + " (--score-from " + r.scoreFrom() + ")"});
        rows.add(new String[]{"framework", r.frameworkVersion()});
        for (Map.Entry<String, String> e : r.header().provenance().entrySet()) {
            rows.add(new String[]{"header: " + e.getKey(), e.getValue()});
        }
        return rows;
    }

    /**
     * The training cut of each predictor trained offline, against the learning curves' x axis (which
     * starts at the score-from cut): held-out, its fitted range ends at or before that start.
     */
    static List<String> trainingCuts(ReplayReport r) {
        List<String> cuts = new ArrayList<>();
        for (PredictorResult p : r.results()) {
            TrainedOn t = p.trainedOn();
            if (t == null) {
                continue;
            }
            TrainingProvenance tp = t.provenance();
            String where = switch (t.sampling()) {
                case HELD_OUT -> "before the left end of the x axis (event " + r.scoreFromIndex() + ")";
                case IN_SAMPLE -> "overlapping the scored events: its windows up to event " + (tp.untilEvent() - 1)
                        + " are in-sample";
                case TRANSFER -> "on another trace (" + tp.trace() + "): no cut on this one";
                case PENDING -> "not known yet (a result taken before the end of the trace)";
            };
            cuts.add("Training cut: " + p.labelWithSampling() + " was fitted on events " + tp.fromEvent() + ".."
                    + (tp.untilEvent() - 1) + ", " + where + ".");
        }
        return cuts;
    }

    /**
     * The training cuts the learning curves draw, at the scored consumptions before each cut
     * ({@link TrainedOn#scoredBeforeCut()}): a held-out predictor's at the x axis' start (its fitted events end
     * at or before the score-from cut), an in-sample one's inside the axis where its in-sample scoring ends.
     * A transfer has no cut on this trace, and an in-sample result without the count (read from an older
     * JSON) none to draw: those are stated in the caption only ({@link #trainingCuts}).
     */
    static List<LearningCurves.TrainingCut> trainingCutLines(ReplayReport r) {
        List<LearningCurves.TrainingCut> lines = new ArrayList<>();
        for (PredictorResult p : r.results()) {
            TrainedOn t = p.trainedOn();
            if (t == null) {
                continue;
            }
            String label = "training cut of " + p.label() + ": event " + t.provenance().untilEvent();
            if (t.sampling() == TrainedOn.Sampling.HELD_OUT) {
                lines.add(new LearningCurves.TrainingCut(label + " (at or before the start)", 0));
            } else if (t.sampling() == TrainedOn.Sampling.IN_SAMPLE && t.scoredBeforeCut() >= 0) {
                lines.add(new LearningCurves.TrainingCut(label + " (in-sample before it)", t.scoredBeforeCut()));
            }
        }
        return lines;
    }

    /** Whether {@code trace} names an absolute path that no longer exists (a catalog recording's temporary import). */
    private static boolean temporary(String trace) {
        try {
            Path path = Path.of(trace);
            return path.isAbsolute() && !Files.exists(path);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static void png(BufferedImage image, Path dir, String file, List<Path> files) throws IOException {
        Captions.writePng(image, dir.resolve(file));
        files.add(dir.resolve(file));
    }
}
