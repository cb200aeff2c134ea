package org.numabias.runtime.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * 95% intervals of a replay's measurements by a moving-block bootstrap over windows of consecutive
 * scored consumptions (DESIGN.md, "Uncertainty"). A trace's consumptions are serially dependent (a
 * consumer stays, migrates, cycles), so resampling single consumptions would understate the spread;
 * resampling runs of consecutive windows keeps the dependence within a run. Each replicate draws
 * {@code ceil(K / l)} runs of {@code l} consecutive windows (run starts uniform over the
 * {@code K - l + 1} possible ones), keeps the first {@code K} windows, adds their {@link RawSums} and
 * computes every measurement from the sums, exactly as for the whole trace; the interval is the
 * 2.5% and 97.5% percentiles of {@link #REPLICATES} replicates. {@code l} is
 * {@link #blockLength(int)}. Deterministic for a given seed: the same seed draws the same runs for
 * every predictor of a replay (paired resamples).
 *
 * <p>Written here because the resampled statistic is ours (a ratio of sums, computed by
 * {@link Measurement}), and it is a few prefix sums: no library bootstraps {@link RawSums}.
 */
public final class BlockBootstrap {
    /** Resamples per interval. */
    public static final int REPLICATES = 1000;
    /** The seed the replay engine uses. */
    public static final long SEED = 20_091_114L;
    /** Fewer windows than this give no interval: too few runs to resample. */
    public static final int MIN_WINDOWS = 8;
    /** The measurements that get an interval: the windowed ones except the trace's own sizes. */
    public static final Set<Measurement> WITH_INTERVAL;

    static {
        Set<Measurement> s = EnumSet.noneOf(Measurement.class);
        for (Measurement m : Measurement.values()) {
            if (m.windowed() && m != Measurement.CONSUMPTIONS && m != Measurement.BYTES) {
                s.add(m);
            }
        }
        WITH_INTERVAL = Collections.unmodifiableSet(s);
    }

    private static final double LOW = 0.025;
    private static final double HIGH = 0.975;
    /** Replicates where a measurement is undefined (zero denominator) beyond this share: no interval. */
    private static final double MAX_UNDEFINED = 0.05;

    private BlockBootstrap() {
    }

    /**
     * The run length l in windows for K windows: round(K^(1/3)), at least 1 (the order of the block
     * length that minimises the error of a bootstrap variance estimate, Hall, Horowitz and Jing 1995).
     */
    public static int blockLength(int windows) {
        return Math.max(1, (int) Math.round(Math.cbrt(windows)));
    }

    /**
     * The intervals of {@link #WITH_INTERVAL} from these windows' sums (in trace order), drawn with
     * {@code seed}; a measurement undefined on too many replicates (or fewer than {@link #MIN_WINDOWS}
     * windows) has none.
     */
    public static Map<Measurement, Interval> intervals(List<RawSums> windows, long seed, int replicates) {
        int k = windows.size();
        Map<Measurement, Interval> out = new EnumMap<>(Measurement.class);
        if (k < MIN_WINDOWS || replicates < 1) {
            return out;
        }
        int nodes = windows.getFirst().actualByNode().length;
        int f = fields(nodes);
        long[] prefix = new long[(k + 1) * f]; // row w: the sums of windows 0 .. w-1
        for (int w = 0; w < k; w++) {
            long[] x = flatten(windows.get(w), nodes);
            for (int i = 0; i < f; i++) {
                prefix[(w + 1) * f + i] = prefix[w * f + i] + x[i];
            }
        }
        int l = Math.min(blockLength(k), k);
        int runs = (k + l - 1) / l;
        int starts = k - l + 1;
        int lastLength = k - (runs - 1) * l; // every run but the last is l windows long
        long[] run = new long[starts * f]; // row s: the sums of the l windows from s, read by every full run
        for (int start = 0; start < starts; start++) {
            for (int i = 0; i < f; i++) {
                run[start * f + i] = prefix[(start + l) * f + i] - prefix[start * f + i];
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        Measurement[] measured = WITH_INTERVAL.toArray(Measurement[]::new);
        double[][] draws = new double[measured.length][replicates];
        int[] defined = new int[measured.length]; // per measurement, the replicates where it is defined so far
        long[] sum = new long[f];
        for (int r = 0; r < replicates; r++) {
            Arrays.fill(sum, 0);
            for (int j = 0; j < runs - 1; j++) {
                int from = random.nextInt(starts) * f;
                for (int i = 0; i < f; i++) {
                    sum[i] += run[from + i];
                }
            }
            int start = random.nextInt(starts);
            int to = (start + lastLength) * f;
            int from = start * f;
            for (int i = 0; i < f; i++) {
                sum[i] += prefix[to + i] - prefix[from + i];
            }
            RawSums replicate = unflatten(sum, nodes);
            for (int m = 0; m < measured.length; m++) {
                Number v = measured[m].of(replicate);
                if (v != null) {
                    draws[m][defined[m]++] = v.doubleValue();
                }
            }
        }
        for (int m = 0; m < measured.length; m++) {
            int n = defined[m];
            if (n > 0 && replicates - n <= MAX_UNDEFINED * replicates) {
                double[] v = Arrays.copyOf(draws[m], n);
                Arrays.sort(v);
                out.put(measured[m], new Interval(percentile(v, LOW), percentile(v, HIGH)));
            }
        }
        return out;
    }

    /** The {@code q} quantile of sorted {@code v} (not empty), interpolated between order statistics (R's type 7). */
    public static double percentile(double[] v, double q) {
        double h = (v.length - 1) * q;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, v.length - 1);
        return v[below] + (h - below) * (v[above] - v[below]);
    }

    private static int fields(int nodes) {
        return 10 + 2 * nodes;
    }

    private static long[] flatten(RawSums s, int nodes) {
        long[] f = new long[fields(nodes)];
        f[0] = s.consumptions();
        f[1] = s.bytes();
        f[2] = s.hits();
        f[3] = s.localBytes();
        f[4] = s.weightedDistance();
        f[5] = s.oracleWeightedDistance();
        f[6] = s.oracleRemoteBytes();
        f[7] = s.producerLocalRemoteBytes();
        f[8] = s.majorityHits();
        f[9] = s.lastConsumerHits();
        System.arraycopy(s.predictedByNode(), 0, f, 10, nodes);
        System.arraycopy(s.actualByNode(), 0, f, 10 + nodes, nodes);
        return f;
    }

    private static RawSums unflatten(long[] f, int nodes) {
        return new RawSums(f[0], f[1], f[2], f[3], f[4], Arrays.copyOfRange(f, 10, 10 + nodes),
                Arrays.copyOfRange(f, 10 + nodes, 10 + 2 * nodes), f[5], f[6], f[7], f[8], f[9], 0, 0, 0, 0);
    }

    /** Every window's sums of lane {@code lane} of {@code pass}, in trace order. */
    static List<RawSums> windows(ReplayPass pass, int lane) {
        List<RawSums> sums = new ArrayList<>(pass.windowCount());
        for (int w = 0; w < pass.windowCount(); w++) {
            sums.add(pass.windowSums(lane, w));
        }
        return sums;
    }
}
