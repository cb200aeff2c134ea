package org.numabias.reports.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The Nemenyi post-hoc test after a Friedman test (Demsar 2006, section 3.2.2): two of k treatments
 * differ significantly over N blocks when their average ranks differ by at least the critical
 * difference CD = q_alpha sqrt(k (k + 1) / (6 N)), where q_alpha is the studentized range quantile
 * with infinite degrees of freedom divided by sqrt 2.
 */
public final class Nemenyi {
    private Nemenyi() {
    }

    /**
     * q_alpha: the (1 - alpha) quantile of the range of k standard normals, over sqrt 2.
     *
     * @param k     treatments, at least 2
     * @param alpha significance level strictly inside (0, 1), e.g. 0.05
     */
    public static double criticalValue(int k, double alpha) {
        return StudentizedRange.quantile(1 - alpha, k) / Math.sqrt(2);
    }

    /**
     * The critical difference of average ranks for k treatments over n blocks.
     *
     * @param k     treatments, at least 2
     * @param n     blocks, at least 1
     * @param alpha significance level strictly inside (0, 1)
     */
    public static double criticalDifference(int k, int n, double alpha) {
        if (n < 1) {
            throw new IllegalArgumentException("the critical difference needs at least 1 block, got " + n);
        }
        return criticalValue(k, alpha) * Math.sqrt(k * (k + 1) / (6.0 * n));
    }

    /**
     * The groups a critical-difference diagram joins with a bar: with the treatments sorted by average
     * rank, each maximal run whose first and last ranks differ by less than {@code cd}. Runs of one
     * treatment and runs inside a longer run are left out.
     *
     * @param averageRanks average rank per treatment (input order)
     * @param cd           the critical difference
     * @return each group as treatment indexes (input order numbering) in ascending rank order
     */
    public static List<int[]> groups(double[] averageRanks, double cd) {
        Integer[] order = IntStream.range(0, averageRanks.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> averageRanks[i]));
        List<int[]> groups = new ArrayList<>();
        int lastEnd = -1;
        for (int start = 0; start < order.length; start++) {
            int end = start;
            while (end + 1 < order.length && averageRanks[order[end + 1]] - averageRanks[order[start]] < cd) {
                end++;
            }
            if (end > start && end > lastEnd) {
                int[] group = new int[end - start + 1];
                for (int i = start; i <= end; i++) {
                    group[i - start] = order[i];
                }
                groups.add(group);
                lastEnd = end;
            }
        }
        return groups;
    }
}
