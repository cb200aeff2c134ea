package org.numabias.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.ConfigurationException;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.replay.Measurement;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.replay.ScoreFrom;

class SweepTest {
    /** The example plugin, built before this module (examples/predictor-plugin); it does not declare per-device state. */
    static final Path EXAMPLE_JAR = Path.of("../examples/predictor-plugin/target/predictor-plugin-1.0.0.jar");

    @TempDir
    Path dir;

    static final String EVERY_BUILT_IN = """
              - name: ewma
                grid: {alpha: [0.1, 0.5], key: [device, queue, flow]}
              - name: majority
                grid: {weight: [count, bytes], key: [device, flow]}
              - name: markov
                grid: {order: [1, 2], key: [device, flow]}
              - name: last-consumer
                grid: {key: [device, flow]}
              - name: two-stage
              - name: interleave
                grid: {key: [device, flow]}
              - name: oracle
              - name: producer-local
            """;

    private Sweep.Plan plan(String yaml) throws IOException {
        Path f = dir.resolve("exp-" + Integer.toHexString(yaml.hashCode()) + ".yaml");
        Files.writeString(f, yaml);
        return Sweep.plan(f);
    }

    private static List<CellRecord> run(Sweep.Plan plan, Path out, Sweep.Engine engine) throws IOException {
        ResultStore store = ResultStore.open(out, plan);
        Sweep.Outcome outcome = Sweep.run(plan, store, engine, new Sweep.Progress(new PrintWriter(new StringWriter()), false));
        assertEquals(List.of(), outcome.failed());
        return store.records();
    }

    @Test
    void everyCellHasCompareMetricsForItsTraceAndConfiguration() throws IOException {
        Sweep.Plan plan = plan("""
                name: same-as-compare
                traces:
                  - scenario: migrating
                    params: {devices: 3, length: 6000}
                    seeds: [1, 2]
                predictors:
                  - name: ewma
                    grid: {alpha: [0.1, 0.5], key: [device, flow]}
                  - name: markov
                options: {scoreFrom: 0.2}
                """);
        List<CellRecord> records = run(plan, dir.resolve("out"), new LocalEngine(2));
        assertEquals(10, records.size());
        for (TraceRef trace : plan.traces()) {
            ReplayReport report;
            try (TraceSource opened = trace.open()) {
                report = new ReplayEngine(PredictorRegistry.builtIn()).run(opened, opened.header().topology(),
                        plan.configurations(), new ReplayEngine.Options(ScoreFrom.parse("0.2"), 10_000,
                                org.numabias.runtime.replay.ProgressListener.NONE));
            }
            for (PredictorResult p : report.results()) {
                CellRecord r = records.stream().filter(c -> c.trace().equals(trace.id()) && c.label().equals(p.label()))
                        .findFirst().orElseThrow();
                for (Measurement m : Measurement.values()) {
                    assertEquals(p.value(m), r.metric(m.key()), trace.id() + " " + p.label() + " " + m.key());
                    // compare's 95% interval of the same replay (null where it has none)
                    assertEquals(p.interval(m), r.interval(m.key()), trace.id() + " " + p.label() + " " + m.key());
                }
                assertNotNull(r.interval("localByteRatio"), "a trace of 4800 scored consumptions is resampled");
                assertEquals(p.predictor(), r.predictor());
                assertEquals(TaskRunner.params(p.params()), r.params());
                assertEquals(report.summary().eventsSha256(), r.eventsSha256());
                assertEquals(report.scoreFromIndex(), r.scoreFromIndex());
                assertTrue(r.rawComplete());
                assertEquals(r.consumptions(), java.util.Arrays.stream(r.predictedByNode()).sum());
                assertEquals(r.consumptions(), java.util.Arrays.stream(r.actualByNode()).sum());
            }
        }
        String summary = Summary.table(records, List.of("localByteRatio", "kappa"));
        assertTrue(summary.lines().anyMatch(l -> l.startsWith("ewma:alpha=0.1,key=flow ") && l.contains(" 2 ")), summary);
    }

