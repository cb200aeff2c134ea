package org.numabias.runtime.replay;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One predictor's scored consumptions and their bytes by [predicted node][consumer node] (its
 * confusion matrix, by count and by bytes), over the same consumptions as its {@link Measurement}s:
 * the cells add up to {@code consumptions} and {@code bytes}, the diagonal to its hits and local bytes,
 * a row to its scored consumptions predicted on that node. The replay keeps it only up to
 * {@link #MAX_NODES} nodes (2 x nodes^2 longs per predictor); beyond, a result carries none.
 *
 * <p>JSON (through Jackson): {@code {"consumptions": [[...], ...], "bytes": [[...], ...]}}, rows by
 * predicted node. Equal when every cell is equal. Immutable (the arrays are copied in and out).
 *
 * @param consumptions scored consumptions by [predicted node][consumer node], n x n
 * @param bytes        their bytes, n x n
 */
@JsonPropertyOrder({"consumptions", "bytes"})
public record PredictionMatrix(long[][] consumptions, long[][] bytes) {
    /** The largest node count the replay keeps the matrix for. */
    public static final int MAX_NODES = 64;

    /** @throws IllegalArgumentException if the matrices are not square, of one size, and non-negative */
    public PredictionMatrix {
        consumptions = checked(consumptions, consumptions.length, "consumptions");
        bytes = checked(bytes, consumptions.length, "bytes");
    }

    private static long[][] checked(long[][] cells, int n, String what) {
        if (cells.length != n) {
            throw new IllegalArgumentException("node matrix: " + what + " has " + cells.length + " rows, expected " + n);
        }
        long[][] copy = new long[n][];
        for (int r = 0; r < n; r++) {
            if (cells[r].length != n) {
                throw new IllegalArgumentException("node matrix: " + what + " row " + r + " has " + cells[r].length
                        + " cells, expected " + n);
            }
            for (long v : cells[r]) {
                if (v < 0) {
                    throw new IllegalArgumentException("node matrix: negative " + what + " " + v + " in row " + r);
                }
            }
            copy[r] = cells[r].clone();
        }
        return copy;
    }

    /** The matrix of {@link NodePairs}' flat [predicted * nodes + consumer] counts. */
    static PredictionMatrix of(int nodes, long[] consumptions, long[] bytes) {
        long[][] c = new long[nodes][];
        long[][] b = new long[nodes][];
        for (int p = 0; p < nodes; p++) {
            c[p] = Arrays.copyOfRange(consumptions, p * nodes, (p + 1) * nodes);
            b[p] = Arrays.copyOfRange(bytes, p * nodes, (p + 1) * nodes);
        }
        return new PredictionMatrix(c, b);
    }

    /** Reads the JSON object Jackson writes for it (numbers as any {@link Number}). */
    static PredictionMatrix fromJson(Map<String, Object> json) {
        return new PredictionMatrix(cells(json, "consumptions"), cells(json, "bytes"));
    }

    private static long[][] cells(Map<String, Object> json, String key) {
        if (!(json.get(key) instanceof List<?> rows)) {
            throw new IllegalArgumentException("node matrix: '" + key + "' is not a list of rows");
        }
        List<long[]> out = new ArrayList<>();
        for (Object row : rows) {
            if (!(row instanceof List<?> cells)) {
                throw new IllegalArgumentException("node matrix: a row of '" + key + "' is not a list");
            }
            long[] r = new long[cells.size()];
            for (int i = 0; i < r.length; i++) {
                if (!(cells.get(i) instanceof Number n)) {
                    throw new IllegalArgumentException("node matrix: a cell of '" + key + "' is not a number");
                }
                r[i] = n.longValue();
            }
            out.add(r);
        }
        return out.toArray(long[][]::new);
    }

    /** A copy of the consumptions by [predicted node][consumer node]. */
    @Override
    public long[][] consumptions() {
        return deepCopy(consumptions);
    }

    /** A copy of the bytes by [predicted node][consumer node]. */
    @Override
    public long[][] bytes() {
        return deepCopy(bytes);
    }

    private static long[][] deepCopy(long[][] cells) {
        long[][] copy = new long[cells.length][];
        for (int r = 0; r < cells.length; r++) {
            copy[r] = cells[r].clone();
        }
        return copy;
    }

    /** Equal when every cell is equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PredictionMatrix m && Arrays.deepEquals(consumptions, m.consumptions)
                && Arrays.deepEquals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(consumptions) + Arrays.deepHashCode(bytes);
    }

    @Override
    public String toString() {
        return "PredictionMatrix[consumptions=" + Arrays.deepToString(consumptions) + ", bytes="
                + Arrays.deepToString(bytes) + "]";
    }
}
