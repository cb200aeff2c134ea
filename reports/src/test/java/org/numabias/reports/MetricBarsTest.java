package org.numabias.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricBarsTest {
    @Test
    void barLabelsHaveUpToThreeDecimalsAndNoNegativeZero() {
        assertEquals("0", MetricBars.label(-0.0001));
        assertEquals("0.1", MetricBars.label(0.1));
        assertEquals("0.357", MetricBars.label(0.35712));
        assertEquals("100", MetricBars.label(100));
        assertEquals("-0.028", MetricBars.label(-0.028));
    }
}
