package org.numabias.live.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.numabias.api.PredictorRegistry;
import org.numabias.live.workload.Workload;

/** The bench's figures: over the traffic window, with feedback delay percentiles and verdicts that say when noise decides. */
class LiveBenchTest {
    private static LiveBench.Result ratios(double[] throughput, double[] cpu) {
        return new LiveBench.Result(List.of(), 1, 1, 1, throughput.length, throughput, cpu);
    }

    @Test
    void aVerdictIsUnsettledWhereTheRoundsFallOnBothSidesOfTheTarget() {
        LiveBench.Result r = ratios(new double[]{0.97, 0.93, 1.01}, new double[]{1.02, 1.04, 1.049});
        assertEquals("UNSETTLED", r.throughputVerdict());
        assertEquals("met", r.cpuVerdict());
        LiveBench.Result bad = ratios(new double[]{0.80, 0.94}, new double[]{1.10, 1.051});
        assertEquals("NOT MET", bad.throughputVerdict());
        assertEquals("NOT MET", bad.cpuVerdict());
        assertEquals("met", ratios(new double[]{0.95}, new double[]{1.0}).throughputVerdict(), "the bound itself meets it");
    }

    @Test
    @Timeout(120)
    void aBenchReportsEachModeOverItsTrafficWindowAndTheFeedbackDelay() {
        Workload w = LiveLoopTest.shortRun("bench", 0.4, 4_000);
        LiveBench.Result b = LiveBench.run(LiveConfig.of(w, LiveLoopTest.emulated(2), PredictorRegistry.builtIn(),
                "last-consumer:key=flow"), 1);
        assertEquals(List.of("feedback", "no_feedback", "bare"), b.modes().stream().map(LiveBench.ModeResult::mode).toList());
        long[] delay = b.modes().get(0).feedbackDelayNs();
        assertNotNull(delay, "feedback mode measures its delay");
        assertTrue(delay[0] > 0 && delay[0] <= delay[1] && delay[1] <= delay[2] && delay[2] <= delay[3]
                && delay[3] <= delay[4], java.util.Arrays.toString(delay));
        assertNull(b.modes().get(1).feedbackDelayNs(), "no feedback, no delay");
        for (LiveBench.ModeResult m : b.modes()) {
            assertTrue(m.datagramsPerSecond() > 0, m.toString());
            assertEquals(1, m.perRoundCpuNsPerDatagram().length);
        }
        assertEquals(b.roundThroughputRatios()[0], b.feedbackVsNoFeedback(), 1e-12, "one round: its ratio is the median's");
    }

    @Test
    @Timeout(60)
    void throughputCountsTheTrafficWindowOnly() {
        // 2,000 datagrams at 10,000/s: about 0.2 s of traffic in a run whose start-up and drain add to its wall time
        Workload w = LiveLoopTest.shortRun("overload", 1.0, 2_000);
        Workload fast = new Workload(w.name(), "", 1.0, 2_000, w.bufferBytes(), w.devices(),
                List.of(new Workload.Consumer("slow", 1, 0)), List.of(new Workload.Flow("eth0", "slow", 1000, 10_000)),
                List.of()).validate("test");
        LiveResult r = new LiveRun(LiveConfig.of(fast, LiveLoopTest.emulated(2), PredictorRegistry.builtIn(),
                "producer-local")).run(LiveStatus.Listener.NONE);
        assertTrue(r.trafficSeconds() > 0 && r.trafficSeconds() < r.seconds(), r.trafficSeconds() + " of " + r.seconds());
        assertEquals(r.consumedDuringTraffic() / r.trafficSeconds(), r.deliveredPerTrafficSecond(), 1e-9);
        assertTrue(r.trafficCpuNs() > 0 && r.trafficCpuNs() <= r.loopCpuNs(), r.trafficCpuNs() + " of " + r.loopCpuNs());
    }
}
