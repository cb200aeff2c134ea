package org.numabias.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.numabias.api.Version;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;

/**
 * Predictor x dataset heatmaps of one metric over many replays (the demo's charts): one row per
 * dataset, synthetic ones first, each labelled with its kind; one column per predictor; every value
 * printed; the best non-oracle predictor of each row framed; capturedGain shown as "n/m" where it is
 * not meaningful; a trained predictor's cells marked with their sampling on that dataset (held-out,
 * in-sample, transfer: {@link Samplings}); a caption with the seed, the datasets' digests and the framework version.
 */
public final class DatasetHeatmaps {
    private DatasetHeatmaps() {
    }

    /**
     * The chart of {@code metric}.
     *
     * @param reports  one replay per dataset, each with the same predictors in the same order
     * @param datasets what to say about each replay, in the same order
     * @param seed     the seed of the synthetic datasets, or null
     */
    public static java.awt.image.BufferedImage chart(ResultMetric metric, List<ReplayReport> reports,
                                                     List<DatasetInfo> datasets, Long seed) {
        if (reports.isEmpty() || reports.size() != datasets.size()) {
            throw new IllegalArgumentException(reports.size() + " reports for " + datasets.size() + " datasets");
        }
        List<Integer> order = IntStream.range(0, reports.size()).boxed()
                .sorted(Comparator.comparing((Integer d) -> !datasets.get(d).synthetic())
                        .thenComparing(d -> datasets.get(d).projected()))
                .toList();
        List<PredictorResult> first = reports.getFirst().results();
        List<String> columns = first.stream().map(PredictorResult::label).toList();
        List<String> notes = first.stream().map(p -> switch (p.predictor()) {
            case Gains.ORACLE -> "bound";
            case Gains.PRODUCER_LOCAL -> "default";
            default -> "";
        }).toList();
        int rows = order.size();
        Double[][] values = new Double[rows][columns.size()];
        boolean[][] muted = new boolean[rows][columns.size()];
        boolean[][] framed = new boolean[rows][columns.size()];
        String[][] marks = new String[rows][columns.size()];
        String format = metric == ResultMetric.REMOTE_BYTES_AVOIDED ? "%+.3f" : "%.2f";
        List<String> rowLabels = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        double extreme = 0;
        for (int r = 0; r < rows; r++) {
            ReplayReport report = reports.get(order.get(r));
            DatasetInfo info = datasets.get(order.get(r));
            rowLabels.add(info.name());
            kinds.add(info.kind());
            if (report.results().size() != columns.size()) {
                throw new IllegalArgumentException(info.name() + ": " + report.results().size() + " results, expected "
                        + columns.size());
            }
            boolean meaningful = metric.meaningful(report);
            boolean[] rivals = new boolean[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                PredictorResult p = report.results().get(c);
                values[r][c] = metric.value(report, p);
                marks[r][c] = Samplings.mark(p);
                muted[r][c] = !meaningful;
                rivals[c] = meaningful && !p.predictor().equals(Gains.ORACLE);
                if (values[r][c] != null && meaningful) {
                    extreme = Math.max(extreme, Math.abs(values[r][c]));
                }
            }
            framed[r] = best(values[r], rivals, metric.higherIsBetter(), format);
        }
        ColourScale scale = switch (metric) {
            case LOCAL_BYTE_RATIO, ACCURACY -> ColourScale.sequential(0, 1);
            case CAPTURED_GAIN -> ColourScale.diverging(1);
            case REMOTE_BYTES_AVOIDED -> ColourScale.diverging(niceLimit(extreme));
            case REGRET -> ColourScale.sequential(0, Math.max(niceLimit(extreme), 0.1));
        };
        Heatmap heatmap = new Heatmap(metric.key() + " per predictor and dataset", metric.meaning(), rowLabels, kinds,
                columns, notes, values, muted, format, scale, framed, metric.key(), marks);
        List<String> lines = caption(metric, order.stream().map(datasets::get).toList(), seed);
        String sampling = Samplings.legend(Samplings.used(reports));
        if (sampling != null) {
            lines.add(1, sampling);
        }
        return Captions.below(heatmap.render(), lines);
    }

