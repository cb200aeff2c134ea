package org.numabias.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalChartTest {
    private static final double NAN = Double.NaN;

    @Test
    void ratioAxesRunFromZeroToOneUnlessAValueLeavesThem() {
        var inside = new IntervalChart.Series("r", new double[]{0.4, 0.9}, new double[]{0.3, 0.8}, new double[]{0.5, 0.97});
        assertArrayEquals(new double[]{0, 1}, IntervalChart.ratioAxis(List.of(inside)));
        var negative = new IntervalChart.Series("g", new double[]{-0.23, 0.5}, new double[]{-0.31, NAN},
                new double[]{-0.1, NAN});
        assertArrayEquals(new double[]{-0.4, 1}, IntervalChart.ratioAxis(List.of(inside, negative)));
        // an upper bound above 1 does not stretch the axis: it is cut, and the chart says so
        var wide = new IntervalChart.Series("w", new double[]{0.5, 0.6}, new double[]{-3, 0.5}, new double[]{4, 0.7});
        double[] axis = IntervalChart.ratioAxis(List.of(wide));
        assertArrayEquals(new double[]{-1, 1}, axis);
        assertTrue(new IntervalChart("t", "x", List.of("a", "b"), List.of(wide), axis[0], axis[1]).cut());
        assertFalse(new IntervalChart("t", "x", List.of("a", "b"), List.of(inside), 0, 1).cut());
    }

    @Test
    void drawsAndChecksItsShape() {
        var s = new IntervalChart.Series("r", new double[]{0.4, NAN}, new double[]{0.3, NAN}, new double[]{0.5, NAN});
        var image = new IntervalChart("title", "share", List.of("a", "b"), List.of(s), 0, 1).render();
        assertTrue(image.getWidth() > 600 && image.getHeight() > 100);
        assertThrows(IllegalArgumentException.class, () -> new IntervalChart("t", "x", List.of("a"), List.of(s), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new IntervalChart("t", "x", List.of("a", "b"), List.of(s), 1, 1));
    }

    @Test
    void ticksAreRound() {
        assertEquals(0.1, IntervalChart.tickStep(1), 1e-12);
        assertEquals(0.2, IntervalChart.tickStep(2), 1e-12);
        assertEquals(1, IntervalChart.tickStep(5.5), 1e-12);
        assertEquals(0.25, IntervalChart.tickStep(2.5), 1e-12);
    }
}
