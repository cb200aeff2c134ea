package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.AllocationContext;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.contract.RandomTraces;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.store.ChronicleTraceWriter;

/** The one-pass engine's own parts: references, oracle settlement, windows, observers, event counts, JSON. */
class OnePassEngineTest {
    private static final List<String> ALL = List.of("producer-local", "interleave", "last-consumer", "majority",
            "majority:weight=bytes,key=flow", "ewma", "markov:order=2", "two-stage", "oracle");

    @TempDir
    Path tmp;

    private static ReplayReport replay(TraceSource trace, List<String> specs, ReplayEngine.Options options) {
        return new ReplayEngine(PredictorRegistry.builtIn()).run(trace, trace.header().topology(), specs, options);
    }

    @Test
    void theEnginesReferencesAgreeWithTheRegistrysPredictors() {
        // kappaM of majority(key=device,weight=count) against the engine's own majority reference is
        // (p0 - p0) / (1 - p0) = 0 exactly when both have the same hits; the same for last-consumer.
        qt().withExamples(80).forAll(longs().all(), integers().between(1, 5), integers().between(0, 300), booleans().all())
                .checkAssert((seed, nodes, length, skewed) -> {
                    ReplayReport r = replay(RandomTraces.generate(seed, nodes, length, skewed),
                            List.of("majority:key=device,weight=count", "last-consumer:key=device", "producer-local"),
                            ReplayEngine.Options.defaults());
                    PredictorResult majority = r.results().get(0);
                    PredictorResult last = r.results().get(1);
                    PredictorResult local = r.results().get(2);
                    // DESIGN.md: kappa is undefined (null) without consumptions or when chance agreement is 1,
                    // which here is the predictor's own accuracy of 1; remoteBytesAvoided is undefined without bytes
                    assertEquals(undefinedOrZero(majority), majority.kappaM(), "seed " + seed);
                    assertEquals(undefinedOrZero(last), last.kappaTemporal(), "seed " + seed);
                    assertEquals(local.bytes() == 0 ? null : 0.0, local.remoteBytesAvoided(), "seed " + seed);
                });
    }

    /** A kappa against a reference with the same hits as {@code p}: 0, or null where kappa is undefined. */
    private static Double undefinedOrZero(PredictorResult p) {
        return p.consumptions() == 0 || p.accuracy() == 1.0 ? null : 0.0;
    }

    @Test
    void referencesKeepUnknownSmallAndHugeDeviceIdsApart() {
        // devices -1, 3 and 1,000,000 (past the direct index): each has its own consumer node
        List<TraceEvent> events = new ArrayList<>();
        int[] devices = {-1, 3, 1_000_000};
        long t = 0;
        for (int i = 0; i < 300; i++) {
            int d = i % 3;
            events.add(new TraceEvent.Alloc(t++, i, devices[d], 0, 7, 0, 0, 100));
            events.add(new TraceEvent.Consume(t++, i, d, d, 100));
            events.add(new TraceEvent.Free(t++, i));
        }
        Topology topology = Topology.uniform(3, "test");
        InMemoryTrace trace = new InMemoryTrace(TraceHeader.of(topology, List.of(), Map.of(), Map.of()), events, "devices");
        ReplayReport r = replay(trace, List.of("majority", "last-consumer"), ReplayEngine.Options.defaults());
        // only each device's first buffer is cold: 3 misses of 300 (well, one of them is a hit on node 0)
        assertEquals(298.0 / 300, r.results().get(0).accuracy());
        assertEquals(0.0, r.results().get(0).kappaM());
        assertEquals(0.0, r.results().get(1).kappaTemporal());
    }

