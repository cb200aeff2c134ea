package org.numabias.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.PullCursor;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;

/** The SPI's small pieces: key modes, growable arrays, state sizes, the mutable contexts, configs, headers and cursors. */
class SpiPiecesTest {
    private static final Topology TWO = Topology.uniform(2, "t");

    @Test
    void keyModesPickTheSecondHalfOfTheKey() {
        assertEquals(0, KeyMode.DEVICE.secondary(3, 99));
        assertEquals(3, KeyMode.QUEUE.secondary(3, 99));
        assertEquals(99, KeyMode.FLOW.secondary(3, 99));
        assertEquals(KeyMode.QUEUE, KeyMode.parse("queue"));
        assertEquals("key must be device|queue|flow, got 'cpu'",
                assertThrows(ConfigurationException.class, () -> KeyMode.parse("cpu")).getMessage());
    }

    @Test
    void ensureGrowsToAtLeastDoubleAndPadsWithTheFill() {
        long[] l = {1, 2};
        assertSame(l, KeySlots.ensure(l, 2, 7));
        assertArrayEquals(new long[] {1, 2, 7, 7}, KeySlots.ensure(l, 3, 7));
        assertArrayEquals(new long[] {1, 2, 7, 7, 7}, KeySlots.ensure(l, 5, 7));
        int[] i = {4};
        assertSame(i, KeySlots.ensure(i, 1, -1));
        assertArrayEquals(new int[] {4, -1}, KeySlots.ensure(i, 2, -1));
        assertArrayEquals(new int[] {4, -1, -1}, KeySlots.ensure(i, 3, -1));
        double[] d = {0.5, 0.25};
        assertSame(d, KeySlots.ensure(d, 2));
        assertArrayEquals(new double[] {0.5, 0.25, 0, 0}, KeySlots.ensure(d, 3));
        assertArrayEquals(new double[] {0.5, 0.25, 0, 0, 0}, KeySlots.ensure(d, 5));
    }

    @Test
    void keySlotsNumberKeysAndReportTheirSize() {
        // a fresh key table: 32 entries of 3 longs = 768 bytes; key=device adds 16 direct slots (64 bytes)
        assertEquals(768, new KeyTable().sizeBytes());
        assertEquals(768, new KeyTable(16).sizeBytes());
        assertEquals(256 * 24, new KeyTable(100).sizeBytes(), "about 100 entries: 256 of them");
        KeySlots device = new KeySlots(KeyMode.DEVICE);
        assertEquals(832, device.sizeBytes());
        assertEquals(768, new KeySlots(KeyMode.FLOW).sizeBytes());
        MutableAllocationContext ctx = new MutableAllocationContext(TWO);
        assertEquals(0, device.findOrAdd(ctx.set(0, 0, 0, 20, 0, 0, 0, 0, 1)));
        assertEquals(832 + 4 * 16, device.sizeBytes(), "device 20: the direct slots doubled to 32");
        assertEquals(-1, device.find(ctx.set(0, 0, 0, 5000, 0, 0, 0, 0, 1)), "a cold device past the direct range");
        assertEquals(1, device.findOrAdd(ctx));
        assertEquals(1, device.find(ctx));
        assertEquals(0, device.find(ctx.set(0, 0, 0, 20, 0, 0, 0, 0, 1)));
        assertEquals(-1, device.find(ctx.set(0, 0, 0, 19, 0, 0, 0, 0, 1)));
        assertEquals(-1, device.find(ctx.set(0, 0, 0, 40, 0, 0, 0, 0, 1)), "beyond the direct slots so far");
        assertEquals(2, device.findOrAdd(new MutableConsumptionFeedback().set(0, 0, 40, 0, 0, 0, 0, 0, 0, 1)));
        assertEquals(832 + 4 * 48, device.sizeBytes(), "device 40: 41 slots needed, 2 x 32 = 64 made");
        assertEquals(3, device.size());
    }

