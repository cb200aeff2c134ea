package org.numabias.live.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.numabias.live.workload.Workload;

/**
 * The cost of the loop, measured in one process and run: the same workload in three modes, rounds
 * interleaved so that machine noise hits all of them alike: {@link LiveConfig.Mode#FEEDBACK} with the
 * chosen (learning) predictor, {@link LiveConfig.Mode#NO_FEEDBACK} with {@code producer-local}, and
 * {@link LiveConfig.Mode#BARE} (one reused heap buffer, no pool, no consumer: the loopback ceiling).
 * Reports datagrams delivered per second (consumed; received for the bare loop, which has no
 * consumers) and loop CPU ns per received datagram (producer and consumer threads' own CPU time,
 * which machine noise disturbs less than wall-clock throughput), as medians over the rounds, and
 * their ratios. One warm-up run per mode (half a second, discarded) lets the JIT compile first. No
 * recording (the recorder is not part of the data path being measured).
 */
public final class LiveBench {
    private LiveBench() {
    }

    /** One mode's medians over the rounds. */
    public record ModeResult(String mode, String predictor, double datagramsPerSecond, double cpuNsPerDatagram,
                             long drops, double[] perRoundDatagramsPerSecond) {
    }

    /**
     * The three modes and the ratios the issue asks for.
     *
     * @param feedbackVsNoFeedback throughput of FEEDBACK over NO_FEEDBACK (1 = no cost; target >= 0.95)
     * @param cpuFeedbackVsNoFeedback CPU per datagram of FEEDBACK over NO_FEEDBACK (target <= 1.05)
     * @param feedbackVsBare       throughput of FEEDBACK over BARE (the share of the ceiling reached)
     */
    public record Result(List<ModeResult> modes, double feedbackVsNoFeedback, double cpuFeedbackVsNoFeedback,
                         double feedbackVsBare, int rounds) {
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
                    c.mode(), c.budgetNs(), null, c.queueCapacity(), c.slabBytes(), c.maxSlabs(), c.producerThreads())).run(LiveStatus.Listener.NONE);
        }
        double[][] rate = new double[3][rounds];
        double[][] cpu = new double[3][rounds];
        long[] drops = new long[3];
        for (int r = 0; r < rounds; r++) {
            for (int m = 0; m < 3; m++) {
                LiveResult res = new LiveRun(configs[m]).run(LiveStatus.Listener.NONE);
                long delivered = configs[m].mode() == LiveConfig.Mode.BARE ? res.received() : res.consumed();
                rate[m][r] = delivered / base.workload().durationSeconds();
                cpu[m][r] = res.cpuNsPerDatagram() == null ? Double.NaN : res.cpuNsPerDatagram();
                drops[m] += res.drops();
            }
        }
        List<ModeResult> modes = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            modes.add(new ModeResult(configs[m].mode().name().toLowerCase(java.util.Locale.ROOT),
                    m == 2 ? "none" : configs[m].spec(), median(rate[m]), median(cpu[m]), drops[m], rate[m].clone()));
        }
        return new Result(modes, modes.get(0).datagramsPerSecond() / modes.get(1).datagramsPerSecond(),
                modes.get(0).cpuNsPerDatagram() / modes.get(1).cpuNsPerDatagram(),
                modes.get(0).datagramsPerSecond() / modes.get(2).datagramsPerSecond(), rounds);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
