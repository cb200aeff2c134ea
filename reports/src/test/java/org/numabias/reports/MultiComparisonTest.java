package org.numabias.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceHeader;
import org.junit.jupiter.api.Test;
import org.numabias.runtime.contract.RandomTraces;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.reports.stats.Friedman;
import org.numabias.reports.stats.Nemenyi;

class MultiComparisonTest {
    private static List<ReplayReport> randomReplays(int count) {
        List<ReplayReport> reports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            reports.add(Replays.replay(RandomTraces.generate(100 + i, 3, 400, false)));
        }
        return reports;
    }

    @Test
    void ranksAndTestsAreThoseOfTheValueTableWithoutTheOracle() {
        List<ReplayReport> reports = randomReplays(5);
        List<String> names = List.of("a", "b", "c", "d", "e");
        MultiComparison mc = MultiComparison.of(ResultMetric.LOCAL_BYTE_RATIO, reports, names, 0.05);
        assertEquals(List.of("producer-local", "last-consumer", "majority", "interleave"), mc.predictors());
        assertEquals(names, mc.blocks());
        double[][] expected = new double[5][];
        for (int b = 0; b < 5; b++) {
            var r = reports.get(b).results();
            expected[b] = new double[]{r.get(0).localByteRatio(), r.get(2).localByteRatio(), r.get(3).localByteRatio(),
                    r.get(4).localByteRatio()};
        }
        assertArrayEquals(expected, mc.values());
        Friedman f = Friedman.test(expected, true);
        assertArrayEquals(f.averageRanks(), mc.friedman().averageRanks(), 0);
        assertEquals(f.chiSquared(), mc.friedman().chiSquared(), 0);
        assertEquals(Nemenyi.criticalDifference(4, 5, 0.05), mc.cd(), 0);
        double mean = 0;
        for (double[] row : expected) {
            mean += row[1] / 5;
        }
        assertEquals(mean, mc.mean()[1], 1e-12);
        assertTrue(mc.min()[1] <= mc.mean()[1] && mc.mean()[1] <= mc.max()[1]);
        String text = mc.text();
        assertTrue(text.contains("Friedman chi-squared"), text);
        assertTrue(text.contains("Nemenyi critical difference (alpha 0.05, k = 4, N = 5)"), text);
        StringBuilder groups = new StringBuilder();
        for (int[] g : Nemenyi.groups(f.averageRanks(), mc.cd())) {
            groups.append(groups.isEmpty() ? "" : ", ").append('{');
            for (int i = 0; i < g.length; i++) {
                groups.append(i == 0 ? "" : ", ").append(mc.predictors().get(g[i]));
            }
            groups.append('}');
        }
        int best = 0;
        for (int i = 1; i < 4; i++) {
            best = f.averageRanks()[i] < f.averageRanks()[best] ? i : best;
        }
        assertTrue(mc.summary().startsWith("localByteRatio, N = 5 blocks (traces, each its own block): best average rank " + mc.predictors().get(best)),
                mc.summary());
        assertTrue(mc.diagram(List.of("extra")).getHeight() > 200);
        assertTrue(text.contains("Not significantly different (Nemenyi): " + (groups.isEmpty() ? "none" : groups)), text);
    }

    @Test
    void tracesWhereCapturedGainIsNotMeaningfulAreLeftOutAndNamed() {
        List<ReplayReport> reports = new ArrayList<>(randomReplays(2));
        reports.add(Replays.replay(Replays.nearlyLocal(10_000, 1, 50)));
        MultiComparison mc = MultiComparison.of(ResultMetric.CAPTURED_GAIN, reports, List.of("x", "y", "almost-local"), 0.05);
        assertEquals(List.of("x", "y"), mc.blocks());
        assertEquals(1, mc.dropped().size());
        assertTrue(mc.dropped().getFirst().startsWith("almost-local (capturedGain not meaningful"), mc.dropped().getFirst());
        // remoteBytesAvoided keeps it
        assertEquals(3, MultiComparison.of(ResultMetric.REMOTE_BYTES_AVOIDED, reports, List.of("x", "y", "almost-local"), 0.05)
                .blocks().size());
    }

    @Test
    void oneTraceHasNoTestAndSaysWhy() {
        MultiComparison mc = MultiComparison.of(ResultMetric.LOCAL_BYTE_RATIO, randomReplays(1), List.of("only"), 0.05);
        assertNull(mc.friedman());
        assertTrue(Double.isNaN(mc.cd()));
        assertTrue(Double.isNaN(mc.sd()[0]));
        assertTrue(mc.tests().startsWith("No significance test: it needs at least 2 independent blocks"), mc.tests());
        assertNull(mc.diagram(List.of()));
        assertTrue(mc.summary().startsWith("localByteRatio: No significance test"), mc.summary());
    }

    @Test
    void differentPredictorsAreRefused() {
        List<ReplayReport> reports = new ArrayList<>(randomReplays(1));
        var trace = RandomTraces.generate(1, 2, 100, false);
        reports.add(new org.numabias.runtime.replay.ReplayEngine(org.numabias.api.PredictorRegistry.builtIn())
                .run(trace, trace.header().topology(), List.of("majority"),
                        org.numabias.runtime.replay.ReplayEngine.Options.defaults()));
        var e = assertThrows(IllegalArgumentException.class,
                () -> MultiComparison.of(ResultMetric.ACCURACY, reports, List.of("a", "b"), 0.05));
        assertTrue(e.getMessage().startsWith("b: predictors"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    /** A random trace that says it was generated by {@code scenario} with {@code seed} (as catalog scenarios do). */
    private static ReplayReport scenarioReplay(String scenario, long seed) {
        InMemoryTrace random = RandomTraces.generate(seed * 31 + scenario.hashCode(), 3, 400, false);
        TraceHeader header = TraceHeader.of(random.header().topology(), List.of("dev0", "dev1", "dev2"),
                Map.of("scenario", scenario, "seed", Long.toString(seed), "param.nodes", "3"), Map.of());
        return Replays.replay(new InMemoryTrace(header, random.events(), scenario + "(seed=" + seed + ")"));
    }

    @Test
    void seedsOfOneScenarioAreOneBlockValuedByTheirMean() {
        List<ReplayReport> reports = List.of(scenarioReplay("a", 1), scenarioReplay("a", 2), scenarioReplay("a", 3),
                scenarioReplay("b", 1), scenarioReplay("b", 2), scenarioReplay("b", 3));
        List<String> names = List.of("a@1", "a@2", "a@3", "b@1", "b@2", "b@3");
        MultiComparison mc = MultiComparison.of(ResultMetric.ACCURACY, reports, names, 0.05, "majority");
        assertEquals(List.of("a:nodes=3", "b:nodes=3"), mc.blocks());
        assertEquals(List.of(3, 3), mc.members());
        assertEquals("N = 2 blocks (scenarios), each the mean of 3 seeds", mc.blockStatement());
        // majority is column 2 (producer-local, last-consumer, majority, interleave; the oracle left out) and result 3
        double meanA = (reports.get(0).results().get(3).accuracy() + reports.get(1).results().get(3).accuracy()
                + reports.get(2).results().get(3).accuracy()) / 3;
        assertEquals(meanA, mc.values()[0][2], 1e-12);
        assertEquals(2, mc.friedman().blocks(), "the Friedman test sees 2 blocks, not 6 traces");
        assertEquals("majority", mc.wilcoxon().control());
        assertEquals(3, mc.wilcoxon().rows().size());
        // with N = 2 the smallest two-sided exact p-value is 2 / 2^2 = 0.5
        assertTrue(mc.wilcoxon().rows().stream().allMatch(r -> r.pValue() >= 0.5), mc.wilcoxonText());
        String text = mc.text();
        assertTrue(text.contains("N = 2 blocks (scenarios), each the mean of 3 seeds"), text);
        assertTrue(text.contains("Wilcoxon signed-rank test against the control majority"), text);
        assertTrue(text.contains("Nemenyi critical difference (alpha 0.05, k = 4, N = 2)"), text);
        assertThrows(IllegalArgumentException.class,
                () -> MultiComparison.of(ResultMetric.ACCURACY, reports, names, 0.05, "no-such-predictor"));
    }

    @Test
    void meanIntervalIsTheStudentTInterval() {
        List<ReplayReport> reports = randomReplays(4);
        MultiComparison mc = MultiComparison.of(ResultMetric.LOCAL_BYTE_RATIO, reports, List.of("a", "b", "c", "d"), 0.05);
        assertEquals("N = 4 blocks (traces, each its own block)", mc.blockStatement());
        double[][] interval = mc.meanInterval();
        // R: qt(0.975, 3) = 3.182446
        double half = 3.182446 * mc.sd()[1] / 2;
        assertEquals(mc.mean()[1] - half, interval[0][1], 1e-6);
        assertEquals(mc.mean()[1] + half, interval[1][1], 1e-6);
    }
}
