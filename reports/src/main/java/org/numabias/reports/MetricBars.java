package org.numabias.reports;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.numabias.runtime.replay.Interval;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;

/**
 * Some metrics of every predictor on one trace as dots with whiskers over their 95% intervals (the
 * replay's moving-block bootstrap; {@link IntervalChart}), on an axis of shares from 0 to 1. A metric
 * that is not meaningful on the trace (capturedGain, see {@link Gains}) is left out and the caption
 * says so.
 */
public final class MetricBars {
    private MetricBars() {
    }

    /** {@code v} with up to 3 decimals, trailing zeros dropped, and never "-0". */
    static String label(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.3f", v).replaceFirst("\\.?0+$", "");
        return s.equals("-0") ? "0" : s;
    }

    /** The chart of {@code metrics} for every result of {@code report}, {@code caption} under it. */
    public static BufferedImage chart(ReplayReport report, String traceName, List<ResultMetric> metrics,
                                      List<String> caption) {
        List<String> predictors = report.results().stream().map(PredictorResult::label).toList();
        List<String> lines = new ArrayList<>(caption);
        List<IntervalChart.Series> series = new ArrayList<>();
        for (ResultMetric metric : metrics) {
            if (!metric.meaningful(report)) {
                lines.addFirst(metric.key() + " is not meaningful on this trace (achievable gain below "
                        + (int) (Gains.MEANINGFUL_SHARE * 100) + "% of bytes) and is not drawn.");
                continue;
            }
            int n = predictors.size();
            double[] value = new double[n];
            double[] lower = new double[n];
            double[] upper = new double[n];
            for (int i = 0; i < n; i++) {
                PredictorResult p = report.results().get(i);
                Double v = metric.value(report, p);
                Interval interval = metric.interval(p);
                value[i] = v == null ? Double.NaN : v;
                lower[i] = interval == null ? Double.NaN : interval.lower();
                upper[i] = interval == null ? Double.NaN : interval.upper();
            }
            series.add(new IntervalChart.Series(metric.key(), value, lower, upper));
        }
        lines.addFirst("Dots: the value on the whole trace; whiskers: its 95% interval (moving-block bootstrap over "
                + "windows of consecutive scored consumptions, DESIGN.md \"Uncertainty\"). The oracle and producer-local "
                + "are references.");
        double[] axis = IntervalChart.ratioAxis(series);
        IntervalChart chart = new IntervalChart("Per predictor on " + traceName, "share of bytes", predictors, series,
                axis[0], axis[1]);
        if (chart.cut()) {
            lines.addFirst("Values or whiskers beyond the axis are cut at its ends; the tables have the values.");
        }
        return Captions.below(chart.render(), lines);
    }
}
