package org.numabias.tools.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** PNG bar charts of one metric: one group per dataset, one bar per predictor. Headless. */
public final class Charts {
    private Charts() {
    }

    /**
     * Writes a grouped bar chart to {@code file} (a {@code .png} path).
     *
     * @param values values[predictor][dataset]; null cells are drawn as 0
     */
    public static void bars(Path file, String title, String metric, List<String> datasets, List<String> predictors,
                            Double[][] values) throws IOException {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(1200).height(600).title(title)
                .xAxisTitle("dataset").yAxisTitle(metric).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setYAxisMin(Math.min(0.0, min(values)));
        chart.getStyler().setYAxisMax(1.0);
        for (int p = 0; p < predictors.size(); p++) {
            List<Double> ys = new ArrayList<>();
            for (int d = 0; d < datasets.size(); d++) {
                Double v = values[p][d];
                ys.add(v == null ? 0.0 : v);
            }
            chart.addSeries(predictors.get(p), datasets, ys);
        }
        javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile());
    }

    private static double min(Double[][] values) {
        double min = 0;
        for (Double[] row : values) {
            for (Double v : row) {
                if (v != null) {
                    min = Math.min(min, v);
                }
            }
        }
        return Math.max(min, -1.0);
    }
}
