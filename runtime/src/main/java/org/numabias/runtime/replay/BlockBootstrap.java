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
 * {@link Measurement}), and it is a few prefix sums: no library bootstraps {@link RawSums}. It is also a
 * measured hot spot of {@code compare} with many predictors (its inner loop adds run sums): the engine
 * computes all rows of a replay pass in one call ({@link #intervalsOfRows}), because paired resamples
 * draw the same runs for every row, so one draw serves every row and the sums of a run are added for
 * every row in one long loop.
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
     * windows) has none. The one-row case of {@link #intervalsOfRows}.
     */
    public static Map<Measurement, Interval> intervals(List<RawSums> windows, long seed, int replicates) {
        return intervalsOfRows(List.of(windows), seed, replicates).getFirst();
    }

    /**
     * The intervals of each row (one predictor's windows' sums, in trace order), in row order: row
     * {@code r}'s map is exactly {@link #intervals intervals(rows.get(r), seed, replicates)}, bit for bit.
     * Every row resamples the same windows with the same seed, so every row's replicates use the same
     * run starts (paired resamples): they are drawn once, and each start adds the run's sums of every row
     * at once, from one contiguous stretch of memory (the rows' sums of a window lie side by side, a long
     * loop the JIT vectorises). A field equal in every row (the references' sums, the consumptions, the
     * consumer nodes: in a replay, all but the predictor's own hits, local bytes, distance and predicted
     * nodes) is added once. This inner loop is most of the cost of a replay's intervals.
     *
     * @throws IllegalArgumentException if the rows differ in their number of windows, or a window's
     *                                  per-node arrays differ in length from the first window's
     */
    public static List<Map<Measurement, Interval>> intervalsOfRows(List<List<RawSums>> rows, long seed,
                                                                 int replicates) {
        int count = rows.size();
        List<Map<Measurement, Interval>> out = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            out.add(new EnumMap<>(Measurement.class));
        }
        int k = count == 0 ? 0 : rows.getFirst().size();
        for (int r = 1; r < count; r++) {
            if (rows.get(r).size() != k) {
                throw new IllegalArgumentException("rows resample the same windows: row " + r + " has "
                        + rows.get(r).size() + " windows, row 0 has " + k);
            }
        }
        if (k < MIN_WINDOWS || replicates < 1) {
            return out;
        }
        int nodes = rows.getFirst().getFirst().actualByNode().length;
        int f = fields(nodes);
        int line = count * f;
        long[] flat = new long[k * line]; // window w's fields of every row, row after row, from w * line
        for (int w = 0; w < k; w++) {
            for (int r = 0; r < count; r++) {
                flatten(rows.get(r).get(w), nodes, flat, w * line + r * f);
            }
        }
        // a row's field equal to the first row's in every window (the references' sums, the consumer nodes) is
        // one column of the sums, added once for every row
        int[] column = new int[line]; // (row r, field i) at r * f + i: its column
        int[] source = new int[line]; // column c: the (row, field) it holds
        int width = 0;
        for (int j = 0; j < line; j++) {
            if (j >= f && sameInEveryWindow(flat, k, line, j, j % f)) {
                column[j] = column[j % f];
            } else {
                column[j] = width;
                source[width++] = j;
            }
        }
        long[] prefix = new long[(k + 1) * width]; // line w: the sums of windows 0 .. w-1
        for (int w = 0; w < k; w++) {
            for (int c = 0; c < width; c++) {
                prefix[(w + 1) * width + c] = prefix[w * width + c] + flat[w * line + source[c]];
            }
        }
        int l = Math.min(blockLength(k), k);
        int runs = (k + l - 1) / l;
        int starts = k - l + 1;
        int lastLength = k - (runs - 1) * l; // every run but the last is l windows long
        long[] run = new long[starts * width]; // line s: the sums of the l windows from s, read by every full run
        for (int start = 0; start < starts; start++) {
            for (int i = 0; i < width; i++) {
                run[start * width + i] = prefix[(start + l) * width + i] - prefix[start * width + i];
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        Measurement[] measured = WITH_INTERVAL.toArray(Measurement[]::new);
        double[][][] draws = new double[count][measured.length][replicates];
        // per row and measurement, the replicates where it is defined so far
        int[][] defined = new int[count][measured.length];
        long[] sum = new long[width];
        for (int rep = 0; rep < replicates; rep++) {
            Arrays.fill(sum, 0);
            for (int j = 0; j < runs - 1; j++) {
                int from = random.nextInt(starts) * width;
                for (int i = 0; i < width; i++) {
                    sum[i] += run[from + i];
                }
            }
            int start = random.nextInt(starts);
            int to = (start + lastLength) * width;
            int from = start * width;
            for (int i = 0; i < width; i++) {
                sum[i] += prefix[to + i] - prefix[from + i];
            }
            for (int r = 0; r < count; r++) {
                RawSums replicate = unflatten(sum, column, r * f, nodes);
                for (int m = 0; m < measured.length; m++) {
                    Number v = measured[m].of(replicate);
                    if (v != null) {
                        draws[r][m][defined[r][m]++] = v.doubleValue();
                    }
                }
            }
        }
        for (int r = 0; r < count; r++) {
            for (int m = 0; m < measured.length; m++) {
                int n = defined[r][m];
                if (n > 0 && replicates - n <= MAX_UNDEFINED * replicates) {
                    double[] v = Arrays.copyOf(draws[r][m], n);
                    Arrays.sort(v);
                    out.get(r).put(measured[m], new Interval(percentile(v, LOW), percentile(v, HIGH)));
                }
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

    /** Writes {@code s}'s fields into {@code into} from {@code at}, in the order {@link #unflatten} reads them. */
    private static void flatten(RawSums s, int nodes, long[] into, int at) {
        if (s.predictedByNode().length != nodes || s.actualByNode().length != nodes) {
            throw new IllegalArgumentException("a window's sums have " + s.predictedByNode().length + " predicted and "
                    + s.actualByNode().length + " actual nodes, the first window " + nodes);
        }
        into[at] = s.consumptions();
        into[at + 1] = s.bytes();
        into[at + 2] = s.hits();
        into[at + 3] = s.localBytes();
        into[at + 4] = s.weightedDistance();
        into[at + 5] = s.oracleWeightedDistance();
        into[at + 6] = s.oracleRemoteBytes();
        into[at + 7] = s.producerLocalRemoteBytes();
        into[at + 8] = s.majorityHits();
        into[at + 9] = s.lastConsumerHits();
        System.arraycopy(s.predictedByNode(), 0, into, at + 10, nodes);
        System.arraycopy(s.actualByNode(), 0, into, at + 10 + nodes, nodes);
    }

    /** Whether fields {@code a} and {@code b} of lines of {@code stride} are equal in each of {@code k} lines. */
    private static boolean sameInEveryWindow(long[] flat, int k, int stride, int a, int b) {
        for (int w = 0; w < k; w++) {
            if (flat[w * stride + a] != flat[w * stride + b]) {
                return false;
            }
        }
        return true;
    }

    /** A row's sums from columns {@code column[at ..]} of {@code sum} (its fields in {@link #flatten}'s order). */
    private static RawSums unflatten(long[] sum, int[] column, int at, int nodes) {
        long[] predicted = new long[nodes];
        long[] actual = new long[nodes];
        for (int n = 0; n < nodes; n++) {
            predicted[n] = sum[column[at + 10 + n]];
            actual[n] = sum[column[at + 10 + nodes + n]];
        }
        return new RawSums(sum[column[at]], sum[column[at + 1]], sum[column[at + 2]], sum[column[at + 3]],
                sum[column[at + 4]], predicted, actual, sum[column[at + 5]], sum[column[at + 6]], sum[column[at + 7]],
                sum[column[at + 8]], sum[column[at + 9]], 0, 0, 0, 0);
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
