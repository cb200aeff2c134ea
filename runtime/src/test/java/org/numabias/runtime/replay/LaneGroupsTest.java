package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.numabias.api.trace.TraceFormatException;
import org.numabias.runtime.contract.RandomTraces;
import org.numabias.runtime.guard.PredictorExhaustedJvmError;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.store.ChronicleTraceWriter;

/**
 * One stored trace replayed through many predictors on several threads ({@link LaneGroups}) gives the
 * report of one thread: every measurement, window, interval, matrix, fault and the summary, in spec
 * order; a failure in any group is the one-thread failure.
 */
class LaneGroupsTest {
    /** Every built-in (some twice, with other parameters), the oracle in the middle. */
    private static final List<String> SPECS = List.of("producer-local", "interleave", "last-consumer", "majority",
            "oracle", "majority:weight=bytes,key=flow", "ewma", "markov:order=2", "two-stage", "last-consumer:key=queue",
            "ewma:alpha=0.7,key=flow", "markov");

    @TempDir
    Path tmp;

    private int traces;

    /** {@code trace} written as a store in a new directory. */
    private Path store(InMemoryTrace trace) {
        Path dir = tmp.resolve("t" + traces++);
        ChronicleTraceWriter.copy(trace, trace.header(), dir);
        return dir;
    }

    private static ReplayReport replay(PredictorRegistry registry, Path dir, Topology topology, List<String> specs,
                                       ReplayEngine.Options options, int threads) {
        try (ChronicleTraceSource source = ChronicleTraceSource.open(dir)) {
            return new ReplayEngine(registry).run(source, topology == null ? source.header().topology() : topology, specs,
                    options, threads);
        }
    }

    /** Everything but this machine's timings (ns per call, over budget). */
    private static void assertSameReport(ReplayReport expected, ReplayReport actual, String what) {
        assertEquals(expected.summary(), actual.summary(), what);
        assertEquals(expected.scoreFromIndex(), actual.scoreFromIndex(), what);
        assertEquals(expected.results().size(), actual.results().size(), what);
        for (int i = 0; i < expected.results().size(); i++) {
            PredictorResult e = expected.results().get(i);
            PredictorResult a = actual.results().get(i);
            String row = what + " row " + i + " " + e.label();
            assertEquals(e.label(), a.label(), row);
            assertEquals(e.measurements(), a.measurements(), row);
            assertEquals(e.windows(), a.windows(), row);
            assertEquals(e.intervals(), a.intervals(), row);
            assertEquals(e.nodeMatrix(), a.nodeMatrix(), row);
            assertEquals(e.firstFault(), a.firstFault(), row);
            assertEquals(e.stateBytes(), a.stateBytes(), row);
        }
    }

    @Test
    void anyThreadCountGivesTheOneThreadReportOnRandomTraces() {
        qt().withExamples(12).forAll(longs().all(), integers().between(1, 5), integers().between(0, 6000),
                        integers().between(2, 7))
                .checkAssert((seed, nodes, length, threads) -> {
                    InMemoryTrace trace = RandomTraces.generate(seed, nodes, length, true);
                    Path dir = store(trace);
                    int window = (int) Math.floorMod(seed, 300L); // 0: the bootstrap's adaptive windows
                    ReplayEngine.Options options = new ReplayEngine.Options(
                            ScoreFrom.parse(Long.toString(length / 4)), ReplayEngine.DEFAULT_BUDGET_NS,
                            ProgressListener.NONE).withWindow(window);
                    PredictorRegistry registry = PredictorRegistry.builtIn();
                    ReplayReport one = replay(registry, dir, null, SPECS, options, 1);
                    ReplayReport many = replay(registry, dir, null, SPECS, options, threads);
                    assertSameReport(one, many, "seed " + seed + ", " + threads + " threads, window " + window);
                });
    }

    @Test
    void aTraceReadAsEventsGivesTheOneThreadReportOnThreeThreads() {
        InMemoryTrace trace = RandomTraces.generate(77, 3, 12_000, true);
        ReplayEngine.Options options = new ReplayEngine.Options(ScoreFrom.parse("1000"), ReplayEngine.DEFAULT_BUDGET_NS,
                ProgressListener.NONE).withWindow(500);
        ReplayEngine engine = new ReplayEngine(PredictorRegistry.builtIn());
        ReplayReport one = engine.run(trace, trace.header().topology(), SPECS, options, 1);
        ReplayReport three = engine.run(trace, trace.header().topology(), SPECS, options, 3);
        assertEquals(12_000, one.summary().events());
        assertSameReport(one, three, "an in-memory trace");
    }

