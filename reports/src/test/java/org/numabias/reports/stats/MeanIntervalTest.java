package org.numabias.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanIntervalTest {
    @Test
    void matchesRsTTestInterval() {
        // R: t.test(c(1, 2, 3, 4))$conf.int gives 0.445739 4.554261
        // (mean 2.5, sd 1.290994, qt(0.975, 3) = 3.182446, half-width 3.182446 * 1.290994 / 2 = 2.054261)
        MeanInterval m = MeanInterval.of(new double[]{1, 2, 3, 4});
        assertEquals(4, m.n());
        assertEquals(2.5, m.mean(), 1e-12);
        assertEquals(0.445739, m.lower(), 1e-6);
        assertEquals(4.554261, m.upper(), 1e-6);
    }

    @Test
    void oneValueHasNoInterval() {
        MeanInterval m = MeanInterval.of(new double[]{0.7});
        assertEquals(0.7, m.mean());
        assertTrue(Double.isNaN(m.lower()) && Double.isNaN(m.upper()));
    }
}
