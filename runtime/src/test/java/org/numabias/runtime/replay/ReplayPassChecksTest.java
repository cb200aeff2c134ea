package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.store.ChronicleTraceWriter;

/** The pass's checks of the events (messages naming the source, the event index and the field), its counts, progress and scoring start. */
class ReplayPassChecksTest {
    private static final Topology TWO = Topology.uniform(2, "test");

    private static InMemoryTrace trace(TraceEvent... events) {
        return new InMemoryTrace(TraceHeader.of(TWO, List.of(), Map.of(), Map.of()), List.of(events), "bad.trace");
    }

    private static ReplayReport replay(InMemoryTrace trace, ReplayEngine.Options options) {
        return new ReplayEngine(PredictorRegistry.builtIn()).run(trace, TWO, List.of("producer-local"), options);
    }

    private static String failure(TraceEvent... events) {
        return assertThrows(TraceFormatException.class, () -> replay(trace(events), ReplayEngine.Options.defaults()))
                .getMessage();
    }

    private static TraceEvent.Alloc alloc(long time, long id, int node, long bytes) {
        return new TraceEvent.Alloc(time, id, 0, 0, 0, 0, node, bytes);
    }

    @Test
    void aTimeThatGoesBackIsRefusedNamingTheEvent() {
        assertEquals("bad.trace: event 2: time 5 is before the previous event's 10",
                failure(alloc(3, 1, 0, 64), new TraceEvent.Consume(10, 1, 0, 0, 64), new TraceEvent.Free(5, 1)));
    }

    @Test
    void equalTimesAreAccepted() {
        ReplayReport r = replay(trace(alloc(7, 1, 0, 64), new TraceEvent.Consume(7, 1, 0, 1, 64), new TraceEvent.Free(7, 1)),
                ReplayEngine.Options.defaults());
        assertEquals(3, r.summary().events());
    }

    @Test
    void nodesOutsideTheTopologyAreRefusedNamingTheKindOfEvent() {
        assertEquals("bad.trace: event 1: Alloc node 2 is outside 0..1 (topology: " + TWO.describe() + ")",
                failure(alloc(0, 1, 0, 64), alloc(1, 2, 2, 64)));
        assertEquals("bad.trace: event 0: Alloc node -1 is outside 0..1 (topology: " + TWO.describe() + ")",
                failure(alloc(0, 1, -1, 64)));
        assertEquals("bad.trace: event 1: Consume node 2 is outside 0..1 (topology: " + TWO.describe() + ")",
                failure(alloc(0, 1, 1, 64), new TraceEvent.Consume(1, 1, 0, 2, 64)));
        assertEquals("bad.trace: event 1: Consume node -1 is outside 0..1 (topology: " + TWO.describe() + ")",
                failure(alloc(0, 1, 1, 64), new TraceEvent.Consume(1, 1, 0, -1, 64)));
    }

    @Test
    void aConsumeWithNegativeBytesIsRefused() {
        assertEquals("bad.trace: event 1: Consume has unknown or negative bytes -1",
                failure(alloc(0, 1, 1, 64), new TraceEvent.Consume(1, 1, 0, 0, -1)));
    }

    @Test
    void byteSumsAreExactUpToTheirLimitsAndRefusedPastThem() {
        long max = Long.MAX_VALUE;
        ReplayReport full = replay(trace(alloc(0, 1, 0, max - 1), alloc(1, 2, 0, 1)), ReplayEngine.Options.defaults());
        assertEquals(max, full.summary().allocBytes());
        assertEquals("bad.trace: event 2: the trace's bytes add up beyond 9223372036854775807 (2^63-1): "
                + "its byte metrics cannot be computed exactly", failure(alloc(0, 1, 0, max - 1), alloc(1, 2, 0, 1), alloc(2, 3, 0, 1)));
        // two nodes at distances 10 and 20: consumed bytes are weighted by up to 20, so they stop at
        // (2^63-1) / 20 = 461168601842738790
        long limit = 461_168_601_842_738_790L;
        ReplayReport consumed = replay(trace(alloc(0, 1, 0, 8), new TraceEvent.Consume(1, 1, 0, 1, limit - 8),
                new TraceEvent.Consume(2, 1, 0, 1, 8)), ReplayEngine.Options.defaults());
        assertEquals(limit, consumed.summary().consumeBytes());
        assertEquals("bad.trace: event 3: the trace's bytes add up beyond 461168601842738790 (2^63-1 over the largest "
                + "distance): its byte metrics cannot be computed exactly", failure(alloc(0, 1, 0, 8),
                new TraceEvent.Consume(1, 1, 0, 1, limit - 8), new TraceEvent.Consume(2, 1, 0, 1, 8),
                new TraceEvent.Consume(3, 1, 0, 1, 1)));
    }

