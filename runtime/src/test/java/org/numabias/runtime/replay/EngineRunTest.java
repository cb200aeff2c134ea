package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.Lookahead;
import org.numabias.api.LookaheadPredictor;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Spi;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.runtime.guard.PredictorWatchdog;

/** What the engine does around its pass: partial reports while it runs, the watchdog, stand-ins for predictors that cannot run, windows. */
class EngineRunTest {
    private static final Topology TWO = Topology.uniform(2, "test");

    /**
     * Six events: buffer 1 produced on node 0 and consumed twice on node 1, then freed; buffer 2 produced on
     * node 1, consumed once on node 0, live at the end.
     */
    private static InMemoryTrace trace() {
        return new InMemoryTrace(TraceHeader.of(TWO, List.of(), Map.of(), Map.of()), List.of(
                new TraceEvent.Alloc(0, 1, 0, 0, 0, 0, 0, 8),
                new TraceEvent.Consume(1, 1, 1, 1, 8),
                new TraceEvent.Consume(2, 1, 1, 1, 8),
                new TraceEvent.Free(3, 1),
                new TraceEvent.Alloc(4, 2, 0, 0, 0, 1, 1, 8),
                new TraceEvent.Consume(5, 2, 0, 0, 8)), "six");
    }

    /** Wants a snapshot on every {@code every}-th question, and keeps each partial report. */
    private static final class Every implements ReplaySnapshots {
        final int every;
        final List<ReplayReport> partial = new ArrayList<>();
        int asked;

        Every(int every) {
            this.every = every;
        }

        @Override
        public boolean due() {
            return ++asked % every == 0;
        }

        @Override
        public void onSnapshot(ReplayReport report) {
            partial.add(report);
        }
    }

    private static ReplayReport replay(ReplayEngine.Options options) {
        return new ReplayEngine(PredictorRegistry.builtIn()).run(trace(), TWO, List.of("producer-local", "oracle"),
                options);
    }

    @Test
    void aSnapshotBeforeEachEventShowsTheEventsSoFar() {
        Every snapshots = new Every(1);
        ReplayReport full = replay(ReplayEngine.Options.defaults().withObserver(snapshots));
        // asked before each of the 6 events and once more at the end: 7 snapshots, of 0..6 events
        assertEquals(7, snapshots.asked);
        assertEquals(7, snapshots.partial.size());
        // producer-local's scored consumptions so far: the Consumes at 1, 2 and 5
        long[] producerLocal = {0, 0, 1, 2, 2, 2, 3};
        // its remote bytes: every Consume is on the other node than its producer, 8 bytes each
        long[] remote = {0, 0, 8, 16, 16, 16, 24};
        // the oracle counts a buffer once it has ended: buffer 1 at its Free (event 3), buffer 2 only after the end
        long[] oracle = {0, 0, 0, 0, 2, 2, 2};
        for (int k = 0; k < 7; k++) {
            ReplayReport r = snapshots.partial.get(k);
            assertEquals(k, r.summary().events(), "snapshot " + k);
            assertEquals("", r.summary().eventsSha256(), "a partial summary has no digest");
            assertEquals(producerLocal[k], r.results().get(0).consumptions(), "snapshot " + k);
            assertEquals(remote[k], r.results().get(0).remoteBytes(), "snapshot " + k);
            assertEquals(oracle[k], r.results().get(1).consumptions(), "snapshot " + k);
            assertEquals(List.of("producer-local", "oracle"), r.results().stream().map(PredictorResult::label).toList());
        }
        assertEquals(6, full.summary().events());
        assertEquals(3, full.results().get(0).consumptions());
        assertEquals(24, full.results().get(0).remoteBytes());
        assertEquals(3, full.results().get(1).consumptions(), "buffer 2 ends with the trace");
        assertEquals(0, full.results().get(1).remoteBytes(), "each buffer's consumer node is its oracle node");
        assertEquals(64, full.summary().eventsSha256().length());
    }

