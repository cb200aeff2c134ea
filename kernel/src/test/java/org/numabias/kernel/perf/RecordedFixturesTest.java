package org.numabias.kernel.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
            "tcp-rpc,        1644, 408,    400,      402,   0,         0,       25",
            // real servers and clients (nginx_wrk.sh, redis_benchmark.sh, pgbench.sh, iperf3.sh)
            "nginx-wrk-pinned,    1307, 338, 302, 306, 3,  0, 13",
            "nginx-wrk-unpinned,  1015, 342, 306, 12,  1,  0, 7",
            "redis-pinned,        1735, 474, 402, 378, 0,  0, 6",
            "redis-unpinned,      1388, 477, 402, 21,  0,  0, 14",
            "pgbench-pinned,      1440, 349, 309, 320, 43, 0, 9",
            "pgbench-unpinned,    1178, 351, 309, 40,  43, 0, 24",
            "iperf3-tcp-pinned,   761,  238, 128, 138, 0,  0, 10",
            "iperf3-udp-pinned,   1306, 330, 314, 315, 0,  0, 16",
            "iperf3-udp-unpinned, 986,  329, 260, 58,  0,  0, 10"})
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

    private static List<TraceEvent> events(String name) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fixture(name).perfScript(), StandardCharsets.UTF_8))) {
            new PerfScriptImporter(CpuNodeMap.projection(1), false, name, events::add).run(in, c -> { });
        }
        return events;
    }

    /** Also a capture added later: enough consumptions to compare predictors on (tcp-bulk, the smallest, has 48). */
    @Test
    void everyBundledCaptureImportsWithConsumptions() throws IOException {
        for (RecordedTrace t : RecordedTrace.all()) {
            assertTrue(events(t.name()).stream().filter(e -> e instanceof TraceEvent.Consume).count() >= 40, t.name());
        }
    }

    /**
     * Pinned request/response and bulk servers: the reader is never on the CPU that received (loopback
     * receives on the sender's CPU), and each TCP flow (one direction of one connection: the socket's
     * hash) has one reader, which is why key=flow wins there (README, "Real-server captures").
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"nginx-wrk-pinned", "redis-pinned", "pgbench-pinned", "iperf3-tcp-pinned"})
    void pinnedServersAreReadAcrossCpusAndOneCpuPerFlow(String name) throws IOException {
        Map<Long, TraceEvent.Alloc> live = new HashMap<>();
        Map<Long, Map<Integer, Long>> bytesByFlowAndCpu = new HashMap<>();
        long total = 0;
        long sameCpu = 0;
        for (TraceEvent e : events(name)) {
            if (e instanceof TraceEvent.Alloc a) {
                live.put(a.bufferId(), a);
            } else if (e instanceof TraceEvent.Consume c && live.containsKey(c.bufferId())) {
                TraceEvent.Alloc a = live.get(c.bufferId());
                total += c.bytes();
                sameCpu += a.cpu() == c.cpu() ? c.bytes() : 0;
                bytesByFlowAndCpu.computeIfAbsent(a.flow(), f -> new HashMap<>()).merge(c.cpu(), c.bytes(), Long::sum);
            }
        }
        assertTrue(total > 10_000, name + " consumed " + total);
        assertTrue(sameCpu < total / 100, name + ": " + sameCpu + " of " + total + " bytes read on the receiving CPU");
        assertTrue(bytesByFlowAndCpu.size() >= 3, name + " flows " + bytesByFlowAndCpu.keySet());
        assertFalse(bytesByFlowAndCpu.containsKey(-1L), name + ": a TCP buffer without a flow hash");
        long off = bytesByFlowAndCpu.values().stream()
                .mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum()
                        - m.values().stream().mapToLong(Long::longValue).max().orElse(0)).sum();
        assertTrue(off < total / 100, name + ": " + off + " bytes read off their flow's main CPU");
    }

    @Test
    void udpPinnedIsProducedOnCpu0AndReadOnCpu1() throws IOException {
        List<TraceEvent> events = events("udp-pinned");
        // the sender is pinned to CPU 0 and loopback receives on the sending CPU; the reader is pinned to CPU 1
        assertTrue(events.stream().filter(e -> e instanceof TraceEvent.Alloc).allMatch(e -> ((TraceEvent.Alloc) e).cpu() == 0));
        assertTrue(events.stream().filter(e -> e instanceof TraceEvent.Consume)
                .allMatch(e -> ((TraceEvent.Consume) e).cpu() == 1 && ((TraceEvent.Consume) e).bytes() == 20000));
        assertTrue(events.stream().filter(e -> e instanceof TraceEvent.Alloc).allMatch(e -> ((TraceEvent.Alloc) e).bytes() == 20028));
    }
}