    @Test
    void observersSeeEveryAllocAndItsOracleNodeWithDesignsTieRule() {
        qt().withExamples(60).forAll(longs().all(), integers().between(1, 5), integers().between(0, 300), booleans().all())
                .checkAssert((seed, nodes, length, skewed) -> {
                    InMemoryTrace trace = RandomTraces.generate(seed, nodes, length, skewed);
                    Map<Long, Integer> seen = new HashMap<>();
                    List<Long> allocs = new ArrayList<>();
                    long[] consumes = new long[2]; // all, scored
                    ReplayObserver observer = new ReplayObserver() {
                        @Override
                        public void onAlloc(AllocationContext ctx) {
                            allocs.add(ctx.allocIndex());
                        }

                        @Override
                        public void onConsume(ConsumptionFeedback fb, boolean scored) {
                            consumes[0]++;
                            consumes[1] += scored ? 1 : 0;
                        }

                        @Override
                        public void onInstanceEnd(long allocIndex, int oracleNode, int consumes, long bytes) {
                            assertEquals(null, seen.put(allocIndex, oracleNode), "one end per instance");
                        }
                    };
                    ReplayReport r = replay(trace, List.of("oracle"), new ReplayEngine.Options(ScoreFrom.parse("0.5"),
                            ReplayEngine.DEFAULT_BUDGET_NS, ProgressListener.NONE).withObserver(observer));
                    Map<Long, Integer> expected = bruteForceOracle(trace);
                    assertEquals(expected, seen, "seed " + seed);
                    assertEquals(r.summary().allocs(), allocs.size());
                    assertEquals(r.summary().consumes() - r.summary().unknownConsumes(), consumes[0]);
                    assertEquals(r.results().getFirst().consumptions(), consumes[1]);
                    assertEquals(r.summary().unconsumedAllocs(), seen.values().stream().filter(n -> n < 0).count());
                });
    }

    /** DESIGN.md's oracle written the slow way: every instance's Consumes collected, then the rule applied. */
    private static Map<Long, Integer> bruteForceOracle(InMemoryTrace trace) {
        Topology t = trace.header().topology();
        Map<Long, Long> liveAlloc = new HashMap<>();
        Map<Long, List<TraceEvent.Consume>> consumes = new HashMap<>();
        long allocs = 0;
        for (TraceEvent e : trace.events()) {
            switch (e) {
                case TraceEvent.Alloc a -> {
                    liveAlloc.put(a.bufferId(), allocs);
                    consumes.put(allocs++, new ArrayList<>());
                }
                case TraceEvent.Consume c -> {
                    Long alloc = liveAlloc.get(c.bufferId());
                    if (alloc != null) {
                        consumes.get(alloc).add(c);
                    }
                }
                case TraceEvent.Free f -> liveAlloc.remove(f.bufferId());
            }
        }
        Map<Long, Integer> oracle = new HashMap<>();
        consumes.forEach((alloc, list) -> {
            if (list.isEmpty()) {
                oracle.put(alloc, -1);
                return;
            }
            long best = Long.MAX_VALUE;
            List<Integer> minima = new ArrayList<>();
            for (int p = 0; p < t.nodes(); p++) {
                long cost = 0;
                for (TraceEvent.Consume c : list) {
                    cost += c.bytes() * t.distance(p, c.node());
                }
                if (cost < best) {
                    best = cost;
                    minima.clear();
                }
                if (cost == best) {
                    minima.add(p);
                }
            }
            int first = list.getFirst().node();
            oracle.put(alloc, minima.contains(first) ? first : minima.getFirst());
        });
        return oracle;
    }

    @Test
    void windowsPartitionTheScoredConsumptionsInTraceOrder() {
        qt().withExamples(40).forAll(longs().all(), integers().between(1, 4), integers().between(0, 400), integers().between(1, 40))
                .checkAssert((seed, nodes, length, width) -> {
                    InMemoryTrace trace = RandomTraces.generate(seed, nodes, length, true);
                    ReplayReport r = replay(trace, ALL, new ReplayEngine.Options(ScoreFrom.parse("0.2"),
                            ReplayEngine.DEFAULT_BUDGET_NS, ProgressListener.NONE).withWindow(width));
                    assertEquals(width, r.window());
                    for (PredictorResult p : r.results()) {
                        long n = 0;
                        long bytes = 0;
                        long remote = 0;
                        double cost = 0;
                        for (int w = 0; w < p.windows().size(); w++) {
                            Map<Measurement, Number> window = p.windows().get(w);
                            long c = window.get(Measurement.CONSUMPTIONS).longValue();
                            assertTrue(w == p.windows().size() - 1 ? c >= 1 && c <= width : c == width,
                                    "window " + w + " of " + p.label() + " holds " + c);
                            n += c;
                            bytes += window.get(Measurement.BYTES).longValue();
                            remote += window.get(Measurement.REMOTE_BYTES).longValue();
                            cost += window.get(Measurement.COST).doubleValue();
                        }
                        assertEquals(p.consumptions(), n, p.label());
                        assertEquals(p.bytes(), bytes, p.label());
                        assertEquals(p.remoteBytes(), remote, p.label() + " seed " + seed);
                        assertEquals(p.cost(), cost, 1e-6 * Math.max(1, p.cost()), p.label());
                    }
                    // one window of the whole trace is the whole-trace result
                    ReplayReport one = replay(trace, ALL, new ReplayEngine.Options(ScoreFrom.parse("0.2"),
                            ReplayEngine.DEFAULT_BUDGET_NS, ProgressListener.NONE).withWindow(Integer.MAX_VALUE));
                    for (PredictorResult p : one.results()) {
                        assertEquals(p.consumptions() == 0 ? 0 : 1, p.windows().size(), p.label() + ": no window without consumptions");
                        for (Map<Measurement, Number> window : p.windows()) {
                            for (Measurement m : Measurement.values()) {
                                if (m.windowed()) {
                                    assertEquals(p.value(m), window.get(m), p.label() + " " + m.key());
                                }
                            }
                        }
                    }
                });
    }