    @Test
    void theMutableContextsHoldWhatWasSet() {
        MutableAllocationContext a = new MutableAllocationContext(TWO);
        assertSame(a, a.set(1, 2, 3, 4, 5, 6, 7, 1, 9));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 1L, 9L), List.of(a.timeNs(), a.allocIndex(), a.bufferId(),
                (long) a.device(), (long) a.queue(), a.flow(), (long) a.cpu(), (long) a.node(), a.bytes()));
        assertSame(TWO, a.topology());
        MutableConsumptionFeedback f = new MutableConsumptionFeedback();
        assertSame(f, f.set(11, 12, 13, 14, 15, 16, 17, 18, 19, 20));
        assertEquals(List.of(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L), List.of(f.timeNs(), f.bufferId(),
                (long) f.device(), (long) f.queue(), f.flow(), (long) f.producerNode(), (long) f.allocNode(), (long) f.cpu(),
                (long) f.node(), f.bytes()));
    }

    @Test
    void configsParseNumbersAndSayWhatIsWrong() {
        PredictorConfig c = PredictorConfig.of("p", List.of(ParameterSpec.of("n", " 12 ", "n"), ParameterSpec.of("x", "0.5", "x"),
                ParameterSpec.key()), Map.of("x", "inf"));
        assertEquals("p", c.predictor());
        assertEquals(12, c.integer("n"));
        assertEquals("p{n= 12 , x=inf, key=device}", c.toString());
        assertEquals("parameter 'x' of predictor 'p' must be a finite number, got 'inf'",
                assertThrows(ConfigurationException.class, () -> c.real("x")).getMessage());
        assertEquals(0.25, PredictorConfig.of("p", List.of(ParameterSpec.of("x", "0.25", "x")), Map.of()).real("x"));
        assertEquals("parameter 'x' of predictor 'p' must be a finite number, got 'NaN'", assertThrows(ConfigurationException.class,
                () -> PredictorConfig.of("p", List.of(ParameterSpec.of("x", "NaN", "x")), Map.of()).real("x")).getMessage());
        assertEquals(KeyMode.DEVICE, c.keyMode());
        assertEquals("predictor 'p' has no parameter 'y'", assertThrows(ConfigurationException.class, () -> c.string("y")).getMessage());
        c.require(true, "n", "anything");
        assertEquals("parameter 'n' of predictor 'p' must be small, got ' 12 '",
                assertThrows(ConfigurationException.class, () -> c.require(false, "n", "small")).getMessage());
        assertEquals("unknown parameter 'y' for predictor 'q'; accepted: (none)", assertThrows(ConfigurationException.class,
                () -> PredictorConfig.of("q", List.of(), Map.of("y", "1"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterSpec.choice("w", "z", "w", "a", "b"));
        assertEquals("ewma", PredictorSpec.parse("ewma").toString());
    }

    @Test
    void headersCopyTheirContentsAndRefuseTooMany() {
        Map<String, String> provenance = new java.util.HashMap<>(Map.of("a", "1"));
        TraceHeader h = TraceHeader.of(TWO, List.of("eth0"), provenance, Map.of("events", 3L));
        provenance.put("b", "2");
        assertEquals(Map.of("a", "1"), h.provenance());
        assertEquals(TraceHeader.CURRENT_FORMAT, h.formatVersion());
        TraceHeader more = h.withProvenance("a", "9").withProvenance("c", "3");
        assertEquals(List.of("a", "c"), List.copyOf(more.provenance().keySet()));
        assertEquals("9", more.provenance().get("a"));
        assertEquals(h.counts(), more.counts());
        assertThrows(UnsupportedOperationException.class, () -> h.counts().put("x", 1L));
        List<String> many = java.util.Collections.nCopies(TraceHeader.MAX_ENTRIES + 1, "d");
        assertThrows(IllegalArgumentException.class, () -> TraceHeader.of(TWO, many, Map.of(), Map.of()));
        Map<String, String> manyProvenance = new java.util.HashMap<>();
        Map<String, Long> manyCounts = new java.util.HashMap<>();
        for (int i = 0; i < TraceHeader.MAX_ENTRIES; i++) {
            manyProvenance.put("k" + i, "v");
            manyCounts.put("c" + i, 1L);
        }
        TraceHeader.of(TWO, List.of(), manyProvenance, manyCounts);
        manyProvenance.put("one-more", "v");
        manyCounts.put("one-more", 1L);
        assertThrows(IllegalArgumentException.class, () -> TraceHeader.of(TWO, List.of(), manyProvenance, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> TraceHeader.of(TWO, List.of(), Map.of(), manyCounts));
        TraceHeader.of(TWO, many.subList(0, TraceHeader.MAX_ENTRIES), Map.of(), Map.of());
    }

    @Test
    void cursorsGiveEachEventOnceThenRefuse() {
        List<TraceEvent> events = List.of(new TraceEvent.Free(1, 1), new TraceEvent.Free(2, 2));
        InMemoryTrace trace = new InMemoryTrace(TraceHeader.of(TWO, List.of(), Map.of(), Map.of()), events, "two");
        assertEquals(2, trace.knownEvents());
        try (TraceCursor c = trace.open()) {
            assertEquals(events.get(0), c.next());
            assertTrue(c.hasNext());
            assertEquals(events.get(1), c.next());
            assertFalse(c.hasNext());
        }
        ArrayDeque<TraceEvent> queue = new ArrayDeque<>(events);
        int[] fetches = {0};
        PullCursor pull = new PullCursor() {
            @Override
            protected TraceEvent fetch() {
                fetches[0]++;
                return queue.poll();
            }

            @Override
            public void close() {
                // nothing held
            }
        };
        assertTrue(pull.hasNext());
        assertTrue(pull.hasNext());
        assertEquals(1, fetches[0], "hasNext() twice fetches once");
        assertEquals(events.get(0), pull.next());
        assertEquals(events.get(1), pull.next());
        assertFalse(pull.hasNext());
        assertThrows(NoSuchElementException.class, pull::next);
    }
}
