package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every measurement from hand-computed sums (DESIGN.md's formulas worked out on paper), and the undefined cases. */
class RawSumsTest {
    @Test
    void computesEveryMeasurementFromTheSums() {
        // 4 scored consumptions of 100 bytes on 2 nodes (distance 20 remote): 3 predicted right, 1 wrong;
        // the oracle got all 4, producer-local 2, majority 2, last-consumer 3
        RawSums s = new RawSums(4, 400, 3, 300, 300 * 10 + 100 * 20, new long[] {3, 1}, new long[] {2, 2},
                400 * 10, 0, 200, 2, 3, 5, 1, 0, 2);
        Map<Measurement, Number> m = s.measurements();
        assertEquals(Measurement.values().length, m.size());
        assertEquals(4L, m.get(Measurement.CONSUMPTIONS));
        assertEquals(400L, m.get(Measurement.BYTES));
        assertEquals(5L, m.get(Measurement.ALLOCS));
        assertEquals(1L, m.get(Measurement.UNCONSUMED_ALLOCS));
        assertEquals(0L, m.get(Measurement.UNKNOWN_CONSUMES));
        assertEquals(0.75, m.get(Measurement.ACCURACY));
        assertEquals(0.75, m.get(Measurement.LOCAL_BYTE_RATIO));
        assertEquals(100L, m.get(Measurement.REMOTE_BYTES));
        assertEquals(500.0, m.get(Measurement.COST));
        assertEquals(0.25, m.get(Measurement.REGRET)); // 500 / 400 - 1
        assertEquals(0.5, m.get(Measurement.CAPTURED_GAIN)); // (200 - 100) / (200 - 0)
        assertEquals(0.25, m.get(Measurement.REMOTE_BYTES_AVOIDED)); // (200 - 100) / 400
        assertEquals(0.5, m.get(Measurement.KAPPA)); // pc = 3/4 * 2/4 + 1/4 * 2/4 = 0.5
        assertEquals(0.5, m.get(Measurement.KAPPA_M)); // pc = 2/4
        assertEquals(0.0, m.get(Measurement.KAPPA_TEMPORAL)); // pc = 3/4 = p0
        assertEquals(250.0, m.get(Measurement.MPKS));
        assertEquals(2L, m.get(Measurement.FAULTS));
        for (Measurement k : Measurement.values()) {
            assertEquals(k.type(), m.get(k).getClass(), k.key());
            assertEquals(m.get(k), k.of(s), k.key());
        }
    }

    @Test
    void undefinedRatiosAreNull() {
        RawSums none = new RawSums(0, 0, 0, 0, 0, new long[2], new long[2], 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Map<Measurement, Number> m = none.measurements();
        for (Measurement k : Measurement.values()) {
            if (k.type() == Double.class && k != Measurement.COST) {
                assertNull(m.get(k), k.key());
            }
        }
        // one node predicted and consumed throughout: chance agreement is 1, kappa's denominator 0
        RawSums certain = new RawSums(2, 20, 2, 20, 200, new long[] {2, 0}, new long[] {2, 0}, 200, 0, 0, 2, 2, 1, 0, 0, 0);
        Map<Measurement, Number> c = certain.measurements();
        assertNull(c.get(Measurement.KAPPA));
        assertNull(c.get(Measurement.CAPTURED_GAIN)); // producer-local already as good as the oracle: nothing to capture
        assertEquals(0.0, c.get(Measurement.REGRET));
    }
}
