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

/** KeyTable behaves like a HashMap of (long, long) pairs under any mix of put, remove and get. */
class KeyTableTest {
    @Test
    void agreesWithAHashMapModel() {
        qt().withExamples(300).forAll(longs().all(), integers().between(1, 3000), integers().between(1, 64))
                .checkAssert((seed, operations, keySpace) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    KeyTable table = new KeyTable(1);
                    Map<List<Long>, Integer> model = new HashMap<>();
                    for (int i = 0; i < operations; i++) {
                        // keys collide on purpose: small spaces, negative and extreme values
                        long a = pick(rnd, keySpace);
                        long b = pick(rnd, keySpace);
                        List<Long> key = List.of(a, b);
                        switch (rnd.nextInt(3)) {
                            case 0 -> {
                                int v = rnd.nextInt(1_000_000);
                                table.put(a, b, v);
                                model.put(key, v);
                            }
                            case 1 -> assertEquals(model.containsKey(key) ? model.remove(key) : KeyTable.ABSENT,
                                    table.remove(a, b));
                            default -> assertEquals(model.getOrDefault(key, KeyTable.ABSENT), table.get(a, b));
                        }
                        assertEquals(model.size(), table.size());
                    }
                    for (Map.Entry<List<Long>, Integer> e : model.entrySet()) {
                        assertEquals(e.getValue(), table.get(e.getKey().get(0), e.getKey().get(1)));
                    }
                });
    }

    private static long pick(SplittableRandom rnd, int keySpace) {
        return switch (rnd.nextInt(10)) {
            case 0 -> Long.MIN_VALUE + rnd.nextInt(keySpace);
            case 1 -> -1 - rnd.nextInt(keySpace);
            default -> rnd.nextInt(keySpace);
        };
    }
}
