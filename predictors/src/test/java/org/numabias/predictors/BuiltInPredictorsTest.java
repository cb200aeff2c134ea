package org.numabias.predictors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.numabias.api.ConfigurationException;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;

/**
 * Each built-in predictor on small hand-worked sequences (DESIGN.md's rules; expected nodes worked
 * out by hand in the comments), its parameters' checks and its state estimate. A fresh key table
 * is 32 entries of 3 longs (768 bytes), plus 16 ints (64 bytes) of direct device slots in key=device mode.
 */
class BuiltInPredictorsTest {
    @Test
    void producerLocalAlwaysAnswersTheProducersNode() {
        Calls c = new Calls("producer-local", 4);
        assertEquals(3, c.predict(0, 3));
        c.consumed(0, 1).consumed(0, 1);
        assertEquals(2, c.predict(0, 2));
        assertEquals(0, c.p.stateSizeBytes());
    }

    @Test
    void interleaveGoesRoundTheNodesPerKey() {
        Calls c = new Calls("interleave", 3);
        assertEquals(960, c.p.stateSizeBytes(), "832 for the keys, 16 counters of 8 bytes");
        assertEquals(List.of(0, 1, 2, 0), List.of(c.predict(0, 2), c.predict(0, 2), c.predict(0, 2), c.predict(0, 2)));
        assertEquals(0, c.predict(1, 2), "device 1 has its own counter");
        c.consumed(0, 2);
        assertEquals(1, c.predict(0, 2), "blind to consumers");
        Calls q = new Calls("interleave:key=queue", 2);
        assertEquals(List.of(0, 0, 1, 1), List.of(q.predict(0, 0, 0, 0), q.predict(0, 1, 0, 0), q.predict(0, 0, 0, 0),
                q.predict(0, 1, 0, 0)));
    }

    @Test
    void majorityTakesTheMostFrequentNodeWithTheTieRule() {
        Calls c = new Calls("majority", 4);
        assertEquals(1344, c.p.stateSizeBytes(), "832 for the keys, 64 counts of 8 bytes");
        assertEquals(3, c.predict(0, 3), "a cold key: the producer's node");
        c.consumed(0, 1).consumed(0, 3);
        assertEquals(3, c.predict(0, 3), "1 vs 1: the producer's node is among the maxima");
        assertEquals(1, c.predict(0, 0), "1 vs 1, producer 0 not among them: the lowest node");
        c.consumed(0, 2).consumed(0, 2);
        assertEquals(2, c.predict(0, 3), "2 reads on node 2");
        assertEquals(0, c.predict(1, 0), "another device is cold");
    }

    @Test
    void majorityByBytesWeighsEachReadByItsBytes() {
        Calls bytes = new Calls("majority:weight=bytes", 3);
        Calls count = new Calls("majority", 3);
        for (Calls c : List.of(bytes, count)) {
            c.consumed(0, 0, 0, 1, 1000).consumed(0, 0, 0, 2, 100).consumed(0, 0, 0, 2, 100).consumed(0, 0, 0, 2, 100);
        }
        assertEquals(1, bytes.predict(0, 0), "1000 bytes on node 1 against 300 on node 2");
        assertEquals(2, count.predict(0, 0), "3 reads on node 2 against 1 on node 1");
    }

    @Test
    void majorityByFlowKeepsFlowsApart() {
        Calls c = new Calls("majority:key=flow", 3);
        c.consumed(0, 0, 7, 1, 100).consumed(0, 0, 8, 2, 100);
        assertEquals(1, c.predict(0, 0, 7, 0));
        assertEquals(2, c.predict(0, 0, 8, 0));
        assertEquals(0, c.predict(0, 0, 9, 0), "flow 9 is cold");
        assertEquals(768 + 8 * 64, c.p.stateSizeBytes(), "no direct device slots with key=flow");
    }

    @Test
    void lastConsumerFollowsTheLatestRead() {
        Calls c = new Calls("last-consumer", 4);
        assertEquals(832, c.p.stateSizeBytes());
        assertEquals(2, c.predict(0, 2), "cold: the producer's node");
        c.consumed(0, 3);
        assertEquals(3, c.predict(0, 2));
        c.consumed(0, 1);
        assertEquals(1, c.predict(0, 2));
        assertEquals(0, c.predict(5, 0), "device 5 is cold");
        assertEquals(832 + 4 * 1, c.p.stateSizeBytes(), "one int per key seen");
    }