    @Test
    void aFractionalScoreFromAndIntervalsAreTheSameOnFourThreads() {
        Path dir = store(RandomTraces.generate(42, 4, 30_000, true));
        ReplayEngine.Options options = new ReplayEngine.Options(ScoreFrom.parse("0.3"), ReplayEngine.DEFAULT_BUDGET_NS,
                ProgressListener.NONE);
        PredictorRegistry registry = PredictorRegistry.builtIn();
        ReplayReport one = replay(registry, dir, null, SPECS, options, 1);
        ReplayReport four = replay(registry, dir, null, SPECS, options, 4);
        assertEquals(30_000, one.summary().events());
        assertTrue(one.scoreFromIndex() > 8900 && one.scoreFromIndex() < 9100, "score from " + one.scoreFromIndex());
        assertTrue(one.results().get(3).intervals().size() > 0, "majority has intervals");
        assertSameReport(one, four, "score from 0.3");
    }

    /**
     * A provider {@code name} whose predictor predicts the producer's node and, from its
     * {@code from}-th call of predict on, throws what {@code fault} makes.
     */
    private static PredictorProvider failing(String name, int from, java.util.function.Supplier<Throwable> fault) {
        return failing(name, from, fault, 0);
    }

    /** As above, sleeping {@code sleepMs} in each call before it fails (so that the other groups run ahead). */
    private static PredictorProvider failing(String name, int from, java.util.function.Supplier<Throwable> fault,
                                             long sleepMs) {
        return new PredictorProvider() {
            @Override public int spiVersion() { return Spi.VERSION; }
            @Override public String name() { return name; }
            @Override public String description() { return "fails from its " + from + "th prediction"; }
            @Override public List<ParameterSpec> parameters() { return List.of(); }

            @Override
            public AllocationPredictor create(PredictorConfig config, Topology topology) {
                return new AllocationPredictor() {
                    private int calls;

                    @Override
                    public int predict(AllocationContext ctx) {
                        if (sleepMs > 0) {
                            try {
                                Thread.sleep(sleepMs);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        if (++calls >= from) {
                            Throwable t = fault.get();
                            if (t instanceof Error e) {
                                throw e;
                            }
                            throw (RuntimeException) t;
                        }
                        return ctx.node();
                    }

                    @Override
                    public void onConsumption(ConsumptionFeedback fb) {
                        // learns nothing
                    }
                };
            }
        };
    }

    @Test
    void aFaultingPredictorInTheSecondGroupIsReportedAsOnOneThread() {
        PredictorRegistry registry = PredictorRegistry.builtIn()
                .add(failing("faulty", 50, () -> new IllegalStateException("broken on purpose")), "test");
        Path dir = store(RandomTraces.generate(7, 3, 4000, false));
        // lane 1 of 4 runs in group 1 of 2 (group 0 reads and runs the references)
        List<String> specs = List.of("majority", "faulty", "ewma", "last-consumer");
        ReplayEngine.Options options = ReplayEngine.Options.defaults();
        ReplayReport one = replay(registry, dir, null, specs, options, 1);
        ReplayReport two = replay(registry, dir, null, specs, options, 2);
        assertEquals(1, LaneGroups.deal(2, specs.size(), LaneGroups.LEAD_LOAD).group()[1]);
        assertNotNull(one.results().get(1).firstFault());
        assertTrue(one.results().get(1).firstFault().contains("broken on purpose"), one.results().get(1).firstFault());
        assertNull(one.results().get(0).firstFault());
        assertSameReport(one, two, "a faulting predictor");
    }

    @Test
    void aPredictorExhaustingTheJvmInTheSecondGroupStopsTheReplayAsOnOneThread() {
        PredictorRegistry registry = PredictorRegistry.builtIn()
                .add(failing("exhausting", 300, () -> new OutOfMemoryError("thrown by the test")), "test");
        Path dir = store(RandomTraces.generate(8, 2, 5000, false));
        List<String> specs = List.of("majority", "exhausting", "ewma", "markov", "interleave", "two-stage");
        ReplayEngine.Options options = ReplayEngine.Options.defaults();
        PredictorExhaustedJvmError one = assertThrows(PredictorExhaustedJvmError.class,
                () -> replay(registry, dir, null, specs, options, 1));
        PredictorExhaustedJvmError three = assertThrows(PredictorExhaustedJvmError.class,
                () -> replay(registry, dir, null, specs, options, 3));
        assertEquals("exhausting", three.predictor());
        assertEquals(one.getMessage(), three.getMessage());
    }

    /** {@code trace} with a Free whose time goes back appended: invalid at its last event. */
    private static InMemoryTrace backInTimeAtTheEnd(InMemoryTrace trace) {
        List<TraceEvent> events = new ArrayList<>(trace.events());
        events.add(new TraceEvent.Free(0, 1));
        return new InMemoryTrace(trace.header(), events, trace.description());
    }

    @Test
    void theFailureAtTheEarliestEventIsReportedWhicheverGroupHasIt() {
        PredictorRegistry early = PredictorRegistry.builtIn()
                .add(failing("exhausting", 100, () -> new OutOfMemoryError("thrown by the test"), 2), "test");
        PredictorRegistry never = PredictorRegistry.builtIn()
                .add(failing("exhausting", Integer.MAX_VALUE, () -> new OutOfMemoryError("never")), "test");
        Path dir = store(backInTimeAtTheEnd(RandomTraces.generate(12, 2, 20_000, false)));
        List<String> specs = List.of("markov", "exhausting", "ewma", "two-stage", "interleave", "majority");
        ReplayEngine.Options options = ReplayEngine.Options.defaults();
        for (int threads = 1; threads <= 3; threads++) {
            int t = threads;
            PredictorExhaustedJvmError exhausted = assertThrows(PredictorExhaustedJvmError.class,
                    () -> replay(early, dir, null, specs, options, t), t + " threads");
            assertEquals("exhausting", exhausted.predictor());
            TraceFormatException invalid = assertThrows(TraceFormatException.class,
                    () -> replay(never, dir, null, specs, options, t), t + " threads");
            assertTrue(invalid.getMessage().contains("event 20000: time 0 is before the previous event's"),
                    invalid.getMessage());
        }
    }

    @Test
    void anInvalidEventFailsTheReplayWithTheOneThreadMessage() {
        Path dir = store(RandomTraces.generate(9, 4, 3000, false));
        Topology smaller = Topology.uniform(2, "two nodes for a four-node trace");
        ReplayEngine.Options options = ReplayEngine.Options.defaults();
        PredictorRegistry registry = PredictorRegistry.builtIn();
        TraceFormatException one = assertThrows(TraceFormatException.class,
                () -> replay(registry, dir, smaller, SPECS, options, 1));
        TraceFormatException four = assertThrows(TraceFormatException.class,
                () -> replay(registry, dir, smaller, SPECS, options, 4));
        assertTrue(one.getMessage().contains("is outside 0..1"), one.getMessage());
        assertEquals(one.getMessage(), four.getMessage());
    }

    @Test
    void observersSeeEveryPredictorInOnePass() {
        Path dir = store(RandomTraces.generate(10, 2, 2000, false));
        List<List<String>> started = new ArrayList<>();
        long[] scored = {0};
        ReplayObserver observer = new ReplayObserver() {
            @Override
            public void onStart(List<String> laneLabels) {
                started.add(laneLabels);
            }

            @Override
            public void onScored(long eventIndex, ConsumptionFeedback fb, int[] predictions, int offset) {
                scored[0]++;
            }
        };
        List<String> specs = List.of("majority", "ewma", "markov", "interleave");
        ReplayReport r = replay(PredictorRegistry.builtIn(), dir, null, specs,
                ReplayEngine.Options.defaults().withObserver(observer), 4);
        assertEquals(List.of(List.of("majority", "ewma", "markov", "interleave")), started);
        assertEquals(r.summary().consumes() - r.summary().unknownConsumes(), scored[0]);
    }

    @Test
    void lanesGoToTheLeastLoadedGroupAndTheLeadStartsWithItsLoad() {
        LaneGroups.Deal two = LaneGroups.deal(2, 7, 3);
        assertEquals(2, two.groups());
        assertEquals(List.of(1, 1, 1, 0, 1, 0, 1), java.util.Arrays.stream(two.group()).boxed().toList());
        assertEquals(List.of(0, 1, 2, 0, 3, 1, 4), java.util.Arrays.stream(two.index()).boxed().toList());
        assertEquals(List.of("d", "f"), two.of(0, List.of("a", "b", "c", "d", "e", "f", "g")));
        LaneGroups.Deal lead = LaneGroups.deal(2, 11, 8); // 8 lanes to group 1 before the lead's first
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0), java.util.Arrays.stream(lead.group()).boxed().toList());
        LaneGroups.Deal one = LaneGroups.deal(1, 3, 3);
        assertEquals(1, one.groups());
        assertEquals(List.of(0, 1, 2), java.util.Arrays.stream(one.index()).boxed().toList());
    }

    @Test
    void groupsPayOnlyWithTwoLanesEach() {
        assertEquals(1, LaneGroups.count(1, 12));
        assertEquals(1, LaneGroups.count(4, 1));
        assertEquals(1, LaneGroups.count(2, 3));
        assertEquals(2, LaneGroups.count(2, 4));
        assertEquals(4, LaneGroups.count(8, 9));
        assertThrows(IllegalArgumentException.class, () -> new ReplayEngine(PredictorRegistry.builtIn())
                .run(RandomTraces.generate(1, 1, 3, false), Topology.uniform(1, "one"), SPECS,
                        ReplayEngine.Options.defaults(), 0));
    }
}
