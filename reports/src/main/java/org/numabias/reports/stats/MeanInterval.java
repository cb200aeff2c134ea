package org.numabias.reports.stats;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The mean of independent values with its 95% Student t-interval: mean -/+ t(0.975, n - 1) sd / sqrt(n),
 * sd the sample standard deviation (as R's {@code t.test(x)$conf.int}). The bounds are NaN with fewer
 * than 2 values; everything is NaN without values.
 *
 * @param n     the number of values
 * @param mean  their mean
 * @param lower the interval's lower bound
 * @param upper its upper bound
 */
public record MeanInterval(int n, double mean, double lower, double upper) {
    /** The confidence level. */
    public static final double LEVEL = 0.95;

    /** The mean and interval of {@code values} (finite). */
    public static MeanInterval of(double[] values) {
        int n = values.length;
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        if (n < 2) {
            return new MeanInterval(n, mean, Double.NaN, Double.NaN);
        }
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        double half = TDistribution.of(n - 1).inverseSurvivalProbability((1 - LEVEL) / 2) * Math.sqrt(squares / (n - 1))
                / Math.sqrt(n);
        return new MeanInterval(n, mean, mean - half, mean + half);
    }
}
