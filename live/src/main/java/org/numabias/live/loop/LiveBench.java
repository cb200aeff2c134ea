package org.numabias.live.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.numabias.live.workload.Workload;

/**
 * The cost of the loop, measured in one process and run: the same workload in three modes, rounds
 * interleaved so that machine noise hits all of them alike: {@link LiveConfig.Mode#FEEDBACK} with the
 * chosen (learning) predictor, {@link LiveConfig.Mode#NO_FEEDBACK} with {@code producer-local}, and
 * {@link LiveConfig.Mode#BARE} (no pool, no consumer: the loopback ceiling). Reports datagrams
 * delivered per second (consumed; received for the bare loop, which has no consumers) and loop CPU ns
 * per received datagram (producer and consumer threads' own CPU time, which machine noise disturbs
 * less than wall-clock throughput), both over each run's traffic window only (from the generator's
 * start until the producers stop receiving: no start-up, no drain), as medians over the rounds; the
 * feedback delay percentiles of all rounds together (HdrHistogram); and the ratios with their spread
 * over the rounds (each round's modes ran back to back). One warm-up run per mode (half a second,
 * discarded) lets the JIT compile first. No recording (the recorder is not part of the data path
 * being measured).
 */
public final class LiveBench {
    /** Target: the feedback loop costs at most 5% in throughput and in CPU per datagram. */
    public static final double TARGET = 0.05;

    private LiveBench() {
    }

    /**
     * One mode's medians over the rounds, each round's figures, and its feedback delay percentiles
     * (p50, p90, p99, p99.9, max in ns over every round; null without feedback).
     */
    public record ModeResult(String mode, String predictor, double datagramsPerSecond, double cpuNsPerDatagram,
                             long drops, double[] perRoundDatagramsPerSecond, double[] perRoundCpuNsPerDatagram,
                             long[] feedbackDelayNs) {
    }

    /**
     * The three modes and the ratios the target is about.
     *
     * @param feedbackVsNoFeedback    throughput of FEEDBACK over NO_FEEDBACK, medians (1 = no cost; target >= 0.95)
     * @param cpuFeedbackVsNoFeedback CPU per datagram of FEEDBACK over NO_FEEDBACK, medians (target <= 1.05)
     * @param feedbackVsBare          throughput of FEEDBACK over BARE (the share of the ceiling reached)
     * @param roundThroughputRatios   each round's FEEDBACK / NO_FEEDBACK throughput
     * @param roundCpuRatios          each round's FEEDBACK / NO_FEEDBACK CPU per datagram
     */
    public record Result(List<ModeResult> modes, double feedbackVsNoFeedback, double cpuFeedbackVsNoFeedback,
                         double feedbackVsBare, int rounds, double[] roundThroughputRatios, double[] roundCpuRatios) {

        /** {@code met}, {@code NOT MET}, or {@code UNSETTLED} where the rounds fall on both sides of 0.95. */
        public String throughputVerdict() {
            return verdict(roundThroughputRatios, r -> r >= 1 - TARGET);
        }

        /** {@code met}, {@code NOT MET}, or {@code UNSETTLED} where the rounds fall on both sides of 1.05. */
        public String cpuVerdict() {
            return verdict(roundCpuRatios, r -> r <= 1 + TARGET);
        }

        private static String verdict(double[] ratios, java.util.function.DoublePredicate meets) {
            long met = Arrays.stream(ratios).filter(meets).count();
            return met == ratios.length ? "met" : met == 0 ? "NOT MET" : "UNSETTLED";
        }
    }

    /** Runs {@code rounds} interleaved rounds of the three modes on {@code base}'s workload and memory. */
    public static Result run(LiveConfig base, int rounds) {
        LiveConfig[] configs = {
                base.withMode(LiveConfig.Mode.FEEDBACK).withRecord(null),
                new LiveConfig(base.workload(), base.memory(), base.registry(), "producer-local", LiveConfig.Mode.NO_FEEDBACK,
                        base.budgetNs(), null, base.queueCapacity(), base.slabBytes(), base.maxSlabs(), base.producerThreads()),
                base.withMode(LiveConfig.Mode.BARE).withRecord(null)};
        for (LiveConfig c : configs) {
            Workload w = c.workload();
            new LiveRun(new LiveConfig(w.withDuration(Math.min(0.5, w.durationSeconds())), c.memory(), c.registry(), c.spec(),
                    c.mode(), c.budgetNs(), null, c.queueCapacity(), c.slabBytes(), c.maxSlabs(), c.producerThreads()))
                    .run(LiveStatus.Listener.NONE);
        }
        double[][] rate = new double[3][rounds];
        double[][] cpu = new double[3][rounds];
        long[] drops = new long[3];
        Histogram[] delay = {new Histogram(3), new Histogram(3), new Histogram(3)};
        for (int r = 0; r < rounds; r++) {
            for (int m = 0; m < 3; m++) {
                LiveRun run = new LiveRun(configs[m]);
                LiveResult res = run.run(LiveStatus.Listener.NONE);
                rate[m][r] = res.deliveredPerTrafficSecond() == null ? Double.NaN : res.deliveredPerTrafficSecond();
                cpu[m][r] = res.trafficCpuNsPerDatagram() == null ? Double.NaN : res.trafficCpuNsPerDatagram();
                drops[m] += res.drops();
                delay[m].add(run.feedbackDelay());
            }
        }
        List<ModeResult> modes = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            Histogram h = delay[m];
            long[] pct = h.getTotalCount() == 0 ? null : new long[]{h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                    h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue()};
            modes.add(new ModeResult(configs[m].mode().name().toLowerCase(java.util.Locale.ROOT),
                    m == 2 ? "none" : configs[m].spec(), median(rate[m]), median(cpu[m]), drops[m], rate[m].clone(),
                    cpu[m].clone(), pct));
        }
        double[] throughputRatios = new double[rounds];
        double[] cpuRatios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            throughputRatios[r] = rate[0][r] / rate[1][r];
            cpuRatios[r] = cpu[0][r] / cpu[1][r];
        }
        return new Result(modes, modes.get(0).datagramsPerSecond() / modes.get(1).datagramsPerSecond(),
                modes.get(0).cpuNsPerDatagram() / modes.get(1).cpuNsPerDatagram(),
                modes.get(0).datagramsPerSecond() / modes.get(2).datagramsPerSecond(), rounds, throughputRatios, cpuRatios);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
