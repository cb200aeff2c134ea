package org.numabias.reports.stats;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.FDistribution;

/**
 * The Friedman test of k treatments over N blocks, with ranks corrected for ties (as R's
 * {@code friedman.test}), and its Iman-Davenport F variant, which Demsar (2006) recommends as less
 * conservative.
 *
 * <p>chi2 = 12 sum_j (R_j - N(k+1)/2)^2 / (N k (k+1) - sum over tie groups (t^3 - t) / (k - 1)), R_j the
 * rank sum of treatment j, with k - 1 degrees of freedom. F = (N - 1) chi2 / (N (k - 1) - chi2) with
 * (k - 1, (k - 1)(N - 1)) degrees of freedom. When every block ties every treatment the test is
 * undefined: {@link #defined()} is false and the statistics and p-values are NaN.
 *
 * @param blocks         N, the datasets or seeds
 * @param treatments     k, the predictors
 * @param averageRanks   mean rank of each treatment (1 = best), in the order of the input columns
 * @param chiSquared     the tie-corrected Friedman statistic
 * @param df             k - 1
 * @param pValue         P(chi2(k - 1) >= chiSquared)
 * @param imanDavenportF the F statistic (positive infinity when the ranks agree perfectly in every block)
 * @param fPValue        P(F(k - 1, (k - 1)(N - 1)) >= imanDavenportF)
 */
public record Friedman(int blocks, int treatments, double[] averageRanks, double chiSquared, int df, double pValue,
                       double imanDavenportF, double fPValue) {
    /** Copies the ranks, so the record stays immutable. */
    public Friedman {
        averageRanks = averageRanks.clone();
    }

    /**
     * Runs the test.
     *
     * @param scores         scores[block][treatment], finite, at least 2 blocks and 2 treatments
     * @param higherIsBetter whether a higher score ranks better (only the reported ranks depend on it)
     * @throws IllegalArgumentException with fewer than 2 blocks or treatments, ragged rows or a non-finite score
     */
    public static Friedman test(double[][] scores, boolean higherIsBetter) {
        double[][] ranks = Ranks.withinBlocks(scores, higherIsBetter);
        int n = ranks.length;
        int k = ranks[0].length;
        if (n < 2 || k < 2) {
            throw new IllegalArgumentException("the Friedman test needs at least 2 blocks and 2 treatments, got "
                    + n + " block(s) and " + k + " treatment(s)");
        }
        double[] mean = Ranks.average(ranks);
        double expected = n * (k + 1) / 2.0;
        double squares = 0;
        for (double m : mean) {
            double deviation = m * n - expected;
            squares += deviation * deviation;
        }
        double ties = 0;
        for (double[] row : ranks) {
            ties += tieTerm(row);
        }
        double denominator = (double) n * k * (k + 1) - ties / (k - 1);
        if (denominator <= 0) {
            return new Friedman(n, k, mean, Double.NaN, k - 1, Double.NaN, Double.NaN, Double.NaN);
        }
        double chi2 = 12 * squares / denominator;
        double p = ChiSquaredDistribution.of(k - 1).survivalProbability(chi2);
        double f = imanDavenport(chi2, n, k);
        double fp = Double.isInfinite(f) ? 0.0 : FDistribution.of(k - 1, (double) (k - 1) * (n - 1)).survivalProbability(f);
        return new Friedman(n, k, mean, chi2, k - 1, p, f, fp);
    }

    /** The Iman-Davenport F from the Friedman statistic of n blocks and k treatments. */
    static double imanDavenport(double chi2, int n, int k) {
        double denominator = (double) n * (k - 1) - chi2;
        return denominator <= 0 ? Double.POSITIVE_INFINITY : (n - 1) * chi2 / denominator;
    }

    /** sum over groups of tied ranks of (t^3 - t), t the group size: tied values share one (average) rank. */
    private static double tieTerm(double[] ranks) {
        double[] sorted = ranks.clone();
        Arrays.sort(sorted);
        double sum = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            sum += t * t * t - t;
            i = j + 1;
        }
        return sum;
    }

    /** Whether the test is defined (some block does not tie all treatments). */
    public boolean defined() {
        return !Double.isNaN(chiSquared);
    }

    /** The numerator degrees of freedom of the F variant, k - 1. */
    public int fDf1() {
        return treatments - 1;
    }

    /** The denominator degrees of freedom of the F variant, (k - 1)(N - 1). */
    public int fDf2() {
        return (treatments - 1) * (blocks - 1);
    }

    @Override
    public double[] averageRanks() {
        return averageRanks.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Friedman f && blocks == f.blocks && treatments == f.treatments
                && Arrays.equals(averageRanks, f.averageRanks) && Double.compare(chiSquared, f.chiSquared) == 0
                && Double.compare(pValue, f.pValue) == 0 && Double.compare(imanDavenportF, f.imanDavenportF) == 0
                && Double.compare(fPValue, f.fPValue) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(averageRanks) + Double.hashCode(chiSquared);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "Friedman chi-squared = %.4f, df = %d, p-value = %.4g; Iman-Davenport F = %.4f, df = (%d, %d), "
                        + "p-value = %.4g; N = %d, k = %d, average ranks %s",
                chiSquared, df, pValue, imanDavenportF, fDf1(), fDf2(), fPValue, blocks, treatments,
                Arrays.toString(averageRanks));
    }
}
