package org.numabias.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table of coloured cells with every value printed, drawn with Java2D: rows (e.g. datasets, each
 * with its kind: synthetic / recorded / projected), columns (e.g. predictors, with notes such as
 * "reference"), a colour scale with its legend. A cell may be empty (undefined: "-"), muted (defined
 * but not meaningful: hatched, "n/m") or framed (bold, e.g. the best of its row, ties included).
 *
 * <p>Drawn by hand rather than with XChart's HeatMapChart, which prints values but cannot mark
 * not-meaningful or best cells, label row kinds, or leave undefined cells visibly empty.
 *
 * @param title       the heading
 * @param subtitle    one line under it (what the metric means), or null
 * @param rows        row labels
 * @param rowKinds    a kind per row (rows of one kind should be adjacent: a rule separates kinds), or null
 * @param columns     column labels; split into lines at ':' and ','
 * @param columnNotes a short note per column printed under its label (empty for none), or null
 * @param values      values[row][column]; null = undefined
 * @param muted       muted[row][column]: defined but not meaningful; or null for none
 * @param format      a {@link String#format} pattern for one value, e.g. {@code %.2f}
 * @param scale       the colours
 * @param framed      framed[row][column]: cells to frame; or null for none
 * @param scaleLabel  the legend's heading
 * @param marks       marks[row][column]: a short mark printed after the cell's text (e.g. a trained predictor's
 *                    sampling on that row), "" for none; or null for none at all
 */
