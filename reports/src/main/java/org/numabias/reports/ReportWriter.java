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
import org.numabias.api.Version;
import org.numabias.runtime.replay.Measurement;
import org.numabias.runtime.replay.PredictionMatrix;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;

/**
 * {@code compare --report DIR}: a self-contained report, {@code report.md} and {@code report.html} with
 * PNG charts beside them. For each trace: provenance, the metrics table, bars of the main metrics, the
 * bytes by (producer node, consumer node), and per predictor its bytes by (predicted node, consumer node)
 * from the result's {@link PredictionMatrix}. Over several traces or seeds: per metric the mean and
 * spread, average ranks, the Friedman test, the Nemenyi critical difference and its diagram, and the
 * predictor x trace heatmap. Every chart carries the provenance in its caption.
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
            comparison(doc, dir, files, reports, names, seed, stamp);
        }
        for (int i = 0; i < reports.size(); i++) {
            trace(doc, dir, files, reports.get(i), DatasetInfo.of(names.get(i), reports.get(i)),
                    reports.size() == 1 ? "" : "-" + (i + 1), stamp);
        }
        Path md = dir.resolve("report.md");
        Path html = dir.resolve("report.html");
        Files.writeString(md, doc.markdown());
        Files.writeString(html, doc.html());
        files.addFirst(html);
        files.addFirst(md);
        return files;
    }

    private static void comparison(Document doc, Path dir, List<Path> files, List<ReplayReport> reports,
                                   List<String> names, Long seed, String stamp) throws IOException {
        doc.heading(2, "Over " + reports.size() + " traces: means, ranks and significance");
        doc.paragraph("For each metric: mean, standard deviation, minimum and maximum per predictor; average ranks "
                + "(1 = best; ties share the mean rank); the Friedman test with its Iman-Davenport F variant; the Nemenyi "
                + "critical difference at alpha " + ALPHA + " (Demsar 2006). The oracle is a bound, not a rival: it is "
                + "left out of ranks and tests.");
        List<DatasetInfo> infos = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            infos.add(DatasetInfo.of(names.get(i), reports.get(i)));
        }
        for (ResultMetric metric : DatasetHeatmaps.CHARTED) {
            doc.heading(3, metric.key());
            MultiComparison mc = MultiComparison.of(metric, reports, names, ALPHA);
            doc.pre(mc.text());
            BufferedImage cd = mc.diagram(List.of(stamp));
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

    private static void trace(Document doc, Path dir, List<Path> files, ReplayReport r, DatasetInfo info, String suffix,
                              String stamp) throws IOException {
        doc.heading(2, "Trace " + info.name() + " (" + info.kind() + ")");
        doc.table(provenance(r, info));
        boolean meaningful = Gains.capturedGainMeaningful(r);
        Double achievable = Gains.achievableShare(r);
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("predictor"));
        TABLE.forEach(m -> head.add(m.key()));
        head.addAll(List.of("remoteBytes", "ns/call"));
        rows.add(head.toArray(String[]::new));
        for (PredictorResult p : r.results()) {
            List<String> row = new ArrayList<>(List.of(p.labelWithSampling()));
            for (ResultMetric m : TABLE) {
                Double v = m.value(r, p);
                row.add(!m.meaningful(r) && v != null ? "n/m" : CompareReport.num(v));
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
        doc.paragraph(achievable == null ? "No achievable gain: the report lacks producer-local or oracle, or no bytes."
                : String.format(Locale.ROOT, "Achievable gain (producer-local to oracle): %.3g%% of scored bytes; "
                + "capturedGain is %s here.", 100 * achievable, meaningful ? "meaningful"
                : "not meaningful (n/m), rank by remoteBytesAvoided"));
        List<String> caption = List.of(info.name() + " (" + info.kind() + "), events sha256 " + info.shortDigest()
                + (info.seed() == null ? "" : ", seed " + info.seed()) + ", topology " + info.topologySource() + ".", stamp);
        String bars = "metrics" + suffix + ".png";
        png(MetricBars.chart(r, List.of(ResultMetric.LOCAL_BYTE_RATIO, ResultMetric.REMOTE_BYTES_AVOIDED,
                ResultMetric.CAPTURED_GAIN), caption), dir, bars, files);
        doc.image(bars, "metrics per predictor on " + info.name());
        if (r.window() > 0) {
            doc.heading(3, "Learning curves");
            doc.paragraph("The same metrics over consecutive windows of " + r.window() + " scored consumptions, in trace "
                    + "order (the last window may be shorter): how fast each predictor learns and whether it follows "
                    + "when the workload moves.");
            for (Measurement m : List.of(Measurement.ACCURACY, Measurement.LOCAL_BYTE_RATIO)) {
                String file = "learning-" + m.key() + suffix + ".png";
                png(LearningCurves.chart(m.key(), r.window(), r.results().getFirst().consumptions(),
                        LearningCurves.curves(r, m), caption), dir, file, files);
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
        predictedVsActual(doc, dir, files, r, info, suffix, caption);
    }

    /** Per predictor, its scored bytes by (predicted node, consumer node). */
    private static void predictedVsActual(Document doc, Path dir, List<Path> files, ReplayReport r, DatasetInfo info,
                                          String suffix, List<String> caption) throws IOException {
        doc.heading(3, "Bytes by predicted node and consumer node, per predictor");
        doc.paragraph("Each predictor's scored bytes by the node it predicted (row) and the node that consumed them "
                + "(column): its confusion matrix weighted by bytes. The diagonal is its localByteRatio; the column "
                + "totals are the same for every predictor.");
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < r.results().size(); i++) {
            PredictorResult p = r.results().get(i);
            if (p.nodeMatrix() == null) {
                missing.add(p.label());
                continue;
            }
            String file = "predicted-vs-actual" + suffix + "-" + (i + 1) + ".png";
            png(new NodeMatrix("Bytes by predicted node and consumer node: " + p.label() + " on " + info.name(),
                    "predicted node", "consumer node", p.nodeMatrix().bytes()).chart(caption), dir, file, files);
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
        rows.add(new String[]{"trace", r.trace()});
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

    private static void png(BufferedImage image, Path dir, String file, List<Path> files) throws IOException {
        Captions.writePng(image, dir.resolve(file));
        files.add(dir.resolve(file));
    }
}