    @Test
    void aSnapshotIsTakenOnlyWhenDueAndTheFinalReportIsTheSameAsWithout() {
        Every snapshots = new Every(3);
        ReplayReport with = replay(ReplayEngine.Options.defaults().withObserver(snapshots));
        assertEquals(7, snapshots.asked);
        // due on the 3rd and 6th question: before events 2 and 5
        assertEquals(List.of(2L, 5L), snapshots.partial.stream().map(r -> r.summary().events()).toList());
        ReplayReport without = replay(ReplayEngine.Options.defaults());
        assertEquals(without.summary(), with.summary());
        // every measurement and matrix (not the time per call, which is measured)
        assertEquals(without.results().stream().map(PredictorResult::measurements).toList(),
                with.results().stream().map(PredictorResult::measurements).toList());
        assertEquals(without.results().stream().map(PredictorResult::nodeMatrix).toList(),
                with.results().stream().map(PredictorResult::nodeMatrix).toList());
    }

    /** A provider whose predictor's first predict waits (at most 20 s) until the watchdog reports it. */
    private static PredictorProvider stalling(CountDownLatch reported) {
        return new PredictorProvider() {
            @Override public int spiVersion() { return Spi.VERSION; }
            @Override public String name() { return "stalling"; }
            @Override public String description() { return "waits for the watchdog on its first call"; }
            @Override public List<ParameterSpec> parameters() { return List.of(); }

            @Override
            public AllocationPredictor create(PredictorConfig config, Topology topology) {
                return new AllocationPredictor() {
                    @Override
                    public int predict(AllocationContext ctx) {
                        try {
                            reported.await(20, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return 1;
                    }

                    @Override
                    public void onConsumption(ConsumptionFeedback fb) {
                    }
                };
            }
        };
    }

    @Test
    void theWatchdogOfTheOptionsWatchesEveryPredictorDuringTheReplay() {
        CountDownLatch reported = new CountDownLatch(1);
        List<String> stalled = new CopyOnWriteArrayList<>();
        PredictorRegistry registry = PredictorRegistry.builtIn().add(stalling(reported), "test");
        ReplayReport r;
        try (PredictorWatchdog watchdog = new PredictorWatchdog(Duration.ofMillis(20), (guard, running) -> {
            stalled.add(guard.configured().label());
            reported.countDown();
        })) {
            r = new ReplayEngine(registry).run(trace(), TWO, List.of("producer-local", "stalling"),
                    ReplayEngine.Options.defaults().withWatchdog(watchdog));
        }
        assertEquals(0, reported.getCount(), "the stall was reported while the replay ran");
        assertEquals(List.of("stalling"), stalled);
        // the stalled call returned node 1 once released: buffer 1 (consumed on node 1) was predicted right
        assertEquals(0, r.results().get(1).faults());
        assertEquals(8, r.results().get(1).remoteBytes(), "buffer 2, produced and predicted on node 1, consumed on node 0");
    }

    /** A provider named {@code name} whose predictor is {@code predictor} (a fresh one per replay). */
    private static PredictorProvider provider(String name, java.util.function.Supplier<AllocationPredictor> predictor) {
        return new PredictorProvider() {
            @Override public int spiVersion() { return Spi.VERSION; }
            @Override public String name() { return name; }
            @Override public String description() { return "a test predictor"; }
            @Override public List<ParameterSpec> parameters() { return List.of(); }

            @Override
            public AllocationPredictor create(PredictorConfig config, Topology topology) {
                return predictor.get();
            }
        };
    }

    /** A lookahead predictor that would answer node 1 (it never gets the chance: only the oracle gets the future). */
    private static final class Peeker implements LookaheadPredictor {
        @Override
        public void useLookahead(Lookahead lookahead) {
        }

        @Override
        public int predict(AllocationContext ctx) {
            return 1;
        }

        @Override
        public void onConsumption(ConsumptionFeedback fb) {
        }
    }

    @Test
    void aLookaheadPredictorOtherThanTheOracleAndABrokenProviderRunAsFaultsBesideTheOthers() {
        PredictorRegistry registry = PredictorRegistry.builtIn()
                .add(provider("peeker", Peeker::new), "test")
                .add(provider("broken", () -> {
                    throw new IllegalStateException("no model");
                }), "test");
        ReplayReport r = new ReplayEngine(registry).run(trace(), TWO, List.of("peeker", "broken", "oracle", "producer-local"),
                ReplayEngine.Options.defaults());
        assertEquals(List.of("peeker", "broken", "oracle", "producer-local"),
                r.results().stream().map(PredictorResult::label).toList());
        PredictorResult peeker = r.results().get(0);
        // 2 predicts and 3 feedbacks, each a fault; the predicts fall back to the producer's node, as producer-local
        assertEquals(5, peeker.faults());
        assertEquals("predict threw java.lang.UnsupportedOperationException: needs the trace's future, which the one-pass "
                + "replay engine gives only to the oracle", peeker.firstFault());
        assertEquals(24, peeker.remoteBytes());
        assertEquals("test", peeker.origin());
        PredictorResult broken = r.results().get(1);
        assertEquals(5, broken.faults());
        assertEquals("predict threw java.lang.IllegalStateException: predictor 'broken' (test) failed to start: IllegalStateException: no model",
                broken.firstFault());
        assertEquals(24, broken.remoteBytes());
        PredictorResult oracle = r.results().get(2);
        assertEquals(0, oracle.faults());
        assertEquals(null, oracle.firstFault());
        assertEquals(0, oracle.remoteBytes());
        assertEquals(3, oracle.consumptions());
        assertEquals(false, oracle.overBudget());
        assertEquals(0, r.results().get(3).faults());
        assertEquals(24, r.results().get(3).remoteBytes());
    }

    @Test
    void windowsHoldOnlyTheWindowedMeasurementsAndOnlyWhenAskedFor() {
        ReplayReport none = replay(ReplayEngine.Options.defaults());
        assertEquals(List.of(List.of(), List.of()), none.results().stream().map(PredictorResult::windows).toList());
        ReplayReport two = replay(ReplayEngine.Options.defaults().withWindow(2));
        // 3 scored consumptions in windows of 2: the Consumes at 1 and 2, then the one at 5
        PredictorResult producerLocal = two.results().get(0);
        assertEquals(2, producerLocal.windows().size());
        java.util.Set<Measurement> windowed = java.util.EnumSet.of(Measurement.CONSUMPTIONS, Measurement.BYTES,
                Measurement.ACCURACY, Measurement.LOCAL_BYTE_RATIO, Measurement.REMOTE_BYTES, Measurement.COST,
                Measurement.REGRET, Measurement.CAPTURED_GAIN, Measurement.REMOTE_BYTES_AVOIDED, Measurement.KAPPA,
                Measurement.KAPPA_M, Measurement.KAPPA_TEMPORAL, Measurement.MPKS);
        for (Map<Measurement, Number> w : producerLocal.windows()) {
            assertEquals(windowed, w.keySet());
        }
        assertEquals(2L, producerLocal.windows().get(0).get(Measurement.CONSUMPTIONS));
        assertEquals(16L, producerLocal.windows().get(0).get(Measurement.REMOTE_BYTES));
        assertEquals(1L, producerLocal.windows().get(1).get(Measurement.CONSUMPTIONS));
        assertEquals(8L, producerLocal.windows().get(1).get(Measurement.REMOTE_BYTES));
    }

    /** Buffer {@code id}'s consumer node in {@link #manyLive}: (id / 2) % 2; its producer is id % 2. */
    private static int consumerOf(long id) {
        return (int) ((id / 2) % 2);
    }

    /**
     * 300 buffers live at once (more than the join's first 64 slots), each consumed once, then all freed (more free
     * slots than its first 64), then the same ids allocated and consumed again in reverse order, reusing the slots.
     */
    private static InMemoryTrace manyLive() {
        List<TraceEvent> events = new ArrayList<>();
        long t = 0;
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < 300; k++) {
                long id = round == 0 ? k : 299 - k;
                events.add(new TraceEvent.Alloc(t++, id, 0, 0, 0, 0, (int) (id % 2), 8));
            }
            for (int k = 0; k < 300; k++) {
                long id = round == 0 ? 299 - k : k;
                events.add(new TraceEvent.Consume(t++, id, 0, consumerOf(id), 8 + id));
            }
            for (int k = 0; k < 300; k++) {
                events.add(new TraceEvent.Free(t++, k));
            }
        }
        return new InMemoryTrace(TraceHeader.of(TWO, List.of(), Map.of(), Map.of()), events, "many live");
    }