    @Test
    void aWrongEventCountInTheHeaderIsNotTrusted() {
        InMemoryTrace trace = RandomTraces.generate(7, 3, 300, true);
        Path dir = tmp.resolve("trace");
        // a sealed header that claims far fewer events than the trace holds
        TraceHeader lying = TraceHeader.of(trace.header().topology(), List.of(), Map.of(),
                Map.of("allocs", 1L, "consumes", 1L, "frees", 1L));
        ChronicleTraceWriter.copy(trace, lying, dir);
        ReplayEngine.Options half = new ReplayEngine.Options(ScoreFrom.parse("0.5"), ReplayEngine.DEFAULT_BUDGET_NS,
                ProgressListener.NONE);
        ReplayReport expected = replay(trace, ALL, half);
        try (ChronicleTraceSource stored = ChronicleTraceSource.open(dir)) {
            ReplayReport actual = replay(stored, ALL, half);
            assertEquals(expected.scoreFromIndex(), actual.scoreFromIndex());
            assertEquals(measurements(expected), measurements(actual));
        }
    }

    private static List<Map<Measurement, Number>> measurements(ReplayReport r) {
        return r.results().stream().map(p -> {
            Map<Measurement, Number> m = new java.util.EnumMap<>(p.measurements());
            return m;
        }).toList();
    }

    @Test
    void reportsRoundTripThroughJson() {
        InMemoryTrace trace = RandomTraces.generate(11, 3, 400, true);
        Topology custom = trace.header().topology().withDistances(new int[][] {{10, 16, 32}, {16, 10, 21}, {32, 21, 10}},
                "test");
        ReplayReport r = new ReplayEngine(PredictorRegistry.builtIn()).run(trace, custom, ALL,
                new ReplayEngine.Options(ScoreFrom.parse("0.25"), 5000, ProgressListener.NONE).withWindow(17));
        String json = ReplayJson.write(r);
        ReplayReport back = ReplayJson.read(json);
        assertEquals(r, back);
        assertEquals(json, ReplayJson.write(back));
        assertNotNull(back.results().getFirst().windows().getFirst().get(Measurement.ACCURACY));
        for (int i = 0; i < r.results().size(); i++) {
            PredictionMatrix m = back.results().get(i).nodeMatrix();
            assertNotNull(m, ALL.get(i));
            assertEquals(3, m.bytes().length, ALL.get(i));
            assertEquals(r.results().get(i).nodeMatrix(), m, ALL.get(i));
        }
        assertTrue(java.util.regex.Pattern.compile("\"nodeMatrix\": \\{\\s*\"consumptions\": \\[").matcher(json).find(),
                json.substring(json.indexOf("nodeMatrix") - 10, json.indexOf("nodeMatrix") + 300));
    }

    @Test
    void nonPositiveBudgetsAndNegativeWindowsAreUsageErrors() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayEngine.Options(ScoreFrom.START, 0, ProgressListener.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> ReplayEngine.Options.defaults().withWindow(-1));
    }
}
