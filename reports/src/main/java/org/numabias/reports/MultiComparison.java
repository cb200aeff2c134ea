package org.numabias.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.numabias.reports.stats.Friedman;
import org.numabias.reports.stats.MeanInterval;
import org.numabias.reports.stats.Nemenyi;
import org.numabias.reports.stats.WilcoxonVsControl;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;

/**
 * One metric over many traces or seeds, as MOA's experimenter and Demsar (2006) compare classifiers, on
 * independent blocks: the seeds of one scenario (the same generator and parameters) are one block,
 * valued by their mean, because they share everything but the random draw (counting them as separate
 * datasets would be pseudo-replication); any other trace is a block of its own. Per predictor: the
 * mean over the blocks with its 95% t-interval, standard deviation, minimum and maximum; average ranks;
 * the Friedman test; the Nemenyi critical difference; and, with a control predictor, the Wilcoxon
 * signed-rank test of each predictor against it with Holm's correction ({@link WilcoxonVsControl}).
 *
 * <p>A predictor trained offline is labelled with its sampling over the traces ({@link Samplings#acrossTraces},
 * e.g. {@code tribuo:model=m [transfer]}), in the tables, the diagram and the Wilcoxon rows alike.
 *
 * <p>The oracle is left out of ranks and tests (it sees the future, it is a bound, not a rival). A
 * trace where the metric is undefined or not meaningful for some predictor (e.g. capturedGain where the
 * achievable gain is below 1% of bytes) is left out of everything and listed in {@link #dropped}; a
 * block keeps the mean of its remaining traces.
 *
 * @param metric     the metric
 * @param predictors predictor labels (a trained one's with its sampling), in column order
 * @param blocks     names of the blocks used
 * @param members    the traces averaged in each block
 * @param dropped    names of the traces left out, each with the reason
 * @param values     values[block][predictor]
 * @param alpha      the significance level of the critical difference
 * @param friedman   the test, or null with fewer than 2 blocks or 2 predictors
 * @param cd         the Nemenyi critical difference of average ranks, NaN without a test
 * @param wilcoxon   each predictor against the control, or null without a control or with fewer than 2 blocks
 */
