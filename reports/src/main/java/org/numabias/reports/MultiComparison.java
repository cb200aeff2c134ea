package org.numabias.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.reports.stats.Friedman;
import org.numabias.reports.stats.Nemenyi;

/**
 * One metric over many traces or seeds (blocks), as MOA's experimenter and Demsar (2006) compare
 * classifiers: per predictor the mean, standard deviation, minimum and maximum; average ranks; the
 * Friedman test; the Nemenyi critical difference.
 *
 * <p>The oracle is left out of ranks and tests (it sees the future, it is a bound, not a rival). A
 * block where the metric is undefined or not meaningful for some predictor (e.g. capturedGain where the
 * achievable gain is below 1% of bytes) is left out of everything and listed in {@link #dropped}.
 *
 * @param metric     the metric
 * @param predictors predictor labels, in column order
 * @param blocks     names of the blocks used
 * @param dropped    names of the blocks left out, each with the reason
 * @param values     values[block][predictor]
 * @param alpha      the significance level of the critical difference
 * @param friedman   the test, or null with fewer than 2 blocks or 2 predictors
 * @param cd         the Nemenyi critical difference of average ranks, NaN without a test
 */
public record MultiComparison(ResultMetric metric, List<String> predictors, List<String> blocks, List<String> dropped,
                              double[][] values, double alpha, Friedman friedman, double cd) {
    /**
     * Compares the predictors of {@code reports} (one per block, the same predictors in the same order).
     *
     * @param names the block names, in the order of the reports
     */
    public static MultiComparison of(ResultMetric metric, List<ReplayReport> reports, List<String> names, double alpha) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: no traces");
        }
        List<PredictorResult> first = reports.getFirst().results();
        List<Integer> columns = new ArrayList<>();
        List<String> predictors = new ArrayList<>();
        for (int c = 0; c < first.size(); c++) {
            if (!first.get(c).predictor().equals(Gains.ORACLE)) {
                columns.add(c);
                predictors.add(first.get(c).label());
            }
        }
        List<String> blocks = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (int b = 0; b < reports.size(); b++) {
            ReplayReport report = reports.get(b);
            List<String> labels = report.results().stream().map(PredictorResult::label).toList();
            if (!labels.equals(first.stream().map(PredictorResult::label).toList())) {
                throw new IllegalArgumentException(names.get(b) + ": predictors " + labels + " differ from "
                        + names.getFirst() + "'s");
            }
            if (!metric.meaningful(report)) {
                dropped.add(names.get(b) + " (" + metric.key() + " not meaningful: achievable gain below "
                        + (int) (Gains.MEANINGFUL_SHARE * 100) + "% of bytes)");
                continue;
            }
            double[] row = new double[columns.size()];
            String undefined = null;
            for (int i = 0; i < columns.size(); i++) {
                Double v = metric.value(report, report.results().get(columns.get(i)));
                if (v == null) {
                    undefined = predictors.get(i);
                    break;
                }
                row[i] = v;
            }
            if (undefined != null) {
                dropped.add(names.get(b) + " (" + metric.key() + " undefined for " + undefined + ")");
                continue;
            }
            blocks.add(names.get(b));
            rows.add(row);
        }
        double[][] values = rows.toArray(double[][]::new);
        Friedman friedman = null;
        double cd = Double.NaN;
        if (values.length >= 2 && predictors.size() >= 2) {
            friedman = Friedman.test(values, metric.higherIsBetter());
            cd = Nemenyi.criticalDifference(predictors.size(), values.length, alpha);
        }
        return new MultiComparison(metric, predictors, blocks, dropped, values, alpha, friedman, cd);
    }

    /**
     * The critical-difference diagram with the tests and the traces in its caption, then {@code more}
     * lines; null when there is no (defined) test.
     */
    public java.awt.image.BufferedImage diagram(List<String> more) {
        if (friedman == null || !friedman.defined()) {
            return null;
        }
        java.awt.image.BufferedImage cdImage = new CdDiagram("Critical difference, " + metric.key() + " (" + blocks.size()
                + " traces, alpha " + alpha + ")", predictors, friedman.averageRanks(), cd).render();
        List<String> caption = new ArrayList<>(List.of(tests().split("\n")));
        caption.add("Predictors joined by a thick bar are not significantly different (Nemenyi). Traces: "
                + String.join(", ", blocks) + (dropped.isEmpty() ? "." : "; left out: " + String.join(", ", dropped) + "."));
        caption.addAll(more);
        return Captions.below(cdImage, caption);
    }

    /** One line: the best average rank, the Friedman p-value and the critical difference, or why there is no test. */
    public String summary() {
        if (friedman == null || !friedman.defined()) {
            return metric.key() + ": " + tests();
        }
        double[] ranks = friedman.averageRanks();
        int best = order(ranks, mean())[0];
        return String.format(Locale.ROOT, "%s over %d traces: best average rank %s (%.2f); Friedman p = %.3g, "
                + "Iman-Davenport p = %.3g; Nemenyi CD = %.2f at alpha %.2f", metric.key(), blocks.size(),
                predictors.get(best), ranks[best], friedman.pValue(), friedman.fPValue(), cd, alpha);
    }

    /** The mean of each predictor over the blocks (NaN without blocks). */
    public double[] mean() {
        double[] mean = new double[predictors.size()];
        for (int p = 0; p < mean.length; p++) {
            mean[p] = column(p).average().orElse(Double.NaN);
        }
        return mean;
    }

    /** The sample standard deviation of each predictor over the blocks (NaN with fewer than 2). */
    public double[] sd() {
        double[] mean = mean();
        double[] sd = new double[predictors.size()];
        for (int p = 0; p < sd.length; p++) {
            double m = mean[p];
            double squares = column(p).map(v -> (v - m) * (v - m)).sum();
            sd[p] = values.length < 2 ? Double.NaN : Math.sqrt(squares / (values.length - 1));
        }
        return sd;
    }

    /** The smallest value of each predictor (NaN without blocks). */
    public double[] min() {
        return range(true);
    }

    /** The largest value of each predictor (NaN without blocks). */
    public double[] max() {
        return range(false);
    }

    private double[] range(boolean lowest) {
        double[] out = new double[predictors.size()];
        for (int p = 0; p < out.length; p++) {
            var stream = column(p);
            out[p] = (lowest ? stream.min() : stream.max()).orElse(Double.NaN);
        }
        return out;
    }

    private java.util.stream.DoubleStream column(int p) {
        return Arrays.stream(values).mapToDouble(row -> row[p]);
    }

    /** A table for people: one row per predictor, best average rank first, then the tests. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(metric.key()).append(": ").append(metric.meaning()).append('\n');
        sb.append(blocks.size()).append(" trace(s) compared");
        if (!dropped.isEmpty()) {
            sb.append("; left out: ").append(String.join(", ", dropped));
        }
        sb.append("\n\n");
        double[] mean = mean();
        double[] sd = sd();
        double[] min = min();
        double[] max = max();
        double[] ranks = friedman == null ? null : friedman.averageRanks();
        Integer[] order = order(ranks, mean);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"predictor", "mean", "sd", "min", "max", "avg rank"});
        for (int p : order) {
            rows.add(new String[]{predictors.get(p), f4(mean[p]), f4(sd[p]), f4(min[p]), f4(max[p]),
                    ranks == null ? "-" : String.format(Locale.ROOT, "%.3f", ranks[p])});
        }
        sb.append(Table.render(rows)).append('\n').append(tests()).append('\n');
        return sb.toString();
    }

    /** The Friedman and Nemenyi lines, or why there are none. */
    public String tests() {
        if (friedman == null) {
            return "No significance test: it needs at least 2 traces (or seeds) and 2 predictors; have "
                    + blocks.size() + " and " + predictors.size() + ".";
        }
        if (!friedman.defined()) {
            return "Friedman test undefined: every trace ties every predictor.";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Friedman chi-squared = %.4f, df = %d, p-value = %.4g; Iman-Davenport F = %.4f, df = (%d, %d), p-value = %.4g%n",
                friedman.chiSquared(), friedman.df(), friedman.pValue(), friedman.imanDavenportF(), friedman.fDf1(),
                friedman.fDf2(), friedman.fPValue()));
        sb.append(String.format(Locale.ROOT, "Nemenyi critical difference (alpha %.2f, k = %d, N = %d): %.3f; "
                + "average ranks closer than that are not significantly different%s.", alpha, predictors.size(),
                blocks.size(), cd, friedman.fPValue() < alpha ? "" : ". The Friedman test does not reject equality at "
                        + "this alpha, so no pairwise difference is claimed"));
        List<String> groups = new ArrayList<>();
        for (int[] group : Nemenyi.groups(friedman.averageRanks(), cd)) {
            groups.add("{" + String.join(", ", Arrays.stream(group).mapToObj(predictors::get).toList()) + "}");
        }
        sb.append(String.format("%nNot significantly different (Nemenyi): %s.", groups.isEmpty() ? "none: every pair differs"
                : String.join(", ", groups)));
        return sb.toString();
    }

    /** Predictor indexes, best average rank first (best mean when there are no ranks). */
    Integer[] order(double[] ranks, double[] mean) {
        Integer[] order = new Integer[predictors.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Comparator<Integer> byMean = java.util.Comparator.comparingDouble(i -> mean[i]);
        Arrays.sort(order, ranks != null ? java.util.Comparator.comparingDouble(i -> ranks[i])
                : metric.higherIsBetter() ? byMean.reversed() : byMean);
        return order;
    }

    private static String f4(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