    /** Runs the first {@code keep} traces, then "dies": the others never finish and a half-written part is left. */
    private record DyingEngine(Sweep.Engine inner, int keep, Path out) implements Sweep.Engine {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void run(List<List<SweepTask>> traces, Sweep.TraceDone done) {
            inner.run(traces.subList(0, keep), done);
            try {
                Files.writeString(out.resolve(".part-00003.parquet.tmp"), "half a file");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Records which traces it was asked to run. */
    private record CountingEngine(Sweep.Engine inner, List<Integer> ran) implements Sweep.Engine {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void run(List<List<SweepTask>> traces, Sweep.TraceDone done) {
            traces.forEach(t -> ran.add(t.getFirst().traceIndex()));
            inner.run(traces, done);
        }
    }

    @Test
    void anInterruptedSweepResumesWithoutRedoingFinishedTraces() throws IOException {
        Sweep.Plan plan = plan("""
                traces:
                  - catalog: periodic
                    seeds: [1, 2, 3, 4, 5]
                predictors:
                  - name: ewma
                    grid: {alpha: [0.25, 0.5]}
                  - name: last-consumer
                options: {splitDevices: 2}
                """);
        Path out = dir.resolve("out");
        ResultStore first = ResultStore.open(out, plan);
        Sweep.run(plan, first, new DyingEngine(new LocalEngine(2), 2, out),
                new Sweep.Progress(new PrintWriter(new StringWriter()), false));
        assertEquals(2, first.finishedCount());

        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        List<CellRecord> resumed = run(plan, out, new CountingEngine(new LocalEngine(2), ran));
        assertEquals(List.of(2, 3, 4), ran.stream().sorted().toList());
        List<CellRecord> fresh = run(plan, dir.resolve("fresh"), new LocalEngine(1));
        assertEquals(15, resumed.size());
        assertEquals(fresh.size(), resumed.size());
        for (int i = 0; i < fresh.size(); i++) {
            assertEquals(fresh.get(i).resultFields(), resumed.get(i).resultFields(), "cell " + i);
        }

        // a finished sweep reruns nothing; another plan in the same folder is refused
        ran.clear();
        run(plan, out, new CountingEngine(new LocalEngine(1), ran));
        assertEquals(List.of(), ran);
        Sweep.Plan other = plan("traces: [{catalog: periodic}]\npredictors: [{name: ewma}]\n");
        String msg = assertThrows(ConfigurationException.class, () -> ResultStore.open(out, other)).getMessage();
        assertTrue(msg.contains("holds the results of another plan"), msg);
    }

    @Test
    void aTraceSplitByDeviceGivesExactlyTheUnsplitResults() throws IOException {
        for (String scoreFrom : List.of("0", "0.3", "5000")) {
            String traces = """
                    traces:
                      - catalog: mix
                        params: {}
                      - scenario: many-flows
                        params: {devices: 5, length: 4000}
                        seeds: [3]
                    """.replace("    params: {}\n", "");
            String body = traces + "predictors:\n" + EVERY_BUILT_IN + "options: {scoreFrom: '" + scoreFrom + "', splitDevices: ";
            Sweep.Plan whole = plan(body + "1}\n");
            Sweep.Plan split = plan(body + "3}\n");
            assertTrue(split.perDevice().stream().allMatch(b -> b), "every built-in declares per-device state");
            assertEquals(List.of("oracle"), Sweep.tasks(split, 0).getFirst().specs(), "the oracle row runs unsplit");
            List<CellRecord> a = run(whole, dir.resolve("whole-" + scoreFrom), new LocalEngine(2));
            List<CellRecord> b = run(split, dir.resolve("split-" + scoreFrom), new LocalEngine(2));
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                CellRecord u = a.get(i);
                CellRecord s = b.get(i);
                String what = scoreFrom + " " + u.trace() + " " + u.label();
                assertEquals(1, u.parts());
                assertNotNull(u.eventsSha256());
                boolean oracle = u.label().equals("oracle"); // unsplit in both
                assertEquals(oracle ? 1 : 3, s.parts(), what);
                assertEquals(oracle ? u.eventsSha256() : null, s.eventsSha256(), what);
                assertTrue(u.consumptions() > 0, what);
                for (String m : CellRecord.METRICS) {
                    assertEquals(u.metric(m), s.metric(m), what + " " + m);
                }
                assertEquals(u.events(), s.events(), what);
                assertEquals(u.scoreFromIndex(), s.scoreFromIndex(), what);
                assertEquals(List.of(u.hits(), u.localBytes(), u.weightedDistance(), u.oracleWeightedDistance(),
                                u.majorityHits(), u.lastConsumerHits()),
                        List.of(s.hits(), s.localBytes(), s.weightedDistance(), s.oracleWeightedDistance(),
                                s.majorityHits(), s.lastConsumerHits()), what);
                assertEquals(java.util.Arrays.toString(u.predictedByNode()), java.util.Arrays.toString(s.predictedByNode()));
            }
        }
    }