    /** The metrics {@link #writeAll} charts, in order. */
    public static final List<ResultMetric> CHARTED = List.of(ResultMetric.LOCAL_BYTE_RATIO,
            ResultMetric.REMOTE_BYTES_AVOIDED, ResultMetric.CAPTURED_GAIN);

    /**
     * Writes {@code METRIC.png} into {@code dir} for every metric of {@link #CHARTED}.
     *
     * @param names the dataset name of each report
     * @return the file names written
     */
    public static List<String> writeAll(Path dir, List<ReplayReport> reports, List<String> names, Long seed)
            throws IOException {
        List<DatasetInfo> datasets = IntStream.range(0, reports.size())
                .mapToObj(d -> DatasetInfo.of(names.get(d), reports.get(d))).toList();
        List<String> files = new ArrayList<>();
        for (ResultMetric metric : CHARTED) {
            String file = metric.key() + ".png";
            Captions.writePng(chart(metric, reports, datasets, seed), dir.resolve(file));
            files.add(file);
        }
        return files;
    }

    /**
     * The cells to frame in one row: among the rivals with a value, the best one and every one that
     * prints the same (ties at the printed precision).
     */
    static boolean[] best(Double[] row, boolean[] rivals, boolean higherIsBetter, String format) {
        Double best = null;
        for (int c = 0; c < row.length; c++) {
            if (rivals[c] && row[c] != null && (best == null || (higherIsBetter ? row[c] > best : row[c] < best))) {
                best = row[c];
            }
        }
        boolean[] framed = new boolean[row.length];
        for (int c = 0; c < row.length && best != null; c++) {
            framed[c] = rivals[c] && row[c] != null
                    && String.format(Locale.ROOT, format, row[c]).equals(String.format(Locale.ROOT, format, best));
        }
        return framed;
    }

    /** The smallest of 0.05, 0.1, 0.25, 0.5, 1 at least {@code x} (1 beyond). */
    static double niceLimit(double x) {
        for (double limit : new double[]{0.05, 0.1, 0.25, 0.5, 1}) {
            if (x <= limit) {
                return limit;
            }
        }
        return Math.ceil(x);
    }

    /** The caption lines: how to read the chart, seed, digests and version. */
    static List<String> caption(ResultMetric metric, List<DatasetInfo> datasets, Long seed) {
        List<String> lines = new ArrayList<>();
        lines.add("Framed bold: the best predictor(s) of the row, ties at the printed precision included, other than the "
                + "oracle (a bound that sees the future). '-' = undefined (zero denominator).");
        if (metric == ResultMetric.CAPTURED_GAIN) {
            lines.add(String.format(Locale.ROOT, "n/m = not meaningful: producer-local is within %.0f%% of scored bytes of "
                    + "the oracle, so the denominator is tiny and the ratio explodes; compare remoteBytesAvoided there. "
                    + "Colours saturate beyond -1 and 1.", Gains.MEANINGFUL_SHARE * 100));
        }
        Map<String, Long> origins = new TreeMap<>();
        datasets.forEach(d -> origins.merge(d.origin(), 1L, Long::sum));
        long projected = datasets.stream().filter(DatasetInfo::projected).count();
        List<String> counts = new ArrayList<>();
        origins.forEach((origin, n) -> counts.add(n + " " + origin + (origin.equals(DatasetInfo.GENERATED)
                ? " (models from scenario generators" + (seed == null ? "" : ", seed " + seed) + ", not measurements)" : "")));
        lines.add("Rows: " + String.join(", ", counts) + (projected == 0 ? "" : "; 'projected': replayed on a modelled "
                + "multi-node topology, not the recording hardware's") + ".");
        StringBuilder digests = new StringBuilder("Events sha256: ");
        for (int i = 0; i < datasets.size(); i++) {
            digests.append(i == 0 ? "" : ", ").append(datasets.get(i).name()).append(' ').append(datasets.get(i).shortDigest());
        }
        lines.add(digests.append('.').toString());
        lines.add("numabias " + Version.FRAMEWORK + ", replay with delayed progressive validation (DESIGN.md).");
        return lines;
    }
}
