package org.numabias.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A dot-and-whisker chart (a forest plot): one row per predictor, per series a dot at the value and a
 * whisker over its 95% interval, on a horizontal axis that starts at 0 for ratios (or lower when a value
 * is negative). Intervals may be asymmetric (bootstrap percentiles), which XChart's error bars cannot
 * draw, so it is drawn with Java2D. A missing value (NaN) draws nothing; a missing interval draws the
 * dot alone.
 *
 * @param title  the heading
 * @param axis   what the axis measures
 * @param rows   row labels (predictors), top to bottom
 * @param series one or more series, each with a value per row
 * @param min    the axis' left end
 * @param max    the axis' right end, {@code > min}
 */
public record IntervalChart(String title, String axis, List<String> rows, List<Series> series, double min, double max) {
    private static final int PAD = 16;
    private static final int ROW = 34;
    private static final int AXIS_W = 640;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font PLAIN = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    /**
     * One series: a value and its interval per row (NaN where missing).
     *
     * @param name  the legend's label
     * @param value per row
     * @param lower per row, the interval's lower bound
     * @param upper per row, its upper bound
     */
    public record Series(String name, double[] value, double[] lower, double[] upper) {
        /** Copies the arrays. */
        public Series {
            if (value.length != lower.length || value.length != upper.length) {
                throw new IllegalArgumentException(name + ": " + value.length + " values, " + lower.length + " lower and "
                        + upper.length + " upper bounds");
            }
            value = value.clone();
            lower = lower.clone();
            upper = upper.clone();
        }
    }

    /** Checks sizes and bounds. */
    public IntervalChart {
        rows = List.copyOf(rows);
        series = List.copyOf(series);
        if (series.isEmpty() || !(max > min)) {
            throw new IllegalArgumentException(title + ": needs a series and min < max, got " + series.size() + ", " + min
                    + ", " + max);
        }
        for (Series s : series) {
            if (s.value().length != rows.size()) {
                throw new IllegalArgumentException(s.name() + ": " + s.value().length + " values for " + rows.size() + " rows");
            }
        }
    }

    /**
     * An axis for shares: from 0 (or the lowest value or bound, rounded down to a tenth, but not below -1)
     * to 1 (or the highest value, rounded up to a tenth); whiskers beyond the ends are cut there
     * ({@link #cut} says whether any is).
     */
    public static double[] ratioAxis(List<Series> series) {
        double low = 0;
        double high = 1;
        for (Series s : series) {
            for (double[] a : List.of(s.value(), s.lower(), s.upper())) {
                for (double v : a) {
                    low = Double.isNaN(v) ? low : Math.min(low, v);
                }
            }
            for (double v : s.value()) {
                high = Double.isNaN(v) ? high : Math.max(high, v);
            }
        }
        return new double[]{Math.max(-1, Math.floor(low * 10) / 10), Math.ceil(high * 10) / 10};
    }

    /** Whether some value or bound lies outside [min, max] (drawn at the axis' end). */
    public boolean cut() {
        for (Series s : series) {
            for (double[] a : List.of(s.value(), s.lower(), s.upper())) {
                for (double v : a) {
                    if (v < min || v > max) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Draws the chart. */
    public BufferedImage render() {
        Graphics2D probe = Captions.graphics(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
        FontMetrics fm = probe.getFontMetrics(PLAIN);
        int labelW = 0;
        for (String r : rows) {
            labelW = Math.max(labelW, fm.stringWidth(r));
        }
        int legendW = 0;
        for (Series s : series) {
            legendW += fm.stringWidth(s.name()) + 40;
        }
        int titleH = probe.getFontMetrics(TITLE).getHeight();
        probe.dispose();
        int axisX = PAD + labelW + PAD;
        int top = PAD + titleH + PAD + fm.getHeight() + PAD;
        int plotH = Math.max(1, rows.size()) * ROW;
        int width = Math.max(axisX + AXIS_W + 2 * PAD, Math.max(legendW, fm.stringWidth(title) + 40) + 2 * PAD);
        int height = top + plotH + 2 * fm.getHeight() + 3 * PAD;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Captions.graphics(image);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, PAD, PAD + g.getFontMetrics().getAscent());
        g.setFont(PLAIN);
        int lx = PAD;
        int ly = PAD + titleH + PAD + fm.getAscent();
        for (int s = 0; s < series.size(); s++) {
            g.setColor(colour(s));
            g.fillOval(lx, ly - 9, 9, 9);
            g.drawLine(lx - 6, ly - 5, lx + 15, ly - 5);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s).name(), lx + 22, ly);
            lx += fm.stringWidth(series.get(s).name()) + 40;
        }
        double step = tickStep(max - min);
        g.setColor(new Color(0xe0e0e0));
        for (double t = Math.ceil(min / step) * step; t <= max + 1e-9; t += step) {
            int x = x(t, axisX);
            g.drawLine(x, top, x, top + plotH);
        }
        if (min < 0 && max > 0) {
            g.setColor(new Color(0x888888));
            g.drawLine(x(0, axisX), top, x(0, axisX), top + plotH);
        }
        g.setColor(Color.BLACK);
        g.drawLine(axisX, top + plotH, axisX + AXIS_W, top + plotH);
        for (double t = Math.ceil(min / step) * step; t <= max + 1e-9; t += step) {
            int x = x(t, axisX);
            g.drawLine(x, top + plotH, x, top + plotH + 4);
            String label = MetricBars.label(t);
            g.drawString(label, x - fm.stringWidth(label) / 2, top + plotH + 4 + fm.getAscent());
        }
        g.drawString(axis, axisX + (AXIS_W - fm.stringWidth(axis)) / 2, top + plotH + 8 + fm.getHeight() + fm.getAscent());
        int k = series.size();
        for (int r = 0; r < rows.size(); r++) {
            int rowTop = top + r * ROW;
            g.setColor(Color.BLACK);
            g.drawString(rows.get(r), PAD, rowTop + ROW / 2 + fm.getAscent() / 2 - 1);
            for (int s = 0; s < k; s++) {
                Series one = series.get(s);
                int y = rowTop + (s + 1) * ROW / (k + 1);
                g.setColor(colour(s));
                if (!Double.isNaN(one.lower()[r]) && !Double.isNaN(one.upper()[r])) {
                    int a = x(one.lower()[r], axisX);
                    int b = x(one.upper()[r], axisX);
                    g.setStroke(new BasicStroke(2f));
                    g.drawLine(a, y, b, y);
                    g.drawLine(a, y - 3, a, y + 3);
                    g.drawLine(b, y - 3, b, y + 3);
                    g.setStroke(new BasicStroke(1f));
                }
                if (!Double.isNaN(one.value()[r])) {
                    int x = x(one.value()[r], axisX);
                    g.fillOval(x - 4, y - 4, 9, 9);
                }
            }
        }
        g.dispose();
        return image;
    }

    private int x(double v, int axisX) {
        double t = Math.clamp((v - min) / (max - min), 0.0, 1.0);
        return axisX + (int) Math.round(t * AXIS_W);
    }

    private static Color colour(int s) {
        return LearningCurves.COLOURS[s % LearningCurves.COLOURS.length];
    }

    /** The smallest round step (1, 2, 2.5 or 5 times a power of 10) giving at most 10 ticks over {@code span}. */
    static double tickStep(double span) {
        double power = Math.pow(10, Math.floor(Math.log10(span)) - 1);
        for (double m : new double[]{1, 2, 2.5, 5, 10, 20, 25, 50}) {
            if (span / (m * power) <= 10 + 1e-9) {
                return m * power;
            }
        }
        return 100 * power;
    }
}
