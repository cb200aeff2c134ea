package org.numabias.reports.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FriedmanTest {
    /** R's {@code example(friedman.test)}: Hollander and Wolfe (1973), p. 140, rounding first base. */
    static final double[][] ROUNDING_TIMES = {
            {5.40, 5.50, 5.55}, {5.85, 5.70, 5.75}, {5.20, 5.60, 5.50}, {5.55, 5.50, 5.40}, {5.90, 5.85, 5.70},
            {5.45, 5.55, 5.60}, {5.40, 5.40, 5.35}, {5.45, 5.50, 5.35}, {5.25, 5.15, 5.00}, {5.85, 5.80, 5.70},
            {5.25, 5.20, 5.10}, {5.65, 5.55, 5.45}, {5.60, 5.35, 5.45}, {5.05, 5.00, 4.95}, {5.50, 5.50, 5.40},
            {5.45, 5.55, 5.50}, {5.55, 5.55, 5.35}, {5.45, 5.50, 5.55}, {5.50, 5.45, 5.25}, {5.65, 5.60, 5.40},
            {5.70, 5.65, 5.55}, {6.30, 6.30, 6.25}};

    @Test
    void matchesRFriedmanTestOnRoundingTimes() {
        // R: Friedman chi-squared = 11.143, df = 2, p-value = 0.003805
        Friedman f = Friedman.test(ROUNDING_TIMES, false);
        assertEquals(11.1429, f.chiSquared(), 5e-5);
        assertEquals(2, f.df());
        assertEquals(0.003805, f.pValue(), 5e-7);
        assertEquals(22, f.blocks());
        assertEquals(3, f.treatments());
        // lower time ranks first: column sums of ranks are 53, 47 and 32 over 22 blocks (counted by hand), with ties averaged
        assertArrayEquals(new double[]{53.0 / 22, 47.0 / 22, 32.0 / 22}, f.averageRanks(), 1e-12);
        // Iman-Davenport: F = (N - 1) chi2 / (N (k - 1) - chi2) on (2, 42) degrees of freedom
        assertEquals(21 * f.chiSquared() / (44 - f.chiSquared()), f.imanDavenportF(), 1e-12);
        assertEquals(2, f.fDf1());
        assertEquals(42, f.fDf2());
        assertTrue(f.fPValue() < f.pValue(), "Iman-Davenport is less conservative here: " + f);
    }

    @Test
    void tieCorrectionMatters() {
        // without the correction the statistic of RoundingTimes would be 12 * 155.5 / (22 * 3 * 4) = 10.6; see R
        Friedman f = Friedman.test(ROUNDING_TIMES, true);
        assertTrue(f.chiSquared() > 11.1, "tie-corrected: " + f.chiSquared());
    }

    @Test
    void imanDavenportMatchesDemsarExample() {
        // Demsar (2006), section 3.2.2: four classifiers, 14 data sets, chi2_F = 9.28 gives F_F = 3.69
        assertEquals(3.69, Friedman.imanDavenport(9.28, 14, 4), 5e-3);
    }

    @Test
    void perfectAgreementGivesInfiniteFAndZeroP() {
        double[][] scores = {{3, 2, 1}, {30, 20, 10}, {0.3, 0.2, 0.1}};
        Friedman f = Friedman.test(scores, true);
        assertEquals(6.0, f.chiSquared(), 1e-12); // N (k - 1)
        assertEquals(Double.POSITIVE_INFINITY, f.imanDavenportF());
        assertEquals(0.0, f.fPValue());
        assertArrayEquals(new double[]{1, 2, 3}, f.averageRanks(), 0);
    }

    @Test
    void allTiesIsUndefinedNotZero() {
        Friedman f = Friedman.test(new double[][]{{1, 1, 1}, {2, 2, 2}}, true);
        assertFalse(f.defined());
        assertTrue(Double.isNaN(f.pValue()));
        assertArrayEquals(new double[]{2, 2, 2}, f.averageRanks(), 0);
    }

    @Test
    void badInputIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Friedman.test(new double[][]{{1, 2}, {1}}, true));
        assertTrue(e.getMessage().contains("block 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Friedman.test(new double[][]{{1, Double.NaN}, {1, 2}}, true));
        assertTrue(e.getMessage().contains("block 0, treatment 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Friedman.test(new double[][]{{1, 2}}, true));
        assertTrue(e.getMessage().contains("at least 2 blocks"), e.getMessage());
    }

    @Test
    void invariantUnderBlockOrderAndMonotoneTransformsWithinBlocks() {
        qt().forAll(longs().all(), integers().between(2, 12), integers().between(2, 8)).checkAssert((seed, n, k) -> {
            Random random = new Random(seed);
            double[][] scores = new double[n][k];
            for (double[] row : scores) {
                for (int t = 0; t < k; t++) {
                    row[t] = random.nextInt(4); // small range: plenty of ties
                }
            }
            Friedman f = Friedman.test(scores, true);
            double[][] changed = new double[n][];
            for (int b = 0; b < n; b++) {
                double scale = 0.5 + random.nextInt(10);
                double shift = random.nextInt(100) - 50;
                changed[n - 1 - b] = java.util.Arrays.stream(scores[b]).map(x -> Math.exp(x) * scale + shift).toArray();
            }
            Friedman g = Friedman.test(changed, true);
            assertArrayEquals(f.averageRanks(), g.averageRanks(), 1e-9);
            // defined exactly when some block has two different scores (else every rank ties and chi2 is 0/0)
            assertEquals(f.defined(), g.defined());
            if (f.defined()) {
                assertEquals(f.chiSquared(), g.chiSquared(), 1e-9);
                assertTrue(f.pValue() >= 0 && f.pValue() <= 1);
                assertTrue(f.chiSquared() >= 0 && f.chiSquared() <= n * (k - 1) + 1e-9);
            }
            double rankSum = java.util.Arrays.stream(f.averageRanks()).sum();
            assertEquals(k * (k + 1) / 2.0, rankSum, 1e-9);
            // reversing the direction mirrors every average rank around (k + 1) / 2, the statistic stays
            Friedman reversed = Friedman.test(scores, false);
            for (int t = 0; t < k; t++) {
                assertEquals(k + 1 - f.averageRanks()[t], reversed.averageRanks()[t], 1e-9);
            }
            assertEquals(f.defined(), reversed.defined());
            if (f.defined()) {
                assertEquals(f.chiSquared(), reversed.chiSquared(), 1e-9);
            }
        });
    }
}
