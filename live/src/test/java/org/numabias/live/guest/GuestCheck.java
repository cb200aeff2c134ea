package org.numabias.live.guest;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.numabias.live.numa.Numa;
import org.numabias.live.numa.RealNodeMemory;
import org.numabias.live.pool.BufferPools;
import org.numabias.live.pool.PoolBuffer;

/**
 * The NUMA layer's placement checks, run inside the two-node QEMU guest (and runnable anywhere with
 * at least {@code expectedNodes} nodes): memory allocated on each node is on that node, a pool
 * carves per node, a thread bound to each node runs there, a bad node id is refused. Prints one
 * {@code CHECK ok|FAIL} line per check and exits 1 if any failed.
 */
public final class GuestCheck {
    private final List<String> failures = new ArrayList<>();

    private GuestCheck() {
    }

    /** @param args the node count the machine must have */
    public static void main(String[] args) throws Exception {
        int expected = Integer.parseInt(args[0]);
        GuestCheck c = new GuestCheck();
        c.run(Numa.require(), expected);
        System.out.println(c.failures.isEmpty() ? "GUEST-CHECK PASS" : "GUEST-CHECK FAIL " + c.failures);
        System.exit(c.failures.isEmpty() ? 0 : 1);
    }

    private void check(String what, boolean ok) {
        System.out.println("CHECK " + (ok ? "ok   " : "FAIL ") + what);
        if (!ok) {
            failures.add(what);
        }
    }

    private void run(Numa numa, int expected) throws InterruptedException {
        check("nodes = " + numa.nodes() + " (expected " + expected + ")", numa.nodes() == expected);
        for (int node = 0; node < numa.nodes(); node++) {
            MemorySegment seg = numa.allocOnNode(1 << 20, node);
            for (long off = 0; off < seg.byteSize(); off += numa.pageSize()) {
                seg.set(ValueLayout.JAVA_BYTE, off, (byte) 1);
            }
            int first = numa.nodeOfPage(seg);
            int last = numa.nodeOfPage(seg.asSlice(seg.byteSize() - 1));
            check("1 MiB allocated on node " + node + ": first page on " + first + ", last on " + last,
                    first == node && last == node);
            numa.free(seg);
        }
        try (BufferPools pools = new BufferPools(new RealNodeMemory(numa), 2048, 256 << 10, 2)) {
            for (int node = 0; node < numa.nodes(); node++) {
                PoolBuffer b = pools.node(node).take();
                int page = numa.nodeOfPage(b.segment());
                check("pool of node " + node + " carves buffer " + b.id() + " on node " + page, page == node);
                pools.node(node).release(b);
            }
        }
        for (int node = 0; node < numa.nodes(); node++) {
            int want = node;
            int[] seen = {-1};
            Thread t = Thread.ofPlatform().start(() -> {
                numa.bindThreadToNode(want);
                for (int i = 0; i < 20; i++) {
                    Thread.yield();
                }
                seen[0] = numa.nodeOfCpu(numa.currentCpu());
            });
            t.join();
            check("thread bound to node " + node + " runs on node " + seen[0], seen[0] == node);
        }
        int bad = numa.nodes();
        try {
            numa.allocOnNode(4096, bad);
            check("node " + bad + " refused", false);
        } catch (IllegalArgumentException e) {
            check("node " + bad + " refused: " + e.getMessage(), true);
        }
    }
}
