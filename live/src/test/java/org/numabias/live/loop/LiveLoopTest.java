package org.numabias.live.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.live.numa.EmulatedNodeMemory;
import org.numabias.live.numa.Numa;
import org.numabias.live.pool.NodePool;
import org.numabias.live.workload.Workload;
import org.numabias.live.workload.Workloads;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.store.ChronicleTraceSource;

/** The whole loop with emulated nodes on short, bounded loopback workloads. */
class LiveLoopTest {
    static EmulatedNodeMemory emulated(int nodes) {
        return new EmulatedNodeMemory(nodes, Numa.load(new String[1]));
    }

    static Workload shortRun(String builtIn, double seconds, long maxDatagrams) {
        Workload w = Workloads.load(builtIn);
        return new Workload(w.name(), w.description(), w.durationSeconds(), maxDatagrams, w.bufferBytes(), w.devices(),
                w.consumers(), w.flows(), w.migrations()).validate("test").withDuration(seconds);
    }

    @Test
    @Timeout(60)
    void everyReceivedDatagramIsConsumedOrCountedAndTheTraceSaysSo(@TempDir Path dir) {
        Path trace = dir.resolve("trace");
        Workload w = shortRun("cross-node", 1.0, 20_000);
        LiveConfig cfg = LiveConfig.of(w, emulated(2), PredictorRegistry.builtIn(), "producer-local").withRecord(trace);
        LiveResult r = new LiveRun(cfg).run(LiveStatus.Listener.NONE);

        assertTrue(r.received() > 1000, "received " + r.received());
        assertTrue(r.sent() <= 20_000);
        assertEquals(r.received(), r.consumed() + r.dropConsumerBehind() + r.dropRecorderBehind());
        assertEquals("emulated", r.memoryMode());
        for (NodePool.Stats s : r.pools()) {
            assertEquals(0, s.inUse(), "every buffer is back in its pool: " + s);
        }
        // producer-local: a buffer is on its device's node; in cross-node only the 512-byte flows (8% of the bytes at
        // the nominal rates) are consumed on their device's node
        assertNotNull(r.liveLocalByteRatio());
        assertTrue(r.liveLocalByteRatio() > 0 && r.liveLocalByteRatio() < 0.3, "local " + r.liveLocalByteRatio());
        assertEquals(0, r.faults());

        long allocs = 0;
        long consumes = 0;
        long frees = 0;
        try (ChronicleTraceSource source = ChronicleTraceSource.open(trace); TraceCursor c = source.open()) {
            TraceHeader h = source.header();
            assertTrue(h.provenance().get("emulated").startsWith("true"), h.provenance().toString());
            assertTrue(h.topology().projected());
            assertEquals(null, h.provenance().get("incomplete"));
            assertEquals(List.of("eth0", "eth1"), h.deviceNames());
            long lastTime = -1;
            while (c.hasNext()) {
                TraceEvent e = c.next();
                assertTrue(e.timeNs() >= lastTime);
                lastTime = e.timeNs();
                switch (e) {
                    case TraceEvent.Alloc a -> {
                        allocs++;
                        assertEquals(a.node(), a.allocNode(), "producer-local places on the producer's node");
                    }
                    case TraceEvent.Consume x -> consumes++;
                    case TraceEvent.Free f -> frees++;
                }
            }
        }
        assertEquals(r.received() - r.dropRecorderBehind(), allocs);
        assertEquals(r.consumed(), consumes);
        assertEquals(r.consumed() + r.dropConsumerBehind(), frees);
        assertEquals(allocs + consumes + frees, r.traceEvents());

        ReplayReport replay = LiveReplay.replay(trace, PredictorRegistry.builtIn(), "producer-local");
        PredictorResult p = replay.results().get(0);
        assertEquals(r.liveLocalByteRatio(), p.localByteRatio(), 1e-12, "a predictor without state: live = replay exactly");
    }

    @Test
    @Timeout(60)
    void emulatedNodesWorkWithoutLibnuma() {
        Workload w = shortRun("migration", 0.4, 2_000);
        LiveResult r = new LiveRun(LiveConfig.of(w, new EmulatedNodeMemory(2, Optional.empty()), PredictorRegistry.builtIn(),
                "last-consumer:key=flow")).run(LiveStatus.Listener.NONE);
        assertTrue(r.consumed() > 0);
        assertEquals(r.received(), r.consumed() + r.drops() - r.dropPoolEmpty());
        assertEquals(0, r.pagesSampled(), "without libnuma no page can be looked up, and none is claimed");
        assertEquals(null, r.placementVerified());
    }

    @Test
    void aWorkloadOnMoreNodesThanTheMachineIsRefused() {
        Workload w = Workloads.load("cross-node");
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.numabias.api.ConfigurationException.class,
                () -> new LiveRun(LiveConfig.of(w, emulated(1), PredictorRegistry.builtIn(), "producer-local")));
        assertTrue(e.getMessage().contains("uses node 1"), e.getMessage());
    }
}