public record MultiComparison(ResultMetric metric, List<String> predictors, List<String> blocks, List<Integer> members,
                              List<String> dropped, double[][] values, double alpha, Friedman friedman, double cd,
                              WilcoxonVsControl wilcoxon) {
    /** As {@link #of(ResultMetric, List, List, double, String)} without a control. */
    public static MultiComparison of(ResultMetric metric, List<ReplayReport> reports, List<String> names, double alpha) {
        return of(metric, reports, names, alpha, null);
    }

    /**
     * Compares the predictors of {@code reports} (one per trace, the same predictors in the same order).
     *
     * @param names   the trace names, in the order of the reports
     * @param control the label (or predictor name) of the control for the Wilcoxon tests, or null for none
     * @throws IllegalArgumentException if the predictors differ between reports, or the control is not one of them
     */
    public static MultiComparison of(ResultMetric metric, List<ReplayReport> reports, List<String> names, double alpha,
                                     String control) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: no traces");
        }
        List<PredictorResult> first = reports.getFirst().results();
        List<Integer> columns = new ArrayList<>();
        List<String> predictors = new ArrayList<>();
        int controlColumn = -1;
        for (int c = 0; c < first.size(); c++) {
            PredictorResult p = first.get(c);
            if (!p.predictor().equals(Gains.ORACLE)) {
                if (control != null && controlColumn < 0 && (p.label().equals(control) || p.predictor().equals(control))) {
                    controlColumn = columns.size();
                }
                columns.add(c);
                predictors.add(p.label());
            }
        }
        if (control != null && controlColumn < 0) {
            throw new IllegalArgumentException("the control '" + control + "' is not among the compared predictors "
                    + predictors);
        }
        Map<String, String> blockNames = new LinkedHashMap<>();
        Map<String, List<double[]>> blockRows = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        for (int b = 0; b < reports.size(); b++) {
            ReplayReport report = reports.get(b);
            List<String> labels = report.results().stream().map(PredictorResult::label).toList();
            if (!labels.equals(first.stream().map(PredictorResult::label).toList())) {
                throw new IllegalArgumentException(names.get(b) + ": predictors " + labels + " differ from "
                        + names.getFirst() + "'s");
            }
            String key = blockKey(report, names.get(b));
            blockNames.putIfAbsent(key, blockName(report, names.get(b)));
            blockRows.putIfAbsent(key, new ArrayList<>());
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
            blockRows.get(key).add(row);
        }
        List<String> blocks = new ArrayList<>();
        List<Integer> members = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : blockRows.entrySet()) {
            List<double[]> traces = e.getValue();
            if (traces.isEmpty()) {
                continue;
            }
            double[] mean = new double[columns.size()];
            for (double[] row : traces) {
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += row[i] / traces.size();
                }
            }
            blocks.add(blockNames.get(e.getKey()));
            members.add(traces.size());
            rows.add(mean);
        }
        for (int i = 0; i < predictors.size(); i++) { // every report has the same predictors: checked above
            predictors.set(i, predictors.get(i) + Samplings.acrossTraces(reports, columns.get(i)));
        }
        double[][] values = rows.toArray(double[][]::new);
        Friedman friedman = null;
        double cd = Double.NaN;
        WilcoxonVsControl wilcoxon = null;
        if (values.length >= 2 && predictors.size() >= 2) {
            friedman = Friedman.test(values, metric.higherIsBetter());
            cd = Nemenyi.criticalDifference(predictors.size(), values.length, alpha);
            if (controlColumn >= 0) {
                wilcoxon = WilcoxonVsControl.test(predictors, values, controlColumn);
            }
        }
        return new MultiComparison(metric, predictors, blocks, members, dropped, values, alpha, friedman, cd, wilcoxon);
    }

    /** Traces generated by one scenario with the same parameters share a key (their seeds differ); others are their own. */
    static String blockKey(ReplayReport report, String name) {
        Map<String, String> provenance = report.header().provenance();
        String scenario = provenance.get("scenario");
        if (scenario == null) {
            return "trace " + name;
        }
        return "scenario " + blockName(report, name) + " on " + report.topology().describe();
    }

    private static String blockName(ReplayReport report, String name) {
        Map<String, String> provenance = report.header().provenance();
        String scenario = provenance.get("scenario");
        if (scenario == null) {
            return name;
        }
        List<String> params = new ArrayList<>();
        new TreeMap<>(provenance).forEach((k, v) -> {
            if (k.startsWith("param.")) {
                params.add(k.substring("param.".length()) + "=" + v);
            }
        });
        return params.isEmpty() ? scenario : scenario + ":" + String.join(",", params);
    }

    /**
     * What N is, e.g. "N = 2 blocks (scenarios), each the mean of 10 seeds" or "N = 3 blocks (traces)", or
     * for a mix "N = 5 blocks: 2 scenarios (each the mean of its 3 to 10 seeds) and 3 traces".
     */
    public String blockStatement() {
        int scenarios = 0;
        int minSeeds = Integer.MAX_VALUE;
        int maxSeeds = 0;
        for (int b = 0; b < blocks.size(); b++) {
            if (members.get(b) > 1) {
                scenarios++;
                minSeeds = Math.min(minSeeds, members.get(b));
                maxSeeds = Math.max(maxSeeds, members.get(b));
            }
        }
        int n = blocks.size();
        String seeds = minSeeds == maxSeeds ? Integer.toString(maxSeeds) : minSeeds + " to " + maxSeeds;
        if (scenarios == 0) {
            return "N = " + n + " block" + (n == 1 ? "" : "s") + " (traces" + (n == 1 ? "" : ", each its own block") + ")";
        }
        if (scenarios == n) {
            return "N = " + n + " block" + (n == 1 ? "" : "s") + " (scenarios), each the mean of " + seeds + " seeds";
        }
        return "N = " + n + " blocks: " + scenarios + " scenario(s) (each the mean of its " + seeds + " seeds) and "
                + (n - scenarios) + " trace(s)";
    }

    /** The 95% t-interval of each predictor's mean over the blocks ({@link MeanInterval}): [lower[], upper[]]. */
    public double[][] meanInterval() {
        double[] lower = new double[predictors.size()];
        double[] upper = new double[predictors.size()];
        for (int p = 0; p < lower.length; p++) {
            MeanInterval m = MeanInterval.of(column(p).toArray());
            lower[p] = m.lower();
            upper[p] = m.upper();
        }
        return new double[][]{lower, upper};
    }

    /**
     * The critical-difference diagram with the tests and the traces in its caption, then {@code more}
     * lines; null when there is no (defined) test.
     */
    public java.awt.image.BufferedImage diagram(List<String> more) {
        if (friedman == null || !friedman.defined()) {
            return null;
        }
        java.awt.image.BufferedImage cdImage = new CdDiagram("Critical difference, " + metric.key() + " (N = " + blocks.size()
                + " blocks, alpha " + alpha + ")", predictors, friedman.averageRanks(), cd).render();
        List<String> caption = new ArrayList<>(List.of(tests().split("\n")));
        caption.add("Predictors joined by a thick bar are not significantly different (Nemenyi). " + blockStatement()
                + ": " + String.join(", ", blocks) + (dropped.isEmpty() ? "." : "; left out: " + String.join(", ", dropped) + "."));
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
        return String.format(Locale.ROOT, "%s, %s: best average rank %s (%.2f); Friedman p = %.3g, "
                + "Iman-Davenport p = %.3g; Nemenyi CD = %.2f at alpha %.2f", metric.key(), blockStatement(),
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
        sb.append(blockStatement());
        if (!dropped.isEmpty()) {
            sb.append("; left out: ").append(String.join(", ", dropped));
        }
        sb.append("\n\n");
        double[] mean = mean();
        double[] sd = sd();
        double[] min = min();
        double[] max = max();
        double[][] interval = meanInterval();
        double[] ranks = friedman == null ? null : friedman.averageRanks();
        Integer[] order = order(ranks, mean);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"predictor", "mean", "95% CI of mean", "sd", "min", "max", "avg rank"});
        for (int p : order) {
            rows.add(new String[]{predictors.get(p), f4(mean[p]), ci(interval[0][p], interval[1][p]), f4(sd[p]), f4(min[p]),
                    f4(max[p]), ranks == null ? "-" : String.format(Locale.ROOT, "%.3f", ranks[p])});
        }
        sb.append(Table.render(rows)).append('\n').append("95% CI of mean: t-interval over the N blocks.\n")
                .append(tests()).append('\n');
        if (wilcoxon != null) {
            sb.append('\n').append(wilcoxonText());
        }
        return sb.toString();
    }

    /** The Friedman and Nemenyi lines, or why there are none. */
    public String tests() {
        if (friedman == null) {
            return "No significance test: it needs at least 2 independent blocks (traces, or scenarios whose seeds are "
                    + "averaged) and 2 predictors; have " + blocks.size() + " and " + predictors.size() + ".";
        }
        if (!friedman.defined()) {
            return "Friedman test undefined: every block ties every predictor.";
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

    /**
     * The Wilcoxon table: per predictor against the control, N, W+, W-, the p-value, the Holm-adjusted
     * p-value, the rank-biserial correlation and the median difference; empty without a control.
     */
    public String wilcoxonText() {
        if (wilcoxon == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Wilcoxon signed-rank test against the control %s "
                + "(two-sided, paired over the %s; p-values Holm-corrected over %d comparisons):%n", wilcoxon.control(),
                blockStatement(), wilcoxon.rows().size()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"predictor", "N", "W+", "W-", "p", "p (Holm)", "rank-biserial", "median diff", ""});
        for (WilcoxonVsControl.Row r : wilcoxon.rows()) {
            rows.add(new String[]{r.predictor(), Integer.toString(r.blocks()), String.format(Locale.ROOT, "%.1f", r.wPlus()),
                    String.format(Locale.ROOT, "%.1f", r.wMinus()), String.format(Locale.ROOT, "%.4g", r.pValue()),
                    String.format(Locale.ROOT, "%.4g", r.holm()), String.format(Locale.ROOT, "%+.3f", r.rankBiserial()),
                    String.format(Locale.ROOT, "%+.4f", r.medianDifference()), r.holm() < alpha ? "*" : ""});
        }
        sb.append(Table.render(rows));
        sb.append(String.format(Locale.ROOT, "* = differs from %s at alpha %.2f after Holm's correction. rank-biserial "
                + "= (W+ - W-) / (W+ + W-), positive when the predictor's %s is higher; median diff = median over blocks "
                + "of predictor - control.%s%n", wilcoxon.control(), alpha, metric.key(), blocks.size() < 6
                ? " With N < 6 blocks no two-sided p-value can fall below 0.05 (the exact minimum is 2 / 2^N)." : ""));
        return sb.toString();
    }

    private static String ci(double lower, double upper) {
        return Double.isNaN(lower) || Double.isNaN(upper) ? "-"
                : String.format(Locale.ROOT, "[%.4f, %.4f]", lower, upper);
    }

    private static String f4(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
