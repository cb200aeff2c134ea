package org.numabias.kernel.advise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;

/**
 * Three queues whose right change is known by construction (4 CPUs, 2 per node): all received on
 * node 0; queue 0 read on node 1 (move its interrupt there), queue 1 read per flow on either node
 * (steer per flow), queue 2 read on node 0 (leave it).
 */
class AdvisorTest {
    private static InMemoryTrace trace() {
        List<TraceEvent> events = new ArrayList<>();
        long t = 0;
        long id = 0;
        for (int i = 0; i < 200; i++) {
            for (int queue = 0; queue < 3; queue++) {
                long flow = queue == 1 ? i % 4 : 100 + queue;
                int consumerCpu = switch (queue) {
                    case 0 -> 2; // node 1
                    case 1 -> flow % 2 == 0 ? 0 : 3; // even flows on node 0, odd on node 1
                    default -> 1; // node 0
                };
                events.add(new TraceEvent.Alloc(t++, id, 0, queue, flow, 0, 0, 1000));
                events.add(new TraceEvent.Consume(t++, id, consumerCpu, consumerCpu / 2, 1000));
                events.add(new TraceEvent.Free(t++, id));
                id++;
            }
        }
        Map<String, String> provenance = Map.of("irq:eth0/rx0", "42", "irqAffinity:42", "0-1");
        return new InMemoryTrace(TraceHeader.of(Topology.cpusPerNode(4, 2), List.of("eth0"), provenance, Map.of()), events, "t");
    }

    @Test
    void eachQueueGetsTheChangeItsReadsCallFor() {
        List<Advisor.QueueAdvice> advice = Advisor.advise(trace(), PredictorRegistry.builtIn(), 8);
        assertEquals(3, advice.size());
        Advisor.QueueAdvice q0 = advice.stream().filter(a -> a.queue() == 0).findFirst().orElseThrow();
        Advisor.QueueAdvice q1 = advice.stream().filter(a -> a.queue() == 1).findFirst().orElseThrow();
        Advisor.QueueAdvice q2 = advice.stream().filter(a -> a.queue() == 2).findFirst().orElseThrow();

        assertArrayEquals(new long[] {0, 200_000}, q0.bytesByConsumerNode());
        assertArrayEquals(new long[] {200_000, 0}, q0.bytesByProducerNode());
        assertTrue(q0.advice().startsWith("move the queue's interrupt and buffer pool to node 1"), q0.advice());
        assertEquals(1.0, q0.models().get(1).remoteBytesAvoided()); // static node 1: every byte local, all were remote
        assertEquals("static-node:node=1,at=100,then=1", q0.models().get(1).spec()); // both halves choose node 1
        assertEquals(List.of("echo 2-3 > /proc/irq/42/smp_affinity_list   # was 0-1; the driver's page pool follows the "
                + "interrupt's node"), q0.suggestions());

        // half the bytes (odd flows) are remote today; one node for the queue fixes one half and breaks the other
        assertEquals(0.0, q1.models().get(1).remoteBytesAvoided());
        assertTrue(q1.models().get(2).remoteBytesAvoided() > 0.45, q1.models().toString()); // per flow: all but the cold starts
        assertTrue(q1.advice().startsWith("steer per flow (aRFS/ntuple)"), q1.advice());
        assertTrue(q1.suggestions().contains("ethtool -K eth0 ntuple on"), q1.suggestions().toString());

        assertTrue(q2.advice().startsWith("leave it: producer-local keeps 100.0% of its bytes local"), q2.advice());
        assertEquals(List.of(), q2.suggestions());
    }

    /**
     * Queue 0: received on node 0, its first 600 of 1,000 consumptions read on node 1, the last 400 on
     * node 0. Chosen on the whole trace, node 1 scores +0.2 (600 bytes local that were remote, 400
     * remote that were local). Cross-fitted: the first half (consumptions 0-499, all on node 1) is
     * scored with the second half's choice, node 0 (100 on node 1, 400 on node 0): avoids nothing
     * there; the second half with node 1: 100 avoided, 400 made remote: (100 - 400) / 1000 = -0.3.
     * <p>Queue 1: read on node 0, its first 600 buffers received on node 0, the last 400 on node 1
     * (producer-local: 400 remote). Pinning the readers to the first half's producer node (0) for the
     * second half and to the second half's (1) for the first: all 500 of the first half remote, 400 of
     * the second: (400 - 900) / 1000 = -0.5. The whole trace's choice (node 0) would have scored 0.
     */
    @Test
    void movingAndPinningAreScoredOnTheHalfTheirNodeWasNotChosenOn() {
        List<TraceEvent> events = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 1000; i++) {
            int reader = i < 600 ? 2 : 0; // queue 0's reader: node 1, then node 0
            events.add(new TraceEvent.Alloc(t++, 2L * i, 0, 0, 7, 0, 0, 1000));
            events.add(new TraceEvent.Consume(t++, 2L * i, reader, reader / 2, 1000));
            events.add(new TraceEvent.Free(t++, 2L * i));
            int producer = i < 600 ? 0 : 2; // queue 1's receiving CPU: node 0, then node 1
            events.add(new TraceEvent.Alloc(t++, 2L * i + 1, 0, 1, 8, producer, producer / 2, 1000));
            events.add(new TraceEvent.Consume(t++, 2L * i + 1, 1, 0, 1000));
            events.add(new TraceEvent.Free(t++, 2L * i + 1));
        }
        InMemoryTrace trace = new InMemoryTrace(TraceHeader.of(Topology.cpusPerNode(4, 2), List.of("eth0"), Map.of(),
                Map.of()), events, "t");
        List<Advisor.QueueAdvice> advice = Advisor.advise(trace, PredictorRegistry.builtIn(), 8);
        Advisor.QueueAdvice q0 = advice.stream().filter(a -> a.queue() == 0).findFirst().orElseThrow();
        Advisor.QueueAdvice q1 = advice.stream().filter(a -> a.queue() == 1).findFirst().orElseThrow();

        assertEquals(new Advisor.CrossFit(1000, 500, 1, 0, 0, 0), q0.crossFit());
        assertEquals("static-node:node=0,at=500,then=1", q0.models().get(1).spec());
        assertEquals(-0.3, q0.models().get(1).remoteBytesAvoided(), 1e-12);
        assertTrue(q0.models().get(1).change().endsWith("node 1"), "the node recommended is the whole queue's choice");

        assertEquals(new Advisor.CrossFit(1000, 500, 0, 0, 0, 1), q1.crossFit());
        assertEquals("static-node:node=1,at=500,then=0", q1.models().get(5).spec());
        assertEquals(-0.5, q1.models().get(5).remoteBytesAvoided(), 1e-12);
        assertEquals(0.1, q1.models().get(5).localByteRatio(), 1e-12); // 100 of 1000 bytes read where received
        assertFalse(q1.advice().startsWith("pin"), q1.advice());
    }
}