    @Test
    void theSummaryCountsEveryKindOfEvent() {
        ReplayReport r = replay(trace(
                new TraceEvent.Alloc(0, 1, 3, 0, 0, 0, 0, 100), // device 3: four devices 0..3
                new TraceEvent.Consume(1, 1, 0, 1, 60),         // producer 0, consumer 1
                new TraceEvent.Consume(2, 9, 0, 0, 5),          // no live buffer 9: unknown
                alloc(3, 2, 1, 0),                              // zero bytes: adds nothing
                new TraceEvent.Consume(4, 1, 0, 0, 40),         // producer 0, consumer 0
                new TraceEvent.Free(5, 1),
                alloc(6, 3, 1, 7),                              // never consumed, still live at the end
                new TraceEvent.Consume(7, 2, 0, 0, 2)),         // producer 1, consumer 0
                ReplayEngine.Options.defaults());
        TraceSummary s = r.summary();
        assertEquals(8, s.events());
        assertEquals(3, s.allocs());
        assertEquals(4, s.consumes());
        assertEquals(1, s.frees());
        assertEquals(1, s.unknownConsumes());
        assertEquals(1, s.unconsumedAllocs());
        assertEquals(107, s.allocBytes());
        assertEquals(107, s.consumeBytes());
        assertEquals(102, s.matchedConsumeBytes());
        assertEquals(4, s.devices());
        assertArrayEquals(new long[][] {{40, 60}, {2, 0}}, s.bytesByNodePair());
        assertEquals(64, s.eventsSha256().length(), "a SHA-256 in hex");
        PredictorResult local = r.results().getFirst();
        assertEquals(3, local.consumptions());
        // the producer's node is right for buffer 1's second consume only (0 -> 0), not for 0 -> 1 nor 1 -> 0
        assertEquals(1.0 / 3, local.accuracy(), 1e-12);
    }

    @Test
    void scoringStartsAtTheGivenEventIndexItself() {
        InMemoryTrace t = trace(alloc(0, 1, 0, 10), new TraceEvent.Consume(1, 1, 0, 0, 10),
                new TraceEvent.Consume(2, 1, 0, 1, 10), new TraceEvent.Consume(3, 1, 0, 1, 10));
        assertEquals(3, scored(t, "1"));
        assertEquals(2, scored(t, "2"));
        assertEquals(1, scored(t, "3"));
        assertEquals(0, scored(t, "4"));
    }

    private static long scored(InMemoryTrace t, String from) {
        return replay(t, new ReplayEngine.Options(ScoreFrom.parse(from), ReplayEngine.DEFAULT_BUDGET_NS,
                ProgressListener.NONE)).results().getFirst().consumptions();
    }

