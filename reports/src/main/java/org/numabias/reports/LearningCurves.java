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
import org.numabias.runtime.replay.Measurement;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;

/**
 * Learning curves with XChart: a metric over consecutive windows of W scored consumptions, one line per
 * predictor, so one sees how fast each learns and whether it keeps up when the workload moves. Ten
 * colours that stay apart, and solid/dashed lines with distinct markers, so that predictors with
 * close values can still be told apart.
 */
public final class LearningCurves {
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
     * The chart.
     *
     * @param metric     the metric's name (y axis)
     * @param windowSize W, scored consumptions per window (the last may be shorter)
     * @param scored     the scored consumptions in all: where the last window ends
     * @param curves     one per predictor
     * @param caption    lines under the chart (provenance)
     */
    public static BufferedImage chart(String metric, long windowSize, long scored, List<Curve> curves,
                                      List<String> caption) {
        XYChart chart = new XYChartBuilder().width(1200).height(520)
                .title(metric + " per window of " + windowSize + " scored consumptions")
                .xAxisTitle("scored consumptions (end of window)").yAxisTitle(metric).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
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
        return Captions.below(BitmapEncoder.getBufferedImage(chart), caption);
    }
}
