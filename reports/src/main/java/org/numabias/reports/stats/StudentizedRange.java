package org.numabias.reports.stats;

import org.apache.commons.numbers.rootfinder.BrentSolver;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The studentized range distribution with infinite degrees of freedom: the range R of k independent
 * standard normal variables, P(R &lt;= q) = k * integral over z of phi(z) [Phi(z) - Phi(z - q)]^(k - 1) dz.
 *
 * <p>Written here because no maintained Java library has it (R's {@code ptukey}/{@code qtukey} do).
 * The integral is evaluated by composite Simpson's rule over z in [-{@value #Z_LIMIT}, {@value #Z_LIMIT}]
 * (phi is below 1e-17 outside) with {@value #STEPS} steps, and the quantile by Brent's method on the
 * CDF. For k = 2, P(R &lt;= q) = 2 Phi(q / sqrt 2) - 1 exactly, which the tests check.
 */
public final class StudentizedRange {
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
    private static final double Z_LIMIT = 9.0;
    private static final int STEPS = 3000;

    private StudentizedRange() {
    }

    /**
     * P(R &lt;= q) for the range R of k standard normals.
     *
     * @param q the range, any value (0 for q &lt;= 0)
     * @param k the number of normals, at least 2
     */
    public static double cdf(double q, int k) {
        checkK(k);
        if (q <= 0) {
            return 0.0;
        }
        double h = 2 * Z_LIMIT / STEPS;
        double sum = integrand(-Z_LIMIT, q, k) + integrand(Z_LIMIT, q, k);
        for (int i = 1; i < STEPS; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * integrand(-Z_LIMIT + i * h, q, k);
        }
        return Math.min(1.0, k * sum * h / 3);
    }

    /**
     * The q with P(R &lt;= q) = p.
     *
     * @param p a probability strictly inside (0, 1)
     * @param k the number of normals, at least 2
     */
    public static double quantile(double p, int k) {
        checkK(k);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probability " + p + " is not strictly between 0 and 1");
        }
        double hi = 1;
        while (cdf(hi, k) < p) {
            hi *= 2;
        }
        return new BrentSolver(1e-12, 1e-12, 1e-14).findRoot(q -> cdf(q, k) - p, 0, hi);
    }

    /** phi(z) (Phi(z) - Phi(z - q))^(k - 1); the difference taken on the side where it loses no digits. */
    private static double integrand(double z, double q, int k) {
        double inside = z > 0
                ? NORMAL.survivalProbability(z - q) - NORMAL.survivalProbability(z)
                : NORMAL.cumulativeProbability(z) - NORMAL.cumulativeProbability(z - q);
        return NORMAL.density(z) * Math.pow(inside, k - 1);
    }

    private static void checkK(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("the range needs at least 2 variables, got k = " + k);
        }
    }
}
