package org.numabias.reports.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class NemenyiTest {
    /** Demsar (2006), Table 5a: critical values of the two-tailed Nemenyi test, k = 2..10. */
    static final double[] Q_05 = {1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164};
    static final double[] Q_10 = {1.645, 2.052, 2.291, 2.459, 2.589, 2.693, 2.780, 2.855, 2.920};

    @Test
    void criticalValuesMatchDemsarTable5a() {
        for (int k = 2; k <= 10; k++) {
            assertEquals(Q_05[k - 2], Nemenyi.criticalValue(k, 0.05), 1e-3, "alpha 0.05, k = " + k);
            assertEquals(Q_10[k - 2], Nemenyi.criticalValue(k, 0.10), 1e-3, "alpha 0.10, k = " + k);
            // digit for digit: the table divides a 3-decimal studentized range table by sqrt 2 and rounds again
            assertEquals(Q_05[k - 2], demsarRounding(Nemenyi.criticalValue(k, 0.05)), 1e-9, "alpha 0.05, k = " + k);
            assertEquals(Q_10[k - 2], demsarRounding(Nemenyi.criticalValue(k, 0.10)), 1e-9, "alpha 0.10, k = " + k);
        }
    }

    private static double demsarRounding(double q) {
        double range = Math.round(q * Math.sqrt(2) * 1000) / 1000.0;
        return Math.round(range / Math.sqrt(2) * 1000) / 1000.0;
    }

    @Test
    void quantileMatchesRQtukey() {
        // R: qtukey(0.95, 3, Inf) = 3.314493; printed tables of the studentized range: q(0.99; 10, inf) = 5.16
        assertEquals(3.314493, StudentizedRange.quantile(0.95, 3), 2e-6);
        assertEquals(5.16, StudentizedRange.quantile(0.99, 10), 5e-3);
    }

    @Test
    void criticalDifferenceMatchesDemsarExample() {
        // Demsar (2006), section 3.2.2: CD = 2.569 sqrt(4 * 5 / (6 * 14)) = 1.25
        assertEquals(1.25, Nemenyi.criticalDifference(4, 14, 0.05), 5e-3);
    }

    @Test
    void rangeOfTwoNormalsIsHalfNormalOfTheirDifference() {
        NormalDistribution normal = NormalDistribution.of(0, 1);
        qt().forAll(doubles().between(0.01, 8)).checkAssert(q ->
                assertEquals(2 * normal.cumulativeProbability(q / Math.sqrt(2)) - 1, StudentizedRange.cdf(q, 2), 1e-10));
    }

    @Test
    void cdfIsAProbabilityIncreasingInQAndDecreasingInK() {
        qt().forAll(doubles().between(0.05, 7), doubles().between(0.01, 1), integers().between(2, 15)).checkAssert((q, dq, k) -> {
            double p = StudentizedRange.cdf(q, k);
            assertTrue(p >= 0 && p <= 1, "cdf " + p);
            assertTrue(StudentizedRange.cdf(q + dq, k) >= p, "increasing in q");
            assertTrue(StudentizedRange.cdf(q, k + 1) <= p, "more normals have a wider range");
        });
    }

    @Test
    void quantileInvertsCdf() {
        qt().forAll(doubles().between(0.01, 0.99), integers().between(2, 20)).checkAssert((p, k) ->
                assertEquals(p, StudentizedRange.cdf(StudentizedRange.quantile(p, k), k), 1e-9));
    }

    @Test
    void groupsJoinRunsCloserThanTheCriticalDifference() {
        // sorted ranks: t2 1.0, t0 1.5, t3 2.6, t1 3.0 with cd 1.2: {t2, t0}, {t0, t3} (1.1 apart), {t3, t1}
        List<int[]> groups = Nemenyi.groups(new double[]{1.5, 3.0, 1.0, 2.6}, 1.2);
        assertEquals(3, groups.size());
        assertArrayEquals(new int[]{2, 0}, groups.get(0));
        assertArrayEquals(new int[]{0, 3}, groups.get(1));
        assertArrayEquals(new int[]{3, 1}, groups.get(2));
        // a run inside a longer one is not drawn again: {t0, t3} only would be inside {t2, t0, t3} with cd 1.7
        List<int[]> wide = Nemenyi.groups(new double[]{1.5, 3.0, 1.0, 2.6}, 1.7);
        assertEquals(2, wide.size());
        assertArrayEquals(new int[]{2, 0, 3}, wide.get(0));
        assertArrayEquals(new int[]{0, 3, 1}, wide.get(1));
        // with a large cd everything is one group; with a tiny one there is none
        assertEquals(1, Nemenyi.groups(new double[]{1.5, 3.0, 1.0, 2.6}, 10).size());
        assertEquals(0, Nemenyi.groups(new double[]{1.5, 3.0, 1.0, 2.6}, 0.1).size());
    }

    @Test
    void rejectsMeaninglessArguments() {
        assertThrows(IllegalArgumentException.class, () -> Nemenyi.criticalValue(1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> Nemenyi.criticalValue(3, 0));
        assertThrows(IllegalArgumentException.class, () -> Nemenyi.criticalDifference(3, 0, 0.05));
    }
}