    @Test
    void ewmaDecaysOldReadsByOneMinusAlpha() {
        Calls c = new Calls("ewma:alpha=0.5", 4);
        assertEquals(1344, c.p.stateSizeBytes(), "832 for the keys, 64 scores of 8 bytes");
        assertEquals(1, c.predict(0, 1), "cold: the producer's node");
        c.consumed(0, 1).consumed(0, 1);   // node 1: 0.5, then 0.75
        assertEquals(1, c.predict(0, 0));
        c.consumed(0, 2);                  // node 1: 0.375, node 2: 0.5
        assertEquals(2, c.predict(0, 0));
        c.consumed(0, 1);                  // node 1: 0.6875, node 2: 0.25
        assertEquals(1, c.predict(0, 3));
        Calls all = new Calls("ewma:alpha=1", 4);
        all.consumed(0, 2).consumed(0, 3); // alpha 1 forgets everything but the last read
        assertEquals(3, all.predict(0, 2));
    }

    @Test
    void ewmaRefusesAnAlphaOutsideZeroToOne() {
        for (String alpha : List.of("0", "-0.1", "1.01")) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> new Calls("ewma:alpha=" + alpha, 2));
            assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("in (0, 1]"), e.getMessage());
        }
    }

    @Test
    void markovOfOrderOnePredictsTheUsualSuccessor() {
        Calls c = new Calls("markov", 3);
        assertEquals(2816, c.p.stateSizeBytes(), "keys 832, transitions 768, 144 longs, 16 ints");
        assertEquals(2, c.predict(0, 2), "cold: the producer's node");
        c.consumed(0, 2);
        assertEquals(2, c.predict(0, 0), "no transition from node 2 yet: the majority, node 2");
        c.consumed(0, 0).consumed(0, 1).consumed(0, 0).consumed(0, 1).consumed(0, 0); // 2 0 1 0 1 0
        assertEquals(1, c.predict(0, 2), "after 0 came 1, twice");
        c.consumed(0, 1);
        assertEquals(0, c.predict(0, 2), "after 1 came 0, twice");
    }

    @Test
    void markovOfOrderTwoUsesTwoNodesOfHistory() {
        Calls c = new Calls("markov:order=2", 2);
        for (int node : new int[] {0, 0, 1, 0, 0, 1, 0, 0}) {
            c.consumed(0, node);
        }
        // after (0, 0) came 1 both times; majority alone would say 0 (6 of 8)
        assertEquals(1, c.predict(0, 0));
        Calls young = new Calls("markov:order=2", 2);
        young.consumed(0, 1);
        assertEquals(1, young.predict(0, 0), "one node of history: the majority");
    }

    @Test
    void markovRefusesOrdersOutsideItsRange() {
        assertThrows(ConfigurationException.class, () -> new Calls("markov:order=0", 2));
        assertThrows(ConfigurationException.class, () -> new Calls("markov:order=17", 2));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new Calls("markov:order=7", 1024));
        assertTrue(e.getMessage().contains("fits in a long (1024 nodes)"), e.getMessage());
        new Calls("markov:order=16", 2); // 2^16 states: accepted
    }

    @Test
    void twoStageMovesAfterTwoConsecutiveReadsOnANode() {
        Calls c = new Calls("two-stage", 4);
        assertEquals(832, c.p.stateSizeBytes());
        assertEquals(3, c.predict(0, 3), "cold: the producer's node");
        c.consumed(0, 2);
        assertEquals(2, c.predict(0, 3), "the first read sets the preferred node");
        c.consumed(0, 1);
        assertEquals(2, c.predict(0, 3), "one read on node 1 is not enough");
        c.consumed(0, 1);
        assertEquals(1, c.predict(0, 3), "two in a row are");
        assertEquals(832 + 8, c.p.stateSizeBytes(), "two ints per key seen");
        Calls zero = new Calls("two-stage", 3);
        zero.consumed(0, 0);
        assertEquals(0, zero.predict(0, 2), "node 0 is a preferred node like any other");
        zero.consumed(0, 1);
        assertEquals(0, zero.predict(0, 2), "a read on node 1 after node 0: not yet");
    }

    @Test
    void theOracleAnswersItsFutureOrTheProducersNode() {
        OraclePredictor p = new OraclePredictor();
        MutableAllocationContext ctx = new MutableAllocationContext(Topology.uniform(4, "test"));
        assertThrows(IllegalStateException.class, () -> p.predict(ctx.set(0, 0, 1, 0, 0, 0, 0, 3, 64)));
        p.useLookahead(allocIndex -> allocIndex == 0 ? 2 : allocIndex == 1 ? -1 : 0);
        assertEquals(2, p.predict(ctx.set(0, 0, 1, 0, 0, 0, 0, 3, 64)));
        assertEquals(3, p.predict(ctx.set(0, 1, 1, 0, 0, 0, 0, 3, 64)), "never consumed: the producer's node");
        assertEquals(0, p.predict(ctx.set(0, 2, 1, 0, 0, 0, 0, 3, 64)));
        assertEquals(0, p.stateSizeBytes());
    }

    @Test
    void everyBuiltInSaysItsStateIsPerDeviceAndDescribesItself() {
        PredictorRegistry registry = PredictorRegistry.builtIn();
        List<String> names = List.of("ewma", "interleave", "last-consumer", "majority", "markov", "oracle", "producer-local",
                "two-stage");
        assertEquals(names, registry.names().stream().sorted().toList());
        for (String name : names) {
            var provider = registry.find(name).provider();
            assertTrue(provider.stateIsPerDevice(), name);
            assertEquals(1, provider.spiVersion(), name);
            assertTrue(provider.description().length() > 20, name);
        }
        assertEquals(List.of("key", "alpha"), registry.find("ewma").provider().parameters().stream()
                .map(org.numabias.api.ParameterSpec::name).toList());
        assertEquals(List.of("key", "weight"), registry.find("majority").provider().parameters().stream()
                .map(org.numabias.api.ParameterSpec::name).toList());
        assertEquals(List.of("key", "order"), registry.find("markov").provider().parameters().stream()
                .map(org.numabias.api.ParameterSpec::name).toList());
        assertEquals(List.of(), registry.find("oracle").provider().parameters());
        assertEquals(List.of(), registry.find("producer-local").provider().parameters());
    }

    /**
     * Thirty devices, each read on its own node (device d on node d mod 3), learned side by side: each
     * key's state is its own, however many keys there are (their arrays grow past their first size).
     */
    @Test
    void manyKeysKeepSeparateState() {
        for (String spec : List.of("majority", "majority:weight=bytes", "ewma", "markov", "markov:order=2", "last-consumer",
                "two-stage")) {
            Calls c = new Calls(spec, 3);
            for (int round = 0; round < 3; round++) {
                for (int d = 0; d < 30; d++) {
                    c.consumed(d, d % 3);
                }
            }
            for (int d = 0; d < 30; d++) {
                assertEquals(d % 3, c.predict(d, (d + 1) % 3), spec + " device " + d);
            }
        }
        Calls interleave = new Calls("interleave", 3);
        for (int d = 0; d < 30; d++) {
            assertEquals(0, interleave.predict(d, 1), "each device's first interleaved buffer: node 0");
        }
        for (int d = 0; d < 30; d++) {
            assertEquals(1, interleave.predict(d, 1), "and its second: node 1");
        }
    }

    @Test
    void twoStageAndMarkovKeepTheirHistoryPerKey() {
        Calls two = new Calls("two-stage", 3);
        two.consumed(0, 1).consumed(1, 2).consumed(0, 2).consumed(1, 2);
        assertEquals(1, two.predict(0, 0), "device 0: 1 then 2, not yet moved");
        assertEquals(2, two.predict(1, 0), "device 1: 2 twice");
        Calls markov = new Calls("markov", 3);
        markov.consumed(0, 0).consumed(1, 1).consumed(0, 2).consumed(1, 0).consumed(0, 0).consumed(1, 1);
        assertEquals(2, markov.predict(0, 1), "device 0: after 0 came 2");
        assertEquals(0, markov.predict(1, 2), "device 1: after 1 came 0");
    }
}
