package org.numabias.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * KeySlots numbers keys 0, 1, 2, ... in order of first sight in every mode, whether a device is
 * looked up by index (small ids in DEVICE mode) or hashed (negative or large ids, other modes).
 */
class KeySlotsTest {
    @Test
    void numbersKeysInOrderOfFirstSight() {
        qt().withExamples(200).forAll(longs().all(), integers().between(1, 2000), integers().between(0, 2))
                .checkAssert((seed, operations, modeIndex) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    KeyMode mode = KeyMode.values()[modeIndex];
                    KeySlots slots = new KeySlots(mode);
                    Map<List<Long>, Integer> model = new HashMap<>();
                    MutableAllocationContext ctx = new MutableAllocationContext(Topology.uniform(2, "test"));
                    MutableConsumptionFeedback fb = new MutableConsumptionFeedback();
                    for (int i = 0; i < operations; i++) {
                        int device = switch (rnd.nextInt(6)) {
                            case 0 -> -1 - rnd.nextInt(3);
                            case 1 -> KeySlots.DIRECT_DEVICES - 2 + rnd.nextInt(4); // both sides of the index
                            case 2 -> rnd.nextInt(Integer.MAX_VALUE);
                            default -> rnd.nextInt(20);
                        };
                        int queue = rnd.nextInt(4) - 1;
                        long flow = rnd.nextInt(8) - 1;
                        List<Long> key = List.of((long) device, mode.secondary(queue, flow));
                        ctx.set(i, i, i, device, queue, flow, 0, 0, 1);
                        fb.set(i, i, device, queue, flow, 0, 0, 0, 0, 1);
                        switch (rnd.nextInt(3)) {
                            case 0 -> assertEquals(model.getOrDefault(key, -1), slots.find(ctx));
                            case 1 -> assertEquals(model.computeIfAbsent(key, k -> model.size()), slots.findOrAdd(ctx));
                            default -> assertEquals(model.computeIfAbsent(key, k -> model.size()), slots.findOrAdd(fb));
                        }
                        assertEquals(model.size(), slots.size());
                    }
                });
    }
}
