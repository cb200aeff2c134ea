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

/** The engine's partial reports while a replay runs, and its watchdog watching every predictor's calls. */
class SnapshotsAndWatchdogTest {
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
}
