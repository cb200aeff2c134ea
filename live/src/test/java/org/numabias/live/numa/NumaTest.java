package org.numabias.live.numa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The NUMA layer for real on this machine's node 0 (skipped, with the reason, where libnuma is missing). */
class NumaTest {
    private static Numa numa;

    @BeforeAll
    static void load() {
        String[] why = new String[1];
        Optional<Numa> n = Numa.load(why);
        Assumptions.assumeTrue(n.isPresent(), () -> "libnuma unavailable: " + why[0]);
        numa = n.get();
    }

    @Test
    void topologyIsConsistent() {
        assertTrue(numa.nodes() >= 1);
        assertTrue(numa.cpus() >= 1);
        for (int cpu = 0; cpu < numa.cpus(); cpu++) {
            int node = numa.nodeOfCpu(cpu);
            assertTrue(node >= 0 && node < numa.nodes(), "cpu " + cpu + " on node " + node);
        }
        assertEquals(-1, numa.nodeOfCpu(numa.cpus()));
        assertTrue(numa.isMemoryNode(0));
    }

    @Test
    void memoryAllocatedOnNode0IsOnNode0OnceTouched() {
        long bytes = 4L * numa.pageSize();
        MemorySegment seg = numa.allocOnNode(bytes, 0);
        try {
            assertEquals(bytes, seg.byteSize());
            assertEquals(-2, numa.nodeOfPage(seg), "an untouched page has no node yet (-ENOENT)");
            for (long off = 0; off < bytes; off += numa.pageSize()) {
                seg.set(ValueLayout.JAVA_LONG, off, off + 1);
            }
            for (long off = 0; off < bytes; off += numa.pageSize()) {
                assertEquals(0, numa.nodeOfPage(seg.asSlice(off)));
                assertEquals(off + 1, seg.get(ValueLayout.JAVA_LONG, off));
            }
        } finally {
            numa.free(seg);
        }
    }

    @Test
    void badNodeIsRefusedAndLibnumaPrintsNothing() throws Throwable {
        String printed = StderrCapture.capture(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> numa.allocOnNode(4096, numa.nodes()));
            assertTrue(e.getMessage().contains("node " + numa.nodes() + " does not exist"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> numa.allocOnNode(4096, -1));
            assertThrows(IllegalArgumentException.class, () -> numa.bindThreadToNode(numa.nodes()));
            assertThrows(IllegalArgumentException.class, () -> numa.bindThreadToCpu(numa.cpus()));
        });
        assertEquals("", printed, "nothing may reach the process's stderr");
    }

    @Test
    void bindingMovesTheThread() throws Exception {
        Thread t = Thread.ofPlatform().unstarted(() -> {
            int last = numa.cpus() - 1;
            numa.bindThreadToCpu(last);
            for (int i = 0; i < 5; i++) {
                assertEquals(last, numa.currentCpu());
                Thread.yield();
            }
            numa.bindThreadToNode(0);
            for (int i = 0; i < 5; i++) {
                assertEquals(0, numa.nodeOfCpu(numa.currentCpu()));
                Thread.yield();
            }
        });
        Throwable[] failure = new Throwable[1];
        t.setUncaughtExceptionHandler((th, e) -> failure[0] = e);
        t.start();
        t.join(10_000);
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }
}
