package org.numabias.tools.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.numabias.api.trace.TraceEvent;
import org.numabias.datasets.RecordedTrace;
import org.numabias.runtime.topology.CpuNodeMap;

/** Golden imports of the bundled real captures (datasets/recordings): counts and what the workloads imply. */
class RecordedFixturesTest {
    private static RecordedTrace fixture(String name) {
        return RecordedTrace.all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // name,        lines, allocs, consumes, frees, unmatched, skipped, others
            "udp-pinned,     1220, 300,    300,      299,   0,         0,       20",
            "udp-migrating,  1682, 300,    356,      206,   244,       0,       31",
            "udp-two-receivers, 1072, 300, 300,   149,   0,         0,       22",
            "tcp-bulk,       285,  82,     48,       31,    0,         0,       23",
            "tcp-rpc,        1644, 408,    400,      402,   0,         0,       25"})
    void importCounts(String name, long lines, long allocs, long consumes, long frees, long unmatched, long skipped,
                      long others) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        PerfScriptImporter.Result r;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fixture(name).perfScript(), StandardCharsets.UTF_8))) {
            r = new PerfScriptImporter(CpuNodeMap.projection(1), false, name, events::add).run(in, c -> { });
        }
        assertEquals(Map.of("lines", lines, "allocs", allocs, "consumes", consumes, "frees", frees,
                        "unmatchedCopies", unmatched, "skippedLines", skipped, "otherEvents", others),
                Map.of("lines", r.lines(), "allocs", r.allocs(), "consumes", r.consumes(), "frees", r.frees(),
                        "unmatchedCopies", r.unmatchedCopies(), "skippedLines", r.skippedLines(), "otherEvents", r.otherEvents()));
        assertEquals(List.of("lo"), r.devices());
        assertEquals(allocs + consumes + frees, events.size());
        long last = Long.MIN_VALUE;
        for (TraceEvent e : events) {
            assertTrue(e.timeNs() >= last, "time order");
            last = e.timeNs();
        }
    }

    @org.junit.jupiter.api.Test
    void udpPinnedIsProducedOnCpu0AndReadOnCpu1() throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fixture("udp-pinned").perfScript(), StandardCharsets.UTF_8))) {
            new PerfScriptImporter(CpuNodeMap.projection(1), false, "udp-pinned", events::add).run(in, c -> { });
        }
        // the sender is pinned to CPU 0 and loopback receives on the sending CPU; the reader is pinned to CPU 1
        assertTrue(events.stream().filter(e -> e instanceof TraceEvent.Alloc).allMatch(e -> ((TraceEvent.Alloc) e).cpu() == 0));
        assertTrue(events.stream().filter(e -> e instanceof TraceEvent.Consume)
                .allMatch(e -> ((TraceEvent.Consume) e).cpu() == 1 && ((TraceEvent.Consume) e).bytes() == 20000));
        assertTrue(events.stream().filter(e -> e instanceof TraceEvent.Alloc).allMatch(e -> ((TraceEvent.Alloc) e).bytes() == 20028));
    }
}
