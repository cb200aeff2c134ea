package org.numabias.live.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.live.workload.Workload;
import org.numabias.runtime.store.ChronicleTraceSource;

/** Devices are multiplexed onto a bounded number of producer threads: 10,000 devices run on a few threads. */
class ManyDevicesTest {
    /**
     * Threads a run may add to the JVM: producer threads (2 nodes x 1 here), 2 consumers, the recorder,
     * the generator, the predictor watchdog, and a few of Chronicle's and the JDK's own (the trace
     * writer's background threads, a reference-handler-like cleaner); far below one per device.
     */
    private static final int THREAD_BOUND = 16;

    @Test
    @Timeout(180)
    void tenThousandDevicesRunOnTwoProducerThreadsAndEveryDeviceIsServed(@TempDir Path dir) {
        int devices = 10_000;
        List<Workload.Device> ds = new ArrayList<>();
        List<Workload.Flow> fs = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            ds.add(new Workload.Device("eth" + d, d % 2));
            fs.add(new Workload.Flow("eth" + d, d % 3 == 0 ? "a" : "b", 200, 2));
        }
        Workload w = new Workload("many", "", 1.0, devices, 2048, ds,
                List.of(new Workload.Consumer("a", 0, 0), new Workload.Consumer("b", 1, 0)), fs, List.of())
                .validate("test");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int before = threads.getThreadCount();
        threads.resetPeakThreadCount();
        Path trace = dir.resolve("t");
        LiveResult r = new LiveRun(LiveConfig.of(w, LiveLoopTest.emulated(2), PredictorRegistry.builtIn(),
                "last-consumer:key=flow").withProducerThreads(1).withRecord(trace)).run(LiveStatus.Listener.NONE);
        int added = threads.getPeakThreadCount() - before;

        assertEquals(2, r.producerThreads(), "one per node");
        assertEquals(devices, r.devices());
        assertTrue(added <= THREAD_BOUND, added + " threads added for " + devices + " devices");
        assertEquals(devices, r.sent() + r.sendErrors(), "each flow's first datagram is due at once, then maxDatagrams");
        BitSet served = new BitSet(devices);
        try (ChronicleTraceSource s = ChronicleTraceSource.open(trace); TraceCursor c = s.open()) {
            while (c.hasNext()) {
                if (c.next() instanceof TraceEvent.Alloc a) {
                    served.set(a.device());
                }
            }
        }
        assertEquals(r.sent(), r.received() + r.dropPoolEmpty(), "every datagram sent was polled from its socket");
        assertEquals(r.received() - r.dropRecorderBehind(), served.cardinality(), "each device's datagram, recorded");
        assertTrue(served.cardinality() > devices / 2, "most devices served: " + served.cardinality());
    }
}