    @Test
    void optionsRefuseANonPositiveBudgetAndANegativeWindowNamingTheValue() {
        assertEquals("the time budget per predictor call must be a positive number of ns, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> new ReplayEngine.Options(ScoreFrom.START, 0, ProgressListener.NONE)).getMessage());
        assertEquals("the window must be a positive number of scored consumptions (or 0 for none), got -1",
                assertThrows(IllegalArgumentException.class,
                        () -> ReplayEngine.Options.defaults().withWindow(-1)).getMessage());
        assertEquals(1, new ReplayEngine.Options(ScoreFrom.START, 1, ProgressListener.NONE).budgetNs());
        assertEquals(0, ReplayEngine.Options.defaults().withWindow(0).window());
    }

    private static List<String> observed(TraceSource source) {
        List<String> seen = new ArrayList<>();
        ReplayObserver observer = new ReplayObserver() {
            @Override
            public void onStart(List<String> laneLabels) {
                seen.add("start " + laneLabels);
            }

            @Override
            public void onScored(long eventIndex, org.numabias.api.ConsumptionFeedback fb, int[] predictions, int offset) {
                seen.add("scored " + eventIndex + " on " + fb.node() + ", first lane said " + predictions[offset]);
            }
        };
        new ReplayEngine(PredictorRegistry.builtIn()).run(source, TWO, List.of("producer-local", "interleave"),
                new ReplayEngine.Options(ScoreFrom.parse("2"), ReplayEngine.DEFAULT_BUDGET_NS, ProgressListener.NONE)
                        .withObserver(observer));
        return seen;
    }

    @Test
    void observersAreToldTheLanesFirstThenEachScoredConsumptionByEventAndBlock(@TempDir Path dir) {
        InMemoryTrace t = trace(alloc(0, 1, 1, 10), new TraceEvent.Consume(1, 1, 0, 0, 10),
                new TraceEvent.Consume(2, 1, 0, 0, 10), new TraceEvent.Consume(3, 1, 0, 1, 10), new TraceEvent.Free(4, 1));
        List<String> expected = List.of("start [producer-local, interleave]", "scored 2 on 0, first lane said 1",
                "scored 3 on 1, first lane said 1");
        assertEquals(expected, observed(t));
        ChronicleTraceWriter.copy(t, t.header(), dir);
        try (ChronicleTraceSource store = ChronicleTraceSource.open(dir)) {
            assertEquals(expected, observed(store));
        }
    }

    /** 43,693 alloc/consume/free triples: 131,079 events. */
    private static InMemoryTrace big() {
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < 43_693; i++) {
            events.add(alloc(3L * i, i, 0, 8));
            events.add(new TraceEvent.Consume(3L * i + 1, i, 0, i & 1, 8));
            events.add(new TraceEvent.Free(3L * i + 2, i));
        }
        return new InMemoryTrace(TraceHeader.of(TWO, List.of(), Map.of(), Map.of()), events, "big");
    }

    private static List<long[]> progress(TraceSource source) {
        List<long[]> calls = new ArrayList<>();
        new ReplayEngine(PredictorRegistry.builtIn()).run(source, TWO, List.of("producer-local"),
                new ReplayEngine.Options(ScoreFrom.START, ReplayEngine.DEFAULT_BUDGET_NS, (phase, done, total) -> {
                    assertEquals("replay", phase);
                    calls.add(new long[] {done, total});
                }));
        return calls;
    }

    @Test
    void progressIsReportedEvery65536EventsAndOnceAtTheEnd() {
        List<long[]> calls = progress(big());
        assertEquals(3, calls.size());
        assertArrayEquals(new long[] {65_536, 131_079}, calls.get(0));
        assertArrayEquals(new long[] {131_072, 131_079}, calls.get(1));
        assertArrayEquals(new long[] {131_079, 131_079}, calls.get(2));
    }

    @Test
    void aStoreReplayedByBlocksReportsOnceForEach65536EventsItPasses(@TempDir Path dir) {
        ChronicleTraceWriter.copy(big(), big().header(), dir);
        try (ChronicleTraceSource store = ChronicleTraceSource.open(dir)) {
            List<long[]> calls = progress(store);
            // after the block in which event 65,536 (then 131,072) was passed, then at the end
            assertEquals(3, calls.size());
            assertTrue(calls.get(0)[0] >= 65_536 && calls.get(0)[0] < 131_072, "first at " + calls.get(0)[0]);
            assertTrue(calls.get(1)[0] >= 131_072, "second at " + calls.get(1)[0]);
            assertArrayEquals(new long[] {131_079, 131_079}, calls.get(2));
            assertEquals(131_079, calls.get(0)[1], "against the store's known count");
        }
    }
}