public record Heatmap(String title, String subtitle, List<String> rows, List<String> rowKinds, List<String> columns,
                      List<String> columnNotes, Double[][] values, boolean[][] muted, String format, ColourScale scale,
                      boolean[][] framed, String scaleLabel, String[][] marks) {
    private static final int PAD = 16;
    private static final int CELL_H = 28;
    private static final int LEGEND_W = 18;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font PLAIN = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font NOTE = new Font(Font.SANS_SERIF, Font.ITALIC, 12);
    private static final Color GRID = new Color(0xdddddd);
    private static final Color GREY = new Color(0x666666);

    /** Checks that the tables fit the labels. */
    public Heatmap {
        if (values.length != rows.size()) {
            throw new IllegalArgumentException(values.length + " rows of values for " + rows.size() + " row labels");
        }
        for (Double[] row : values) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException(row.length + " values in a row for " + columns.size() + " columns");
            }
        }
        if (rowKinds != null && rowKinds.size() != rows.size() || columnNotes != null && columnNotes.size() != columns.size()
                || framed != null && framed.length != rows.size() || muted != null && muted.length != rows.size()
                || marks != null && marks.length != rows.size()) {
            throw new IllegalArgumentException("row kinds, column notes, framed, muted and marks must match the rows and "
                    + "columns");
        }
    }

    /** The text of a cell: the formatted value, "n/m" when muted, "-" when undefined; then its mark, if any. */
    public String text(int row, int column) {
        String mark = marks == null || marks[row][column].isEmpty() ? "" : " " + marks[row][column];
        return value(row, column) + mark;
    }

    private String value(int row, int column) {
        Double v = values[row][column];
        if (v == null) {
            return "-";
        }
        if (isMuted(row, column)) {
            return "n/m";
        }
        String text = String.format(Locale.ROOT, format, v);
        String zero = String.format(Locale.ROOT, format, 0.0);
        // a small negative value rounds to "-0.00": print it as zero
        return text.replaceFirst("^[-+]", "").equals(zero.replaceFirst("^[-+]", "")) ? zero : text;
    }

    private boolean isFramed(int row, int column) {
        return framed != null && framed[row][column];
    }

    private boolean isMuted(int row, int column) {
        return muted != null && muted[row][column];
    }

    /** Draws the chart. */
    public java.awt.image.BufferedImage render() {
        Graphics2D probe = Captions.graphics(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
        FontMetrics plain = probe.getFontMetrics(PLAIN);
        FontMetrics bold = probe.getFontMetrics(BOLD);
        FontMetrics note = probe.getFontMetrics(NOTE);
        int kindW = 0;
        if (rowKinds != null) {
            for (String k : rowKinds) {
                kindW = Math.max(kindW, note.stringWidth(k) + PAD);
            }
        }
        int labelW = 0;
        for (String r : rows) {
            labelW = Math.max(labelW, plain.stringWidth(r) + PAD);
        }
        List<List<String>> heads = new ArrayList<>();
        int headLines = 1;
        int cellW = 70;
        for (int c = 0; c < columns.size(); c++) {
            List<String> lines = List.of(columns.get(c).split("[:,]"));
            heads.add(lines);
            headLines = Math.max(headLines, lines.size());
            for (String line : lines) {
                cellW = Math.max(cellW, bold.stringWidth(line) + 12);
            }
            if (columnNotes != null) {
                cellW = Math.max(cellW, note.stringWidth(columnNotes.get(c)) + 12);
            }
            for (int r = 0; r < rows.size(); r++) {
                cellW = Math.max(cellW, bold.stringWidth(text(r, c)) + 12);
            }
        }
        boolean notes = columnNotes != null && columnNotes.stream().anyMatch(n -> !n.isEmpty());
        int headH = headLines * bold.getHeight() + (notes ? note.getHeight() : 0) + 8;
        int titleH = probe.getFontMetrics(TITLE).getHeight() + (subtitle == null ? 0 : plain.getHeight()) + 10;
        int gridX = PAD + kindW + labelW;
        int gridY = PAD + titleH + headH;
        int gridW = columns.size() * cellW;
        int gridH = rows.size() * CELL_H;
        String lo = String.format(Locale.ROOT, format, scale.min());
        String hi = String.format(Locale.ROOT, format, scale.max());
        int legendX = gridX + gridW + 3 * PAD;
        int legendTextW = Math.max(Math.max(plain.stringWidth(lo), plain.stringWidth(hi)), plain.stringWidth("0")) + 8;
        int width = Math.max(legendX + LEGEND_W + legendTextW + PAD,
                Math.max(PAD + probe.getFontMetrics(TITLE).stringWidth(title), subtitle == null ? 0 : PAD + plain.stringWidth(subtitle)) + PAD);
        width = Math.max(width, legendX + bold.stringWidth(scaleLabel) + PAD);
        int height = gridY + Math.max(gridH, 200) + PAD;
        probe.dispose();

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Captions.graphics(image);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        int y = PAD + g.getFontMetrics().getAscent();
        g.drawString(title, PAD, y);
        if (subtitle != null) {
            g.setFont(PLAIN);
            g.setColor(GREY);
            g.drawString(subtitle, PAD, y + plain.getHeight() + 2);
        }
        for (int c = 0; c < columns.size(); c++) {
            int x = gridX + c * cellW;
            List<String> lines = heads.get(c);
            int ly = PAD + titleH + (headLines - lines.size()) * bold.getHeight() + bold.getAscent();
            g.setColor(Color.BLACK);
            g.setFont(lines.size() > 1 ? PLAIN : BOLD);
            for (int i = 0; i < lines.size(); i++) {
                g.setFont(i == 0 ? BOLD : PLAIN);
                String line = lines.get(i);
                g.drawString(line, x + (cellW - g.getFontMetrics().stringWidth(line)) / 2, ly + i * bold.getHeight());
            }
            if (notes && !columnNotes.get(c).isEmpty()) {
                g.setFont(NOTE);
                g.setColor(GREY);
                String n = columnNotes.get(c);
                g.drawString(n, x + (cellW - note.stringWidth(n)) / 2, gridY - 6);
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            int cy = gridY + r * CELL_H;
            int baseline = cy + (CELL_H + plain.getAscent() - plain.getDescent()) / 2;
            if (rowKinds != null) {
                g.setFont(NOTE);
                g.setColor(GREY);
                g.drawString(rowKinds.get(r), PAD, baseline);
            }
            g.setFont(PLAIN);
            g.setColor(Color.BLACK);
            g.drawString(rows.get(r), PAD + kindW, baseline);
            for (int c = 0; c < columns.size(); c++) {
                drawCell(g, r, c, gridX + c * cellW, cy, cellW, baseline, isFramed(r, c));
            }
        }
        g.setColor(GRID);
        for (int r = 0; r <= rows.size(); r++) {
            g.drawLine(gridX, gridY + r * CELL_H, gridX + gridW, gridY + r * CELL_H);
        }
        for (int c = 0; c <= columns.size(); c++) {
            g.drawLine(gridX + c * cellW, gridY, gridX + c * cellW, gridY + gridH);
        }
        if (rowKinds != null) {
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2f));
            for (int r = 1; r < rows.size(); r++) {
                if (!rowKinds.get(r).equals(rowKinds.get(r - 1))) {
                    g.drawLine(PAD, gridY + r * CELL_H, gridX + gridW, gridY + r * CELL_H);
                }
            }
            g.setStroke(new BasicStroke(1f));
        }
        drawLegend(g, legendX, gridY, Math.min(Math.max(gridH, 200), 320), lo, hi);
        g.dispose();
        return image;
    }

    private void drawCell(Graphics2D g, int r, int c, int x, int y, int w, int baseline, boolean isBest) {
        Double v = values[r][c];
        Color fill = v == null ? Color.WHITE : isMuted(r, c) ? new Color(0xeeeeee) : scale.colour(v);
        g.setColor(fill);
        g.fillRect(x, y, w, CELL_H);
        if (v != null && isMuted(r, c)) {
            g.setColor(new Color(0xbbbbbb));
            g.setClip(x, y, w, CELL_H);
            for (int d = -CELL_H; d < w; d += 8) {
                g.drawLine(x + d, y + CELL_H, x + d + CELL_H, y);
            }
            g.setClip(null);
        }
        String text = text(r, c);
        g.setFont(isBest ? BOLD : PLAIN);
        g.setColor(v == null || isMuted(r, c) ? GREY : ColourScale.textOn(fill));
        g.drawString(text, x + (w - g.getFontMetrics().stringWidth(text)) / 2, baseline);
        if (isBest) {
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(3f));
            g.drawRect(x + 2, y + 2, w - 4, CELL_H - 4);
            g.setStroke(new BasicStroke(1f));
        }
    }

    private void drawLegend(Graphics2D g, int x, int y, int h, String lo, String hi) {
        g.setFont(BOLD);
        g.setColor(Color.BLACK);
        g.drawString(scaleLabel, x, y - 8);
        for (int i = 0; i < h; i++) {
            double v = scale.max() - (scale.max() - scale.min()) * i / (h - 1);
            g.setColor(scale.colour(v));
            g.drawLine(x, y + i, x + LEGEND_W, y + i);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x, y, LEGEND_W, h);
        g.setFont(PLAIN);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(hi, x + LEGEND_W + 6, y + fm.getAscent());
        g.drawString(lo, x + LEGEND_W + 6, y + h);
        if (scale.diverging()) {
            g.drawString("0", x + LEGEND_W + 6, y + h / 2 + fm.getAscent() / 2);
        }
    }
}
