package org.numabias.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.numabias.runtime.contract.RandomTraces;
import org.numabias.runtime.replay.ReplayReport;

class DatasetHeatmapsTest {
    @Test
    void captionCarriesSeedKindsAndDigests() {
        ReplayReport r = Replays.replay(RandomTraces.generate(3, 2, 200, false));
        DatasetInfo synthetic = new DatasetInfo("s", DatasetInfo.GENERATED, false, "model", "9", "abcdef0123456789", "s");
        DatasetInfo projected = new DatasetInfo("p", DatasetInfo.PERF, true, "cpu-as-node", null, "0123456789abcdef", "p");
        assertEquals("generated", synthetic.kind());
        assertEquals("perf capture, projected", projected.kind());
        List<String> caption = DatasetHeatmaps.caption(ResultMetric.CAPTURED_GAIN, List.of(synthetic, projected), 9L);
        String all = String.join("\n", caption);
        assertTrue(all.contains("1 perf capture"), all);
        assertTrue(all.contains("1 generated (models from scenario generators, seed 9"), all);
        assertTrue(all.contains("'projected'"), all);
        assertTrue(all.contains("s abcdef012345, p 0123456789ab"), all);
        assertTrue(all.contains("n/m = not meaningful"), all);
        var image = DatasetHeatmaps.chart(ResultMetric.LOCAL_BYTE_RATIO, List.of(r, r), List.of(projected, synthetic), 9L);
        assertTrue(image.getWidth() > 600 && image.getHeight() > 200);
        assertThrows(IllegalArgumentException.class,
                () -> DatasetHeatmaps.chart(ResultMetric.LOCAL_BYTE_RATIO, List.of(r), List.of(projected, synthetic), 9L));
    }

    @Test
    void kindComesFromTheTraceHeader() {
        ReplayReport r = Replays.replay(Replays.nearlyLocal(3, 1, 10));
        DatasetInfo info = DatasetInfo.of("x", r);
        assertEquals(DatasetInfo.UNKNOWN, info.kind()); // its provenance is only tool=test
        assertEquals(DatasetInfo.GENERATED, DatasetInfo.origin(Map.of("scenario", "mix", "seed", "1")));
        assertEquals(DatasetInfo.PERF, DatasetInfo.origin(Map.of("format", "perf-script", "source", "/tmp/x.txt")));
        assertEquals(DatasetInfo.PERF, DatasetInfo.origin(Map.of("perf", "perf version 6.1", "workload", "redis")));
        assertEquals(DatasetInfo.LIVE, DatasetInfo.origin(Map.of("source", "numabias live")));
        assertEquals(DatasetInfo.CSV, DatasetInfo.origin(Map.of("format", "csv", "source", "/tmp/t.csv")));
        assertNull(info.seed());
        assertEquals(r.summary().eventsSha256().substring(0, 12), info.shortDigest());
    }

    @Test
    void theBestOfARowAndItsTiesAreFramedButNeverANonRival() {
        Double[] row = {0.5, 0.5004, 0.4, null, 0.9};
        boolean[] rivals = {true, true, true, true, false};
        assertArrayEquals(new boolean[]{true, true, false, false, false}, DatasetHeatmaps.best(row, rivals, true, "%.2f"));
        assertArrayEquals(new boolean[]{false, true, false, false, false}, DatasetHeatmaps.best(row, rivals, true, "%.4f"));
        assertArrayEquals(new boolean[]{false, false, true, false, false}, DatasetHeatmaps.best(row, rivals, false, "%.2f"));
        assertArrayEquals(new boolean[5], DatasetHeatmaps.best(row, new boolean[5], true, "%.2f"));
    }

    @Test
    void niceLimitsCoverTheData() {
        assertEquals(0.05, DatasetHeatmaps.niceLimit(0.0));
        assertEquals(0.1, DatasetHeatmaps.niceLimit(0.07));
        assertEquals(0.5, DatasetHeatmaps.niceLimit(0.5));
        assertEquals(3.0, DatasetHeatmaps.niceLimit(2.2));
    }

    @Test
    void nodeMatrixDiagonalIsTheLocalShare() {
        NodeMatrix m = new NodeMatrix("t", "producer node", "consumer node", new long[][]{{30, 10}, {0, 60}});
        assertEquals(100, m.total());
        assertEquals(0.9, m.diagonalShare(), 1e-15);
        assertNull(new NodeMatrix("t", "a", "b", new long[][]{{0}}).diagonalShare());
        assertThrows(IllegalArgumentException.class, () -> new NodeMatrix("t", "a", "b", new long[][]{{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> new NodeMatrix("t", "a", "b", new long[][]{{-1}}));
        // on a replay the producer-local localByteRatio is the diagonal share of bytes by node pair
        ReplayReport r = Replays.replay(RandomTraces.generate(5, 3, 300, false));
        var pl = r.results().getFirst();
        assertEquals(pl.localByteRatio(), new NodeMatrix("t", "a", "b", r.summary().bytesByNodePair()).diagonalShare(), 1e-12);
        // and every predictor's localByteRatio is the diagonal share of its bytes by predicted and consumer node
        for (var p : r.results()) {
            assertEquals(p.localByteRatio(), new NodeMatrix("t", "a", "b", p.nodeMatrix().bytes()).diagonalShare(), 1e-12,
                    p.label());
        }
    }
}
