package org.numabias.kernel.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.trace.TraceEvent;
import org.numabias.runtime.topology.CpuNodeMap;

/**
 * The datagram join against known counts: {@link SmallDatagramWorkload} runs under a real system-wide
 * {@code perf record}; every datagram its readers received is in the trace as one Consume of its
 * size (DNS-sized and QUIC-sized, several sockets, several readers per socket), none twice.
 */
class SmallDatagramRecordingTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void everyReceivedSmallDatagramIsJoinedToItsRead() throws IOException {
        PerfAccess.require();
        PerfRecorder perf = new PerfRecorder("perf");
        PerfRecorder.Plan plan = perf.plan();
        assertTrue(plan.datagramJoin(), plan.note());
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> workload = List.of(java, "-cp", System.getProperty("java.class.path"),
                SmallDatagramWorkload.class.getName(), "1500");
        StringBuilder out = new StringBuilder();
        Path script = tmp.resolve("perf.txt");
        PerfRecorder.Recording r = perf.record(plan, workload, 0, tmp.resolve("perf.data"), script, out, new StringBuilder());
        assertEquals(0, r.exitCode(), r.messages());
        Map<String, Long> known = new HashMap<>();
        out.toString().lines().filter(l -> l.startsWith("sent ") || l.startsWith("received "))
                .forEach(l -> known.put(l.substring(0, l.lastIndexOf(' ')), Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))));
        assertEquals(3000, known.get("sent 97"), out.toString());
        assertEquals(3000, known.get("sent 1213"), out.toString());

        // perf records system-wide on a shared machine: other processes' loopback traffic (a TCP segment
        // of the same length, a read of the same size) may add events of these sizes, so the exact counts
        // are of Consumes joined to a loopback allocation of the datagram's length (payload + 28)
        Map<Integer, Map<Long, Long>> allocsByDeviceAndSize = new HashMap<>();
        Map<Long, TraceEvent.Alloc> liveAllocs = new HashMap<>();
        Map<String, Long> joined = new HashMap<>(); // "device allocated-bytes consumed-bytes" -> Consumes
        PerfScriptImporter.Result result;
        try (BufferedReader in = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
            result = new PerfScriptImporter(CpuNodeMap.projection(1), false, script.toString(), e -> {
                if (e instanceof TraceEvent.Consume c) {
                    TraceEvent.Alloc a = liveAllocs.get(c.bufferId());
                    joined.merge(a == null ? "none" : a.device() + " " + a.bytes() + " " + c.bytes(), 1L, Long::sum);
                } else if (e instanceof TraceEvent.Alloc a) {
                    allocsByDeviceAndSize.computeIfAbsent(a.device(), d -> new HashMap<>()).merge(a.bytes(), 1L, Long::sum);
                    liveAllocs.put(a.bufferId(), a);
                } else {
                    liveAllocs.remove(e.bufferId());
                }
            }).run(in, c -> { });
        }
        int loopback = result.devices().indexOf("lo");
        assertTrue(loopback >= 0, result.toString());
        Map<Long, Long> allocsBySize = allocsByDeviceAndSize.getOrDefault(loopback, Map.of());
        // IPv4 loopback: the receive's len counts the 20-byte IP and 8-byte UDP headers; every datagram
        // sent was allocated on loopback (others' traffic of the same length can only add)
        assertTrue(allocsBySize.getOrDefault(97L + 28, 0L) >= known.get("sent 97"), result.toString());
        assertTrue(allocsBySize.getOrDefault(1213L + 28, 0L) >= known.get("sent 1213"), result.toString());
        // every received datagram is one Consume of its size joined to its loopback buffer, none twice
        // (a failed read, EAGAIN, dequeues nothing)
        assertEquals(known.get("received 97"), joined.get(loopback + " " + (97 + 28) + " 97"), "joined " + joined + "; " + result);
        assertEquals(known.get("received 1213"), joined.get(loopback + " " + (1213 + 28) + " 1213"),
                "joined " + joined + "; " + result);
        assertTrue(known.get("received 97") + known.get("received 1213") >= 2900, "the workload received too little: " + out);
        assertTrue(result.datagrams().joinedReads() >= known.get("received 97") + known.get("received 1213"), result.toString());
        assertEquals(0, result.datagrams().readsAfterCopy(), "small datagrams fire no copy event");
    }
}
