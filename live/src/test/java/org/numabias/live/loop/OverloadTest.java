package org.numabias.live.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.numabias.api.PredictorRegistry;
import org.numabias.live.pool.NodePool;
import org.numabias.live.workload.Workload;

/** When consumers fall behind, producers drop and count, and memory stays within the pools' bounds. */
class OverloadTest {
    @Test
    @Timeout(60)
    void aSlowConsumerMakesProducersDropAndCountWithBoundedMemory() {
        Workload w = LiveLoopTest.shortRun("overload", 0.8, 16_000);
        long slab = 64 << 10;
        int maxSlabs = 2;
        LiveConfig cfg = LiveConfig.of(w, LiveLoopTest.emulated(2), PredictorRegistry.builtIn(), "last-consumer:key=flow")
                .withBounds(64, slab, maxSlabs);
        LiveResult r = new LiveRun(cfg).run(LiveStatus.Listener.NONE);

        assertTrue(r.received() > 0);
        assertTrue(r.drops() > 0, "a consumer at 200 us per datagram cannot take 20000/s: " + r);
        // which bound is hit first (the pool, while consumers hold buffers, or a consumer's queue) depends on the machine
        assertTrue(r.consumed() < r.received() + r.dropPoolEmpty(), "not everything offered was consumed: " + r);
        assertEquals(r.received(), r.consumed() + r.dropConsumerBehind() + r.dropRecorderBehind(),
                "every received datagram is consumed or counted as dropped");
        for (NodePool.Stats s : r.pools()) {
            assertTrue(s.slabs() <= maxSlabs, s.toString());
            assertTrue(s.reservedBytes() <= maxSlabs * slab, s.toString());
            assertEquals(0, s.inUse(), "all buffers returned: " + s);
        }
    }
}
