package org.numabias.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.numabias.reports.stats.Nemenyi;

/**
 * A critical-difference diagram (Demsar 2006, figure 1): the average rank of each predictor on an axis
 * from 1 (best, left) to k, the better half labelled on the left and the rest on the right, the
 * critical difference drawn as a bracket above the axis, and a thick bar under the axis joining every
 * group of predictors whose ranks differ by less than the critical difference (not significantly
 * different). Drawn with Java2D: XChart has no such chart.
 *
 * @param title  the heading
 * @param labels predictor labels
 * @param ranks  their average ranks
 * @param cd     the critical difference; NaN draws no bracket and no bars
 */
public record CdDiagram(String title, List<String> labels, double[] ranks, double cd) {
    private static final int PAD = 16;
    private static final int ROW = 22;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font PLAIN = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    /** Checks sizes. */
    public CdDiagram {
        if (labels.size() != ranks.length || ranks.length < 2) {
            throw new IllegalArgumentException("a diagram needs at least 2 predictors with one rank each, got "
                    + labels.size() + " labels and " + ranks.length + " ranks");
        }
        ranks = ranks.clone();
    }

    /** Draws the diagram. */
    public BufferedImage render() {
        int k = ranks.length;
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> ranks[i]));
        int leftCount = (k + 1) / 2;
        Graphics2D probe = Captions.graphics(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
        FontMetrics fm = probe.getFontMetrics(PLAIN);
        int labelW = 0;
        for (int i = 0; i < k; i++) {
            labelW = Math.max(labelW, fm.stringWidth(label(i)));
        }
        int titleH = probe.getFontMetrics(TITLE).getHeight();
        probe.dispose();
        List<int[]> groups = Double.isNaN(cd) ? List.of() : Nemenyi.groups(ranks, cd);
        int axisW = Math.max(420, 70 * (k - 1));
        int x0 = PAD + labelW + 30;
        int x1 = x0 + axisW;
        int axisY = PAD + titleH + 60;
        int barsH = groups.size() * 8 + 12;
        int width = x1 + 30 + labelW + PAD;
        int height = axisY + barsH + leftCount * ROW + PAD + 10;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Captions.graphics(image);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        g.drawString(title, PAD, PAD + g.getFontMetrics().getAscent());
        g.setFont(PLAIN);
        g.drawLine(x0, axisY, x1, axisY);
        for (int r = 1; r <= k; r++) {
            int x = x(r, k, x0, x1);
            g.drawLine(x, axisY, x, axisY - 6);
            String t = Integer.toString(r);
            g.drawString(t, x - fm.stringWidth(t) / 2, axisY - 9);
        }
        String axisLabel = "average rank (1 = best)";
        g.setColor(new Color(0x666666));
        g.drawString(axisLabel, (x0 + x1 - fm.stringWidth(axisLabel)) / 2, axisY - 9 - fm.getHeight());
        if (!Double.isNaN(cd)) {
            int cdY = PAD + titleH + 8;
            int cx1 = x(1 + Math.min(cd, k - 1), k, x0, x1);
            g.setColor(new Color(0xc0392b));
            g.setStroke(new BasicStroke(2f));
            g.drawLine(x0, cdY, cx1, cdY);
            g.drawLine(x0, cdY - 4, x0, cdY + 4);
            g.drawLine(cx1, cdY - 4, cx1, cdY + 4);
            g.setStroke(new BasicStroke(1f));
            g.drawString(String.format(Locale.ROOT, "CD = %.3f", cd), cx1 + 8, cdY + fm.getAscent() / 2);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(4f));
        for (int j = 0; j < groups.size(); j++) {
            int[] group = groups.get(j);
            int y = axisY + 10 + j * 8;
            g.drawLine(x(ranks[group[0]], k, x0, x1) - 4, y, x(ranks[group[group.length - 1]], k, x0, x1) + 4, y);
        }
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < k; i++) {
            int p = order[i];
            boolean left = i < leftCount;
            int row = left ? i : k - 1 - i;
            int y = axisY + barsH + row * ROW + ROW / 2;
            int x = x(ranks[p], k, x0, x1);
            g.drawLine(x, axisY, x, y);
            String text = label(p);
            if (left) {
                g.drawLine(x, y, x0 - 20, y);
                g.drawString(text, x0 - 24 - fm.stringWidth(text), y + fm.getAscent() / 2 - 1);
            } else {
                g.drawLine(x, y, x1 + 20, y);
                g.drawString(text, x1 + 24, y + fm.getAscent() / 2 - 1);
            }
            g.fillOval(x - 3, axisY - 3, 6, 6);
        }
        g.dispose();
        return image;
    }

    private String label(int p) {
        return String.format(Locale.ROOT, "%s (%.2f)", labels.get(p), ranks[p]);
    }

    private static int x(double rank, int k, int x0, int x1) {
        return (int) Math.round(x0 + (rank - 1) / (k - 1) * (x1 - x0));
    }

    @Override
    public double[] ranks() {
        return ranks.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CdDiagram d && title.equals(d.title) && labels.equals(d.labels) && Arrays.equals(ranks, d.ranks)
                && Double.compare(cd, d.cd) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * labels.hashCode() + Arrays.hashCode(ranks);
    }

    @Override
    public String toString() {
        return "CdDiagram[" + title + ", " + labels + ", " + Arrays.toString(ranks) + ", cd=" + cd + "]";
    }
}
