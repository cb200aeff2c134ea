package org.numabias.live.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.numabias.live.numa.EmulatedNodeMemory;
import org.numabias.live.numa.Numa;

class BufferPoolsTest {
    @Test
    void poolsAreBoundedRecycleAndCountExhaustion() {
        String[] why = new String[1];
        Optional<Numa> numa = Numa.load(why);
        try (BufferPools pools = new BufferPools(new EmulatedNodeMemory(2, numa), 1024, 8192, 2)) {
            NodePool p1 = pools.node(1);
            List<PoolBuffer> taken = new ArrayList<>();
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < 16; i++) {
                PoolBuffer b = p1.take();
                assertNotNull(b, "buffer " + i + " of 16");
                assertEquals(1, b.node());
                assertEquals(1024, b.byteBuffer().remaining());
                assertTrue(ids.add(b.id()), "ids are unique");
                taken.add(b);
            }
            assertNull(p1.take(), "2 slabs of 8 buffers: the 17th take finds the pool exhausted");
            NodePool.Stats s = p1.stats();
            assertEquals(new NodePool.Stats(1, 2, 2, 16, 16, 16, 16384, 1), s);
            assertEquals(0, pools.node(0).stats().slabs(), "node 0 grew nothing");
            assertEquals(0.5, pools.use(), 1e-9);
            p1.release(taken.get(3));
            PoolBuffer again = p1.take();
            assertEquals(taken.get(3).id(), again.id(), "a released buffer is reused, no new slab");
            assertEquals(2, p1.stats().slabs());
            PoolBuffer b0 = pools.node(0).take();
            assertTrue(!ids.contains(b0.id()), "ids are unique across pools");
            numa.ifPresent(n -> assertEquals(0, n.nodeOfPage(b0.segment()), "emulated memory is on real node 0"));
        }
    }
}
