package org.numabias.live.guest;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.numabias.api.PredictorRegistry;
import org.numabias.live.loop.LiveConfig;
import org.numabias.live.loop.LiveResult;
import org.numabias.live.loop.LiveRun;
import org.numabias.live.loop.LiveStatus;
import org.numabias.live.numa.Numa;
import org.numabias.live.numa.RealNodeMemory;
import org.numabias.live.pool.BufferPools;
import org.numabias.live.pool.PoolBuffer;
import org.numabias.live.workload.Workload;

/**
 * The NUMA layer's placement checks, run inside the two-node QEMU guest (and runnable anywhere with
 * at least {@code expectedNodes} nodes): memory allocated on each node is on that node, a pool
 * carves per node, a thread bound to each node runs there, a short live loop places its buffers where
 * the predictor chose (pages sampled), a bad node id is refused. Prints one
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

    /** A short live run in real mode: buffers placed on both nodes, pages sampled where the predictor chose. */
    private void liveLoop(Numa numa) {
        Workload w = new Workload("guest", "", 1.5, 3000, 2048,
                List.of(new Workload.Device("eth0", 0), new Workload.Device("eth1", 1)),
                List.of(new Workload.Consumer("a", 0, 0), new Workload.Consumer("b", 1, 0)),
                List.of(new Workload.Flow("eth0", "b", 1000, 1000), new Workload.Flow("eth1", "a", 1000, 1000)),
                List.of()).validate("guest");
        LiveResult r = new LiveRun(LiveConfig.of(w, new RealNodeMemory(numa), PredictorRegistry.builtIn(),
                "last-consumer:key=flow").withBounds(1024, 256 << 10, 4)).run(LiveStatus.Listener.NONE);
        check("live loop (real mode): consumed " + r.consumed() + " of " + r.received() + ", localByteRatio "
                + r.liveLocalByteRatio(), r.consumed() > 100 && r.liveLocalByteRatio() != null && r.liveLocalByteRatio() > 0.5);
        check("live loop placement: " + r.pagesOnExpectedNode() + " of " + r.pagesSampled()
                + " sampled buffers on the chosen node", r.pagesSampled() > 0 && r.pagesOnExpectedNode() == r.pagesSampled());
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
        if (numa.nodes() >= 2) {
            liveLoop(numa);
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
