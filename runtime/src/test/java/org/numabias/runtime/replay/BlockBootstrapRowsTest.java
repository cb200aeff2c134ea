package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The intervals of several rows at once ({@link BlockBootstrap#intervalsOfRows}) are exactly, bit for bit,
 * each row's own ({@link BlockBootstrap#intervals}), and both are exactly those of a moving-block bootstrap
 * written here the plain way from DESIGN.md, "Uncertainty" (each replicate joins its drawn runs window by
 * window and adds them, no prefix sums), drawing its run starts from the same seeded generator in the same
 * order.
 */
class BlockBootstrapRowsTest {

    /**
     * {@code rows} predictors' sums over {@code k} windows of {@code nodes} nodes, from {@code seed}. The
     * consumptions, bytes and consumer nodes of a window are the same for every row (as in a replay); each
     * row has its own hits and predicted nodes. Windows hold 0 to 12 consumptions, so some are empty. When
     * {@code sparse}, the oracle's cost and producer-local's remote bytes are non-zero only in two
     * windows (the rest are all-local for both): most replicates miss them, so regret and capturedGain are
     * undefined on many replicates.
     */
    static List<List<RawSums>> rows(long seed, int rows, int nodes, int k, boolean sparse) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<RawSums>> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            out.add(new ArrayList<>());
        }
        for (int w = 0; w < k; w++) {
            int consumptions = random.nextInt(13);
            long[] actual = new long[nodes];
            long bytes = 0;
            for (int c = 0; c < consumptions; c++) {
                actual[random.nextInt(nodes)]++;
                bytes += 64 + random.nextInt(9000);
            }
            boolean rare = !sparse || w == k / 2 || w == k / 2 + 1;
            long oracleDistance = rare ? random.nextInt(1 + (int) bytes) * 10L : 0;
            long oracleRemote = rare ? random.nextInt(1 + (int) bytes) : 0;
            long producerLocalRemote = rare ? random.nextInt(1 + (int) bytes) : 0;
            for (int r = 0; r < rows; r++) {
                long hits = consumptions == 0 ? 0 : random.nextInt(consumptions + 1);
                long localBytes = random.nextInt(1 + (int) bytes);
                long[] predicted = new long[nodes];
                for (int c = 0; c < consumptions; c++) {
                    predicted[random.nextInt(nodes)]++;
                }
                out.get(r).add(new RawSums(consumptions, bytes, hits, localBytes, bytes * 10 + random.nextInt(1000),
                        predicted, actual, oracleDistance, oracleRemote, producerLocalRemote,
                        consumptions == 0 ? 0 : random.nextInt(consumptions + 1),
                        consumptions == 0 ? 0 : random.nextInt(consumptions + 1), 0, 0, 0, 0));
            }
        }
        return out;
    }

    /** The moving-block bootstrap of DESIGN.md, "Uncertainty", step by step over the windows themselves. */
    static Map<Measurement, Interval> plainBootstrap(List<RawSums> windows, long seed, int replicates) {
        Map<Measurement, Interval> out = new EnumMap<>(Measurement.class);
        int k = windows.size();
        if (k < 8) {
            return out;
        }
        int l = Math.max(1, (int) Math.round(Math.cbrt(k)));
        SplittableRandom random = new SplittableRandom(seed);
        Map<Measurement, List<Double>> values = new EnumMap<>(Measurement.class);
        BlockBootstrap.WITH_INTERVAL.forEach(m -> values.put(m, new ArrayList<>()));
        for (int rep = 0; rep < replicates; rep++) {
            List<RawSums> joined = new ArrayList<>(k);
            while (joined.size() < k) {
                int start = random.nextInt(k - l + 1);
                for (int i = start; i < start + l && joined.size() < k; i++) {
                    joined.add(windows.get(i));
                }
            }
            RawSums total = joined.stream().reduce(BlockBootstrapRowsTest::add).orElseThrow();
            values.forEach((m, v) -> {
                Number x = m.of(total);
                if (x != null) {
                    v.add(x.doubleValue());
                }
            });
        }
        values.forEach((m, v) -> {
            if (replicates - v.size() <= 0.05 * replicates) {
                double[] sorted = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                out.put(m, new Interval(type7(sorted, 0.025), type7(sorted, 0.975)));
            }
        });
        return out;
    }

    private static double type7(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) h;
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static RawSums add(RawSums a, RawSums b) {
        long[] predicted = a.predictedByNode().clone();
        long[] actual = a.actualByNode().clone();
        for (int n = 0; n < predicted.length; n++) {
            predicted[n] += b.predictedByNode()[n];
            actual[n] += b.actualByNode()[n];
        }
        return new RawSums(a.consumptions() + b.consumptions(), a.bytes() + b.bytes(), a.hits() + b.hits(),
                a.localBytes() + b.localBytes(), a.weightedDistance() + b.weightedDistance(), predicted, actual,
                a.oracleWeightedDistance() + b.oracleWeightedDistance(), a.oracleRemoteBytes() + b.oracleRemoteBytes(),
                a.producerLocalRemoteBytes() + b.producerLocalRemoteBytes(), a.majorityHits() + b.majorityHits(),
                a.lastConsumerHits() + b.lastConsumerHits(), 0, 0, 0, 0);
    }

    private static void assertEachRowIsItsOwnAndThePlainOne(List<List<RawSums>> rows, long seed, int replicates) {
        List<Map<Measurement, Interval>> all = BlockBootstrap.intervalsOfRows(rows, seed, replicates);
        assertEquals(rows.size(), all.size());
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(BlockBootstrap.intervals(rows.get(r), seed, replicates), all.get(r), "row " + r);
            assertEquals(plainBootstrap(rows.get(r), seed, replicates), all.get(r), "row " + r);
        }
    }

    @Test
    void everyRowAtOnceIsEachRowAloneForAnyWindowsNodesAndRows() {
        qt().withExamples(40).forAll(longs().all(), integers().between(1, 6), integers().between(1, 4),
                        integers().between(1, 3000))
                .checkAssert((seed, rows, nodes, k) -> assertEachRowIsItsOwnAndThePlainOne(
                        rows(seed, rows, nodes, k, (seed & 1) == 0), seed ^ 0x5DEECE66DL, 200));
    }

    @Test
    void aReplayOfTenRowsWithTheEnginesSeedAndReplicates() {
        List<List<RawSums>> rows = new ArrayList<>(rows(11, 9, 4, 1024, false));
        rows.add(rows.get(0)); // a row equal to the first in every field: each of its columns is the first row's
        assertEachRowIsItsOwnAndThePlainOne(rows, BlockBootstrap.SEED, BlockBootstrap.REPLICATES);
        assertEquals(BlockBootstrap.WITH_INTERVAL, BlockBootstrap.intervals(rows.get(3), BlockBootstrap.SEED,
                BlockBootstrap.REPLICATES).keySet(), "no sum of these windows is zero on a replicate");
    }

    @Test
    void aMeasurementUndefinedOnManyReplicatesHasNoIntervalInAnyRow() {
        List<List<RawSums>> rows = rows(2, 5, 3, 400, true);
        assertEachRowIsItsOwnAndThePlainOne(rows, BlockBootstrap.SEED, BlockBootstrap.REPLICATES);
        for (Map<Measurement, Interval> row : BlockBootstrap.intervalsOfRows(rows, BlockBootstrap.SEED,
                BlockBootstrap.REPLICATES)) {
            assertFalse(row.containsKey(Measurement.REGRET), row.keySet().toString());
            assertFalse(row.containsKey(Measurement.CAPTURED_GAIN), row.keySet().toString());
            assertTrue(row.containsKey(Measurement.ACCURACY) && row.containsKey(Measurement.KAPPA),
                    row.keySet().toString());
        }
    }

    @Test
    void rowsOfDifferentShapesAreRefusedAndNoRowsGiveNoIntervals() {
        List<List<RawSums>> rows = rows(5, 2, 2, 20, false);
        List<List<RawSums>> uneven = List.of(rows.get(0), rows.get(1).subList(0, 19));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockBootstrap.intervalsOfRows(uneven, 1, 10));
        assertEquals("rows resample the same windows: row 1 has 19 windows, row 0 has 20", e.getMessage());
        assertEquals(List.of(), BlockBootstrap.intervalsOfRows(List.of(), 1, 10));
        assertEquals(List.of(Map.of(), Map.of()), BlockBootstrap.intervalsOfRows(
                List.of(rows.get(0).subList(0, 7), rows.get(1).subList(0, 7)), 1, 10));
        assertEquals(List.of(Map.of()), BlockBootstrap.intervalsOfRows(List.of(rows.get(0)), 1, 0));
        List<RawSums> threeNodes = new ArrayList<>(rows.get(1));
        threeNodes.set(12, rows(5, 1, 3, 1, false).getFirst().getFirst());
        IllegalArgumentException nodes = assertThrows(IllegalArgumentException.class,
                () -> BlockBootstrap.intervalsOfRows(List.of(rows.get(0), threeNodes), 1, 10));
        assertEquals("a window's sums have 3 predicted and 3 actual nodes, the first window 2", nodes.getMessage());
    }
}
