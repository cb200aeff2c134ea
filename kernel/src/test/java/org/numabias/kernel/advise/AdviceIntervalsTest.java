package org.numabias.kernel.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.runtime.replay.Interval;
import org.numabias.runtime.replay.Measurement;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayEngine;

/**
 * Every advice's remoteBytesAvoided carries the 95% interval compare computes on the queue's own
 * events: the same block bootstrap on the same windows. Queue 0 of eth0 is received on node 0 and
 * read by a consumer that stays on node 1 with probability 0.93 and on node 0 with 0.86 (runs of
 * reads, so the interval is wide enough to tell blocks apart); queue 1, interleaved, is read on node 0
 * and must not leak into queue 0's numbers. The expected intervals come from compare's engine run on a
 * trace of queue 0's events alone, filtered here.
 */
class AdviceIntervalsTest {
    private static final Topology TOPOLOGY = Topology.cpusPerNode(4, 2);
    private static final int BUFFERS = 4000;

    /** Queue 0's events ({@code all == false}) or the whole trace. */
    private static List<TraceEvent> events(boolean all) {
        List<TraceEvent> events = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        int node = 1;
        long t = 0;
        for (int i = 0; i < BUFFERS; i++) {
            node = random.nextDouble() < (node == 1 ? 0.93 : 0.86) ? node : 1 - node;
            int cpu = 2 * node + 1;
            events.add(new TraceEvent.Alloc(t++, 2L * i, 0, 0, i % 5, 0, 0, 700 + i % 3 * 100));
            events.add(new TraceEvent.Consume(t++, 2L * i, cpu, node, 700 + i % 3 * 100));
            events.add(new TraceEvent.Free(t++, 2L * i));
            if (all) {
                events.add(new TraceEvent.Alloc(t++, 2L * i + 1, 0, 1, 9, 3, 1, 500));
                events.add(new TraceEvent.Consume(t++, 2L * i + 1, 0, 0, 500));
                events.add(new TraceEvent.Free(t++, 2L * i + 1));
            }
        }
        return events;
    }

    private static InMemoryTrace trace(boolean all) {
        return new InMemoryTrace(TraceHeader.of(TOPOLOGY, List.of("eth0"), Map.of(), Map.of()), events(all), "t");
    }

    /** Node 1 read most of queue 0's bytes in each half of its consumptions (so both halves choose it). */
    private static void nodeOneWinsBothHalves() {
        long[][] byHalf = new long[2][2];
        int i = 0;
        for (TraceEvent e : events(false)) {
            if (e instanceof TraceEvent.Consume c) {
                byHalf[i++ < BUFFERS / 2 ? 0 : 1][c.node()] += c.bytes();
            }
        }
        assertTrue(byHalf[0][1] > byHalf[0][0] && byHalf[1][1] > byHalf[1][0], "the generated trace changed");
    }

    @Test
    void eachChangeCarriesCompareIntervalOnTheQueueOwnEvents() {
        nodeOneWinsBothHalves();
        PredictorRegistry registry = PredictorRegistry.builtIn();
        registry.add(new StaticNode.Provider(), "test");
        List<PredictorResult> compared = new ReplayEngine(registry).run(trace(false), TOPOLOGY,
                List.of("producer-local", "static-node:node=1", "last-consumer:key=flow", "majority:key=queue,weight=bytes"),
                ReplayEngine.Options.defaults()).results();

        Advisor.QueueAdvice q0 = Advisor.advise(trace(true), PredictorRegistry.builtIn(), 8).stream()
                .filter(a -> a.queue() == 0).findFirst().orElseThrow();
        List<Advisor.Model> models = q0.models();
        assertEquals("static-node:node=1,at=" + BUFFERS / 2 + ",then=1", models.get(1).spec());
        for (int i = 0; i < 4; i++) {
            Interval expected = compared.get(i).interval(Measurement.REMOTE_BYTES_AVOIDED);
            assertEquals(expected, models.get(i).remoteBytesAvoidedInterval(), models.get(i).change());
            assertEquals(compared.get(i).value(Measurement.REMOTE_BYTES_AVOIDED), models.get(i).remoteBytesAvoided());
            assertEquals(compared.get(i).interval(Measurement.LOCAL_BYTE_RATIO), models.get(i).localByteRatioInterval());
        }
        // pinning the reader to node 0, where every buffer is received, makes every byte local: it avoids exactly
        // producer-local's remote share, so on the same blocks its interval is 1 minus producer-local's localByteRatio's
        Interval local = compared.getFirst().interval(Measurement.LOCAL_BYTE_RATIO);
        Advisor.Model pin = models.get(5);
        assertEquals(1 - local.upper(), pin.remoteBytesAvoidedInterval().lower(), 1e-12);
        assertEquals(1 - local.lower(), pin.remoteBytesAvoidedInterval().upper(), 1e-12);
        assertEquals(1.0, pin.localByteRatio());

        for (Advisor.Model m : models.subList(1, 4)) {
            Interval i = m.remoteBytesAvoidedInterval();
            assertTrue(i.contains(m.remoteBytesAvoided()) && i.upper() - i.lower() > 0.01, m.toString());
        }
        assertTrue(pin.remoteBytesAvoidedInterval().contains(pin.remoteBytesAvoided()), pin.toString());
        assertTrue(Advisor.share(models.get(1)).matches("\\d+\\.\\d% \\(95%: -?\\d+\\.\\d% to \\d+\\.\\d%\\)"),
                Advisor.share(models.get(1)));
    }
}
