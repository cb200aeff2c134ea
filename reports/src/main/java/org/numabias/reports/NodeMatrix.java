package org.numabias.reports;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A node x node matrix of bytes as a heatmap, each cell the percentage of all bytes: consumed bytes by
 * (producer node, consumer node) of a trace, or by (predicted node, consumer node) of a predictor (its
 * confusion matrix weighted by bytes: the diagonal is its local bytes).
 *
 * @param title     the heading
 * @param rowName   what a row is, e.g. "producer node"
 * @param columnName what a column is, e.g. "consumer node"
 * @param bytes     bytes[row node][column node], non-negative
 */
public record NodeMatrix(String title, String rowName, String columnName, long[][] bytes) {
    /** Checks the matrix is square and non-negative. */
    public NodeMatrix {
        for (int r = 0; r < bytes.length; r++) {
            if (bytes[r].length != bytes.length) {
                throw new IllegalArgumentException(title + ": row " + r + " has " + bytes[r].length + " cells, expected "
                        + bytes.length);
            }
            for (long b : bytes[r]) {
                if (b < 0) {
                    throw new IllegalArgumentException(title + ": negative byte count " + b + " in row " + r);
                }
            }
        }
    }

    /** The sum of all cells. */
    public long total() {
        long total = 0;
        for (long[] row : bytes) {
            for (long b : row) {
                total += b;
            }
        }
        return total;
    }

    /** The share of bytes on the diagonal (row node == column node), null without bytes. */
    public Double diagonalShare() {
        long total = total();
        long diagonal = 0;
        for (int i = 0; i < bytes.length; i++) {
            diagonal += bytes[i][i];
        }
        return total == 0 ? null : (double) diagonal / total;
    }

    /** The largest cell as a percentage of all bytes (0 without bytes). */
    public double maxShare() {
        long total = total();
        long max = 0;
        for (long[] row : bytes) {
            for (long b : row) {
                max = Math.max(max, b);
            }
        }
        return total == 0 ? 0 : 100.0 * max / total;
    }

    /** The chart with {@code caption} under it, its colour scale from 0 to its own largest cell. */
    public BufferedImage chart(List<String> caption) {
        return chart(caption, maxShare());
    }

    /**
     * The chart with {@code caption} under it, its colour scale from 0 to {@code scaleMax} percent of
     * bytes: give several matrices the same {@code scaleMax} and their colours compare.
     */
    public BufferedImage chart(List<String> caption, double scaleMax) {
        long total = total();
        int n = bytes.length;
        List<String> rows = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        Double[][] values = new Double[n][n];
        for (int i = 0; i < n; i++) {
            rows.add(rowName + " " + i);
            columns.add(columnName + ":" + i);
            for (int j = 0; j < n; j++) {
                values[i][j] = total == 0 ? null : 100.0 * bytes[i][j] / total;
            }
        }
        Double diagonal = diagonalShare();
        String subtitle = String.format(Locale.ROOT, "cells: %% of %,d bytes; diagonal (same node): %s", total,
                diagonal == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * diagonal));
        Heatmap heatmap = new Heatmap(title, subtitle, rows, null, columns, null, values, null, "%.1f",
                ColourScale.sequential(0, Math.max(scaleMax, 1e-9)), null, "% of bytes", null);
        return Captions.below(heatmap.render(), caption);
    }
}
