package org.numabias.reports.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Against figures of R's {@code wilcox.test} and {@code p.adjust(method = "holm")}, and hand enumeration. */
class WilcoxonVsControlTest {
    /** R's ?wilcox.test example (Hollander and Wolfe, depression scale after and before therapy). */
    private static final double[] X = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
    private static final double[] Y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};

    @Test
    void matchesRsPairedExampleExactly() {
        // R: wilcox.test(x, y, paired = TRUE, alternative = "greater") gives V = 40, p-value = 0.01953.
        // By hand: the differences' absolute ranks are 1..9 with ranks 2 and 3 negative, so W- = 5, W+ = 40;
        // subsets of {1..9} summing to at most 5: {}, {1}, {2}, {3}, {1,2}, {4}, {1,3}, {5}, {1,4}, {2,3} = 10
        // of 2^9 = 512, so the two-sided exact p-value is 2 * 10 / 512 = 0.0390625.
        double[][] scores = new double[X.length][];
        for (int i = 0; i < X.length; i++) {
            scores[i] = new double[]{Y[i], X[i]};
        }
        WilcoxonVsControl w = WilcoxonVsControl.test(List.of("before", "after"), scores, 0);
        WilcoxonVsControl.Row row = w.rows().getFirst();
        assertEquals("before", w.control());
        assertEquals("after", row.predictor());
        assertEquals(40.0, row.wPlus());
        assertEquals(5.0, row.wMinus());
        assertEquals(20.0 / 512, row.pValue(), 1e-12);
        assertEquals(20.0 / 512, row.holm(), 1e-12); // one comparison: nothing to correct
        assertEquals((40.0 - 5) / 45, row.rankBiserial(), 1e-12);
        assertEquals(0.49, row.medianDifference(), 1e-9); // sorted differences: the 5th of 9 is 1.55 - 1.06
        assertEquals(9, row.nonZero());
    }

    @Test
    void holmMatchesPAdjust() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), method = "holm") gives 0.03 0.06 0.06 0.02:
        // sorted 0.005 x 4 = 0.02, 0.01 x 3 = 0.03, 0.03 x 2 = 0.06, 0.04 x 1 = 0.04 -> running max 0.06.
        assertArrayEquals(new double[]{0.03, 0.06, 0.06, 0.02}, Holm.adjust(new double[]{0.01, 0.04, 0.03, 0.005}), 1e-12);
        // capped at 1: p.adjust(c(0.5, 0.6), "holm") gives 1 1... 0.5 x 2 = 1, then max(1, 0.6) = 1
        assertArrayEquals(new double[]{1, 1}, Holm.adjust(new double[]{0.5, 0.6}), 1e-12);
    }

    @Test
    void severalPredictorsAreCorrectedTogether() {
        // Five blocks; A beats the control in all five (exact two-sided p = 2/32 = 0.0625), B loses in all
        // five (also 0.0625), C ties it everywhere (p = 1). Holm: 0.0625 x 3 = 0.1875 for both, C stays 1.
        // (differences, all distinct in size: A +0.1 +0.3 +0.15 +0.35 +0.05; B -0.4 -0.2 -0.25 -0.3 -0.05)
        double[][] scores = {{0.5, 0.6, 0.1, 0.5}, {0.4, 0.7, 0.2, 0.4}, {0.3, 0.45, 0.05, 0.3}, {0.6, 0.95, 0.3, 0.6},
                {0.2, 0.25, 0.15, 0.2}};
        WilcoxonVsControl w = WilcoxonVsControl.test(List.of("ctl", "A", "B", "C"), scores, 0);
        assertEquals(List.of("A", "B", "C"), w.rows().stream().map(WilcoxonVsControl.Row::predictor).toList());
        assertEquals(0.0625, w.rows().get(0).pValue(), 1e-12);
        assertEquals(0.1875, w.rows().get(0).holm(), 1e-12);
        assertEquals(1.0, w.rows().get(0).rankBiserial());
        assertEquals(-1.0, w.rows().get(1).rankBiserial());
        assertEquals(0.1875, w.rows().get(1).holm(), 1e-12);
        assertEquals(1.0, w.rows().get(2).pValue());
        assertEquals(0, w.rows().get(2).nonZero());
        assertEquals(0.0, w.rows().get(2).rankBiserial());
    }

    @Test
    void refusesTooFewBlocks() {
        assertThrows(IllegalArgumentException.class,
                () -> WilcoxonVsControl.test(List.of("a", "b"), new double[][]{{1, 2}}, 0));
    }
}
