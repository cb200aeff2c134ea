package org.numabias.tribuo.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;
import org.numabias.api.KeyMode;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.Topology;

/** The features of an allocation come from the feedback delivered before it, per key, most recent first. */
class FeatureStateTest {
    private final Topology topology = Topology.uniform(4, "test");
    private final MutableAllocationContext ctx = new MutableAllocationContext(topology);
    private final MutableConsumptionFeedback fb = new MutableConsumptionFeedback();

    private int[] encode(FeatureState state, long time, int device, long flow, long bytes) {
        int[] values = new int[state.features().groups()];
        state.encode(ctx.set(time, 0, 1, device, 2, flow, 3, 1, bytes), values);
        return values;
    }

    private void consume(FeatureState state, long time, int device, long flow, int node) {
        state.observe(fb.set(time, 1, device, 2, flow, 1, 1, 0, node, 100));
    }

    @Test
    void coldKeyHasNoHistoryAndTheAllocationsOwnFields() {
        FeatureState state = new FeatureState(new FeatureSet(KeyMode.DEVICE, 2));
        // device, queue, flow bucket (200 mod 64), producer node, size (bit length of 1500), last1, last2, since
        assertArrayEquals(new int[]{5, 2, 8, 1, 11, -1, -1, -1}, encode(state, 1000, 5, 200, 1500));
        assertArrayEquals(new int[]{5, 2, -1, 1, -1, -1, -1, -1}, encode(state, 1000, 5, -1, -1));
    }

    @Test
    void historyIsMostRecentFirstAndSinceIsTheBitLengthOfTheGap() {
        FeatureState state = new FeatureState(new FeatureSet(KeyMode.DEVICE, 3));
        consume(state, 100, 0, 7, 2);
        consume(state, 200, 0, 7, 3);
        int[] v = encode(state, 200 + 1000, 0, 7, 64);
        assertArrayEquals(new int[]{3, 2, -1}, new int[]{v[5], v[6], v[7]});
        assertEquals(10, v[8]); // 1000 ns: bit length 10
        consume(state, 1300, 0, 7, 0);
        consume(state, 1400, 0, 7, 1);
        v = encode(state, 1400, 0, 7, 64);
        assertArrayEquals(new int[]{1, 0, 3, 0}, new int[]{v[5], v[6], v[7], v[8]}); // oldest (2) fell out; gap 0
        assertArrayEquals(v, encode(state, 1400, 0, 7, 64)); // encoding does not change the state
    }

    @Test
    void theKeyDecidesWhoseHistoryAnAllocationSees() {
        FeatureState byDevice = new FeatureState(new FeatureSet(KeyMode.DEVICE, 1));
        FeatureState byFlow = new FeatureState(new FeatureSet(KeyMode.FLOW, 1));
        for (FeatureState s : new FeatureState[]{byDevice, byFlow}) {
            consume(s, 10, 0, 111, 2);
            consume(s, 20, 0, 222, 3);
        }
        assertEquals(3, encode(byDevice, 30, 0, 111, 64)[5]);
        assertEquals(2, encode(byFlow, 30, 0, 111, 64)[5]);
        assertEquals(3, encode(byFlow, 30, 0, 222, 64)[5]);
        assertEquals(-1, encode(byFlow, 30, 1, 111, 64)[5]); // another device's flow 111 is another key
    }

    @Test
    void noHistoryStillKnowsTheGap() {
        FeatureState state = new FeatureState(new FeatureSet(KeyMode.DEVICE, 0));
        assertEquals(6, state.features().groups());
        consume(state, 10, 0, 1, 2);
        assertArrayEquals(new int[]{0, 2, 1, 1, 7, 5}, encode(state, 30, 0, 1, 100));
    }

    @Test
    void bucketsAreBitLengths() {
        assertEquals(-1, FeatureSet.bitLength(-1));
        assertEquals(0, FeatureSet.bitLength(0));
        assertEquals(8, FeatureSet.bitLength(255));
        assertEquals(9, FeatureSet.bitLength(256));
        assertEquals(63, FeatureSet.flowBucket(0xFFFF_FFFFL));
        assertEquals(-1, FeatureSet.flowBucket(-1));
    }

    @Test
    void everyFeatureNameParsesBackToItsGroupAndValue() {
        qt().forAll(integers().between(0, FeatureSet.MAX_HISTORY), integers().between(0, 30), integers().between(-1, 1 << 20))
                .checkAssert((k, g0, value) -> {
                    FeatureSet set = new FeatureSet(KeyMode.QUEUE, k);
                    int g = g0 % set.groups();
                    String name = set.featureName(g, value);
                    assertEquals(g, set.groupOf(name), name);
                    assertEquals(value, FeatureSet.valueOf(name), name);
                });
    }
}
