package org.numabias.reports;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;

/**
 * Bars with XChart of some metrics of every predictor on one trace, the value printed on each bar
 * (so a zero still shows). A metric that is not meaningful on the trace (capturedGain, see
 * {@link Gains}) is left out and the caption says so.
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
    public static BufferedImage chart(ReplayReport report, List<ResultMetric> metrics, List<String> caption) {
        List<String> predictors = report.results().stream().map(PredictorResult::label).toList();
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 110 * predictors.size())).height(560)
                .title("Per predictor on " + report.trace()).xAxisTitle("predictor").yAxisTitle("share of bytes").build();
        var styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLabelsVisible(true);
        styler.setLabelsRotation(90);
        // XChart formats bar labels and axis ticks alike: up to 3 decimals, no trailing zeros, no "-0"
        styler.setYAxisTickLabelsFormattingFunction(MetricBars::label);
        styler.setXAxisLabelRotation(25);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setSeriesColors(new Color[]{LearningCurves.COLOURS[0], LearningCurves.COLOURS[1], LearningCurves.COLOURS[4]});
        double min = 0;
        List<String> lines = new ArrayList<>(caption);
        for (ResultMetric metric : metrics) {
            if (!metric.meaningful(report)) {
                lines.addFirst(metric.key() + " is not meaningful on this trace (achievable gain below "
                        + (int) (Gains.MEANINGFUL_SHARE * 100) + "% of bytes) and is not drawn.");
                continue;
            }
            List<Double> ys = new ArrayList<>();
            for (PredictorResult p : report.results()) {
                Double v = metric.value(report, p);
                ys.add(v == null ? Double.NaN : v);
                min = Math.min(min, v == null ? 0 : v);
            }
            chart.addSeries(metric.key(), predictors, ys);
        }
        if (min < -1) {
            lines.addFirst("Bars below -1 are cut at -1; the tables have the values.");
        }
        styler.setYAxisMin(Math.max(-1.0, Math.floor(min * 10) / 10));
        styler.setYAxisMax(1.1);
        return Captions.below(BitmapEncoder.getBufferedImage(chart), lines);
    }
}