    @Test
    void everyLiveBufferKeepsItsOwnPredictionWhenTheJoinGrowsAndReusesSlots() {
        // a predictor that reads the buffer id and predicts its consumer: right on every consumption only if each
        // instance's prediction is kept with that instance
        PredictorRegistry registry = PredictorRegistry.builtIn().add(provider("reader", () -> new AllocationPredictor() {
            @Override
            public int predict(AllocationContext ctx) {
                return consumerOf(ctx.bufferId());
            }

            @Override
            public void onConsumption(ConsumptionFeedback fb) {
            }
        }), "test");
        ReplayReport r = new ReplayEngine(registry).run(manyLive(), TWO, List.of("reader", "producer-local", "oracle"),
                ReplayEngine.Options.defaults());
        assertEquals(1800, r.summary().events());
        assertEquals(0, r.summary().unknownConsumes());
        assertEquals(0, r.summary().unconsumedAllocs());
        // bytes: 2 x sum over ids of (8 + id) = 2 x (300 x 8 + 299 x 300 / 2)
        long bytes = 2 * (300 * 8 + 299 * 300 / 2);
        PredictorResult reader = r.results().get(0);
        assertEquals(600, reader.consumptions());
        assertEquals(bytes, reader.bytes());
        assertEquals(1.0, reader.accuracy());
        assertEquals(0, reader.remoteBytes());
        // producer-local is right where id % 2 == (id / 2) % 2: ids 0 and 3 mod 4, 150 of the 300 per round
        PredictorResult producerLocal = r.results().get(1);
        assertEquals(0.5, producerLocal.accuracy());
        long remote = 0;
        for (long id = 0; id < 300; id++) {
            remote += id % 2 != consumerOf(id) ? 2 * (8 + id) : 0;
        }
        assertEquals(remote, producerLocal.remoteBytes());
        assertEquals(1.0, r.results().get(2).accuracy(), "the oracle");
        assertEquals(1.0, reader.capturedGain());
    }