    @Test
    void eachPartReplaysOnlyItsDevices() throws IOException {
        Sweep.Plan plan = plan("traces: [{catalog: mix}]\npredictors: [{name: majority}]\noptions: {splitDevices: 2}\n");
        List<SweepTask> tasks = Sweep.tasks(plan, 0);
        assertEquals(2, tasks.size());
        long total;
        try (TraceSource t = plan.traces().getFirst().open()) {
            total = SplitSource.count(t);
        }
        long sum = 0;
        for (SweepTask task : tasks) {
            CellRecord part = TaskRunner.run(task, "local").getFirst();
            assertTrue(part.events() > 0 && part.events() < total, part.events() + " of " + total);
            sum += part.events();
        }
        assertEquals(total, sum);
    }

    @Test
    void aPluginThatDoesNotDeclarePerDeviceStateIsNeverSplit() throws IOException {
        assertTrue(Files.isRegularFile(EXAMPLE_JAR), "build the example first: " + EXAMPLE_JAR.toAbsolutePath());
        Sweep.Plan plan = plan("""
                traces: [{catalog: mix}]
                predictors:
                  - name: sliding-majority
                    params: {window: 16}
                  - name: majority
                options:
                  splitDevices: 3
                  plugins: [%s]
                """.formatted(EXAMPLE_JAR.toAbsolutePath()));
        assertEquals(List.of(false, true), plan.perDevice());
        List<SweepTask> tasks = Sweep.tasks(plan, 0);
        assertEquals(4, tasks.size());
        assertEquals(List.of("sliding-majority:window=16"), tasks.getFirst().specs());
        assertEquals(1, tasks.getFirst().parts());
        tasks.subList(1, 4).forEach(t -> assertEquals(List.of("majority"), t.specs()));
        List<CellRecord> records = run(plan, dir.resolve("out"), new LocalEngine(2));
        assertEquals(List.of(1, 3), records.stream().map(CellRecord::parts).toList());
        assertEquals(EXAMPLE_JAR.toAbsolutePath().normalize().toString(), records.getFirst().origin());
        assertFalse(records.getFirst().consumptions() == 0);
    }

    @Test
    void distancesFromTheExperimentOrAFileReplaceTheTracesAndChangeCostOnly() throws IOException {
        String matrix = "[[10, 40, 40, 40], [40, 10, 40, 40], [40, 40, 10, 40], [40, 40, 40, 10]]";
        Files.writeString(dir.resolve("dist.txt"), "# far nodes\n10 40 40 40\n40 10 40 40\n40 40 10 40\n40 40 40 10\n");
        String base = "traces: [{scenario: mix, params: {length: 4000}}]\npredictors: [{name: ewma}]\n";
        CellRecord trace = run(plan(base), dir.resolve("a"), new LocalEngine(1)).getFirst();
        CellRecord inline = run(plan(base + "options: {distances: " + matrix + "}\n"), dir.resolve("b"), new LocalEngine(1)).getFirst();
        CellRecord file = run(plan(base + "options: {distancesFile: dist.txt}\n"), dir.resolve("c"), new LocalEngine(1)).getFirst();
        assertEquals(inline.cost(), file.cost());
        assertEquals(inline.localByteRatio(), trace.localByteRatio());
        // remote bytes now cost 4x local instead of the trace's 2x
        assertEquals(trace.bytes() + 3 * trace.remoteBytes(), inline.cost(), 1e-6);
        String msg = assertThrows(ConfigurationException.class,
                () -> plan(base + "options: {distances: [[10, 20], [20]]}\n")).getMessage();
        assertTrue(msg.contains("options.distances[1]: the matrix must be square (2 x 2)"), msg);
    }
}
