package org.numabias.reports.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down correction of p-values for multiple comparisons (Holm 1979), as R's
 * {@code p.adjust(p, method = "holm")}: sort ascending, multiply the i-th smallest (1-based) by
 * {@code m - i + 1}, make the sequence non-decreasing by a running maximum, cap at 1. It controls the
 * family-wise error rate under any dependence between the tests. No maintained Java library has it
 * (Commons Statistics has the tests, not the corrections); it is a few lines.
 */
public final class Holm {
    private Holm() {
    }

    /**
     * The adjusted p-values, in the order of {@code p}.
     *
     * @throws IllegalArgumentException for a p-value outside [0, 1] or NaN
     */
    public static double[] adjust(double[] p) {
        int m = p.length;
        for (double x : p) {
            if (!(x >= 0 && x <= 1)) {
                throw new IllegalArgumentException("a p-value must lie in [0, 1], got " + x);
            }
        }
        Integer[] order = new Integer[m];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int i = 0; i < m; i++) {
            running = Math.max(running, Math.min(1, (m - i) * p[order[i]]));
            adjusted[order[i]] = running;
        }
        return adjusted;
    }
}