    /** {@code events} with the header counts given, not knowing its count itself; counts its readings. */
    private static final class Counted implements org.numabias.api.trace.TraceSource {
        final Map<String, Long> counts;
        final InMemoryTrace events;
        int opens;

        Counted(Map<String, Long> counts, InMemoryTrace events) {
            this.counts = counts;
            this.events = events;
        }

        @Override
        public TraceHeader header() {
            return TraceHeader.of(TWO, List.of(), Map.of(), counts);
        }

        @Override
        public org.numabias.api.trace.TraceCursor open() {
            opens++;
            return events.open();
        }

        @Override
        public String description() {
            return "counted";
        }
    }

    /** How many times the engine read the six-event trace, checking where scoring started and how many Consumes it scored. */
    private static int readings(String scoreFrom, Map<String, Long> counts, long from, long scored) {
        Counted source = new Counted(counts, trace());
        ReplayReport r = new ReplayEngine(PredictorRegistry.builtIn()).run(source, TWO, List.of("producer-local"),
                new ReplayEngine.Options(ScoreFrom.parse(scoreFrom), ReplayEngine.DEFAULT_BUDGET_NS, ProgressListener.NONE));
        assertEquals(from, r.scoreFromIndex(), scoreFrom + " " + counts);
        assertEquals(scored, r.results().getFirst().consumptions(), scoreFrom + " " + counts);
        return source.opens;
    }

    @Test
    void theTraceIsReadOnceMoreOnlyWhenAFractionNeedsItsCount() {
        // 0.5 of 6 events, or index 3: scoring from event 3, the Consume at 5 only; index 0: all 3 Consumes
        assertEquals(1, readings("3", Map.of(), 3, 1), "an index needs no count");
        assertEquals(2, readings("0.5", Map.of(), 3, 1), "counted in a pass that only reads, then replayed");
        assertEquals(1, readings("0.5", Map.of("events", 6L), 3, 1), "the header's count is taken");
        assertEquals(2, readings("0.5", Map.of("events", 60L), 3, 1), "a wrong header count: replayed again with the true one");
        assertEquals(2, readings("0.5", Map.of("events", 5L), 3, 1));
        assertEquals(1, readings("0", Map.of(), 0, 3), "index 0 is an index");
        Counted empty = new Counted(Map.of("events", 0L),
                new InMemoryTrace(TraceHeader.of(TWO, List.of(), Map.of(), Map.of()), List.of(), "empty"));
        new ReplayEngine(PredictorRegistry.builtIn()).run(empty, TWO, List.of("producer-local"),
                new ReplayEngine.Options(ScoreFrom.parse("0.5"), ReplayEngine.DEFAULT_BUDGET_NS, ProgressListener.NONE));
        assertEquals(1, empty.opens, "a header's count of 0 is a count");
    }
}
