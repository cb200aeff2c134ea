package org.numabias.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.numabias.runtime.replay.BlockBootstrap;
import org.numabias.runtime.replay.Measurement;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;

/**
 * Learning curves with XChart: a metric over consecutive windows of W scored consumptions, one line per
 * predictor, so one sees how fast each learns and whether it keeps up when the workload moves; the y
 * axis of these shares runs from 0 to 1, the score-from cut and any trained predictor's training cut are
 * marked by vertical lines, and the caption gives each
 * predictor's spread over the windows ({@link #spread}). Ten
 * colours that stay apart, and solid/dashed lines with distinct markers, so that predictors with
 * close values can still be told apart.
 */
public final class LearningCurves {
    /** The colour of training cuts: apart from the curves' and the score-from cut's black. */
    static final Color TRAINING_CUT = new Color(0x8b0000);
    /** Tableau 10: distinct for the colour-blind and in print. */
    static final Color[] COLOURS = {new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2),
            new Color(0x59a14f), new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f),
            new Color(0xbab0ac)};

    /**
     * One predictor's windowed values.
     *
     * @param label  the predictor label
     * @param values the metric in each window, in trace order; null = undefined in that window
     */
    public record Curve(String label, List<Double> values) {
    }

    private LearningCurves() {
    }

    /** The windowed values of {@code m} of every result of a replay made with windows (empty lists without). */
    public static List<Curve> curves(ReplayReport report, Measurement m) {
        List<Curve> curves = new ArrayList<>();
        for (PredictorResult p : report.results()) {
            List<Double> values = new ArrayList<>();
            for (Map<Measurement, Number> window : p.windows()) {
                Number v = window.get(m);
                values.add(v == null ? null : v.doubleValue());
            }
            curves.add(new Curve(p.label(), values));
        }
        return curves;
    }

    /**
     * The spread of a curve's windows: mean, standard deviation, 10th and 90th percentiles (R's type 7)
     * of the defined window values; NaN without any.
     *
     * @return {mean, sd, p10, p90}
     */
    public static double[] spread(Curve curve) {
        double[] v = curve.values().stream().filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).sorted()
                .toArray();
        if (v.length == 0) {
            return new double[]{Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        double squares = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        return new double[]{mean, v.length < 2 ? Double.NaN : Math.sqrt(squares / (v.length - 1)), BlockBootstrap.percentile(v, 0.1),
                BlockBootstrap.percentile(v, 0.9)};
    }

    /** One caption line per curve: its windows' mean, sd and 10th-90th percentile range. */
    public static List<String> spreadLines(String metric, List<Curve> curves) {
        List<String> lines = new ArrayList<>();
        StringBuilder sb = new StringBuilder("Spread of " + metric + " over the windows (mean, sd, 10th-90th percentile): ");
        for (int i = 0; i < curves.size(); i++) {
            double[] s = spread(curves.get(i));
            sb.append(i == 0 ? "" : "; ").append(curves.get(i).label()).append(Double.isNaN(s[0]) ? " -"
                    : String.format(java.util.Locale.ROOT, " %.3f, %s, %.3f-%.3f", s[0],
                    Double.isNaN(s[1]) ? "-" : String.format(java.util.Locale.ROOT, "%.3f", s[1]), s[2], s[3]));
        }
        lines.add(sb.append('.').toString());
        return lines;
    }

    /**
     * A training cut drawn on the chart: a vertical line where a trained predictor's fitted events end.
     *
     * @param label what the legend says of it
     * @param x     where it is, in scored consumptions from the score-from cut (0: at or before the axis' start)
     */
    public record TrainingCut(String label, double x) {
    }

    /** As {@link #chart(String, long, long, long, List, List, List)} without training cuts. */
    public static BufferedImage chart(String metric, long windowSize, long scored, long scoreFromIndex, List<Curve> curves,
                                      List<String> caption) {
        return chart(metric, windowSize, scored, scoreFromIndex, curves, List.of(), caption);
    }

    /**
     * The chart of a share (y axis from 0 to 1), the score-from cut marked at the start of the x axis and
     * each training cut by a vertical line of its own.
     *
     * @param metric         the metric's name (y axis)
     * @param windowSize     W, scored consumptions per window (the last may be shorter)
     * @param scored         the scored consumptions in all: where the last window ends
     * @param scoreFromIndex the event index where scoring starts (--score-from); earlier events only train
     * @param curves         one per predictor
     * @param cuts           the training cuts of trained predictors
     * @param caption        lines under the chart (provenance)
     */
    public static BufferedImage chart(String metric, long windowSize, long scored, long scoreFromIndex, List<Curve> curves,
                                      List<TrainingCut> cuts, List<String> caption) {
        XYChart chart = new XYChartBuilder().width(1200).height(520)
                .title(metric + " per window of " + windowSize + " scored consumptions")
                .xAxisTitle("scored consumptions (end of window), counted from event " + scoreFromIndex
                        + (scoreFromIndex == 0 ? " (everything scored)" : " (--score-from: earlier events only train)"))
                .yAxisTitle(metric).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setXAxisMin(0.0);
        vertical(chart, "score-from: event " + scoreFromIndex, 0, Color.BLACK, new float[]{2f, 3f});
        for (TrainingCut cut : cuts) {
            vertical(chart, cut.label(), cut.x(), TRAINING_CUT, new float[]{8f, 3f, 2f, 3f});
        }
        var markers = List.of(SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
                SeriesMarkers.TRIANGLE_DOWN);
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int w = 0; w < c.values().size(); w++) {
                if (c.values().get(w) != null) {
                    xs.add((double) Math.min((w + 1) * windowSize, scored));
                    ys.add(c.values().get(w));
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(c.label(), xs, ys);
            s.setLineColor(COLOURS[i % COLOURS.length]);
            s.setMarkerColor(COLOURS[i % COLOURS.length]);
            s.setMarker(markers.get(i % markers.size()));
            if (i >= COLOURS.length / 2) {
                s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
            }
        }
        List<String> lines = new ArrayList<>(spreadLines(metric, curves));
        lines.addAll(caption);
        return Captions.below(BitmapEncoder.getBufferedImage(chart), lines);
    }

    /** A vertical line from 0 to 1 at {@code x}, in the legend as {@code name}. */
    private static void vertical(XYChart chart, String name, double x, Color colour, float[] dashes) {
        XYSeries line = chart.addSeries(name, List.of(x, x), List.of(0.0, 1.0));
        line.setLineColor(colour);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dashes, 0f));
    }
}
