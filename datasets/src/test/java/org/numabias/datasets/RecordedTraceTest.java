package org.numabias.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled captures' index: every entry has its perf text and provenance, names are unique, and
 * the texts stay small enough for the repository (datasets/recordings bounds the workloads for that).
 * What the texts import to is checked in trace-tools (RecordedFixturesTest).
 */
class RecordedTraceTest {
    /** Per capture; the largest is about 320 KB. */
    private static final long MAX_BYTES = 400_000;

    @Test
    void everyIndexedCaptureHasTextAndProvenance() throws IOException {
        List<RecordedTrace> all = RecordedTrace.all();
        assertEquals(all.size(), all.stream().map(RecordedTrace::name).distinct().count(), "unique names");
        assertTrue(all.size() >= 14, "captures: " + all.size());
        long total = 0;
        for (RecordedTrace t : all) {
            for (String key : List.of("workload", "recordedAt", "kernel", "perf", "machine", "topology")) {
                assertTrue(t.provenance().containsKey(key), t.name() + " has no " + key);
            }
            assertTrue(t.provenance().get("workload").startsWith("datasets/recordings/"), t.name());
            long size;
            try (InputStream in = t.perfScript()) {
                size = in.transferTo(OutputStream.nullOutputStream());
            }
            assertTrue(size > 10_000 && size < MAX_BYTES, t.name() + ": " + size + " bytes of perf text");
            total += size;
        }
        assertTrue(total < 4_000_000, "all captures: " + total + " bytes");
    }

    @Test
    void serverCapturesNameTheirPackagesAndPlacement() {
        long servers = 0;
        for (RecordedTrace t : RecordedTrace.all()) {
            if (t.provenance().get("workload").contains(".sh ")) {
                servers++;
                assertTrue(t.provenance().containsKey("server") && t.provenance().containsKey("client"), t.name());
                assertTrue(t.provenance().get("placement").startsWith(t.name().endsWith("-unpinned") ? "unpinned" : "pinned"),
                        t.name() + ": " + t.provenance().get("placement"));
                assertTrue(t.provenance().containsKey("perfFilter"), t.name());
            }
        }
        assertEquals(9, servers);
    }
}
