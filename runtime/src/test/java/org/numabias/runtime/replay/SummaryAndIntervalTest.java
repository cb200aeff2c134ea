package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A trace summary's equality (every field, the node-pair bytes by content) and an interval's bounds. */
class SummaryAndIntervalTest {
    /** A summary with every field distinct; {@code bump} adds 1 to field {@code bump} (0..11), -1 for none. */
    private static TraceSummary summary(int bump) {
        long[] f = {10, 3, 5, 2, 1, 1, 300, 200, 150, 2};
        if (bump >= 0 && bump < f.length) {
            f[bump]++;
        }
        long[][] pairs = {{100, 20}, {30, bump == 10 ? 51 : 50}};
        return new TraceSummary(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], (int) f[9], pairs,
                bump == 11 ? "ab" : "aa");
    }

    @Test
    void summariesAreEqualByEveryFieldAndTheNodePairsContent() {
        TraceSummary a = summary(-1);
        TraceSummary b = summary(-1);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        for (int field = 0; field < 12; field++) {
            TraceSummary other = summary(field);
            assertNotEquals(a, other, "field " + field);
            assertNotEquals(other, a, "field " + field);
            assertNotEquals(a.hashCode(), other.hashCode(), "field " + field);
        }
        assertFalse(a.equals("not a summary"));
        assertFalse(a.equals(null));
    }

    @Test
    void anIntervalHoldsItsBoundsAndRefusesReversedOrUndefinedOnes() {
        Interval i = new Interval(0.25, 0.5);
        assertTrue(i.contains(0.25));
        assertTrue(i.contains(0.5));
        assertTrue(i.contains(0.3));
        assertFalse(i.contains(0.2499));
        assertFalse(i.contains(0.5001));
        assertTrue(new Interval(1, 1).contains(1), "a point is an interval");
        for (double[] bad : List.of(new double[] {0.5, 0.25}, new double[] {Double.NaN, 1}, new double[] {0, Double.NaN})) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Interval(bad[0], bad[1]));
            assertEquals("not an interval: [" + bad[0] + ", " + bad[1] + "]", e.getMessage());
        }
    }
}
