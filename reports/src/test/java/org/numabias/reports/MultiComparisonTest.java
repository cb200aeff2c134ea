package org.numabias.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
        assertTrue(mc.summary().startsWith("localByteRatio over 5 traces: best average rank " + mc.predictors().get(best)),
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
        assertTrue(mc.tests().startsWith("No significance test: it needs at least 2 traces"), mc.tests());
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
}
