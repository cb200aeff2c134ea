package org.numabias.kernel.advise;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceSource;
import org.numabias.kernel.system.QueueInterrupts;
import org.numabias.runtime.replay.Measurement;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;

/**
 * Advice per device and receive queue: where its consumed bytes were consumed (by node), and which
 * system change would realise the gain, each change measured by replaying, over the queue's own
 * events, a predictor that models it:
 * <ul>
 *   <li><b>leave it</b>: {@code producer-local} (today's placement) already keeps the bytes local;</li>
 *   <li><b>move the queue's interrupt and buffer pool to node N</b>: {@code static-node:node=N}, N the
 *       node that consumed most of the queue's bytes (chosen from this trace);</li>
 *   <li><b>steer per flow</b> (aRFS/ntuple): {@code last-consumer:key=flow}, each flow's buffers where
 *       that flow was last read, as flow steering places the flow's receive processing;</li>
 *   <li><b>pin the consuming threads</b> to the queue's producer node P: a projection (every consumption
 *       of the queue then local), whose gain is {@code producer-local}'s remote bytes of the queue.</li>
 * </ul>
 * {@code majority:key=queue,weight=bytes} (the RFC's feedback loop per queue) and {@code oracle} are
 * shown beside them. The advice's gain is its measured {@code remoteBytesAvoided}, as a share of the
 * queue's consumed bytes. Suggested commands are text for an administrator to review; nothing is applied.
 */
public final class Advisor {
    /** Below this share of remote bytes under producer-local, a queue is left as it is. */
    public static final double LEAVE_BELOW = 0.05;
    /** Pinning (intrusive) is advised only when it beats the placement changes by this much. */
    static final double PIN_MARGIN = 0.05;

    private Advisor() {
    }

    /** One modelled change and what its replay measured over the queue. */
    public record Model(String change, String spec, Double localByteRatio, Double remoteBytesAvoided, long remoteBytes) {
    }

    /**
     * The advice for one queue.
     *
     * @param bytesByConsumerNode consumed bytes by the consumer's node
     * @param bytesByProducerNode consumed bytes by the node their buffer was received on
     * @param advice              the recommended change, in words
     * @param suggestions         commands an administrator might run (to review; never applied)
     */
    public record QueueAdvice(String device, int queue, long bytes, long[] bytesByConsumerNode, long[] bytesByProducerNode,
                              List<Model> models, String advice, List<String> suggestions) {
    }

    /**
     * Advises on the {@code maxQueues} queues of {@code trace} with the most consumed bytes.
     *
     * @param registry the built-in predictors (the advisor adds {@code static-node} to it)
     */
    public static List<QueueAdvice> advise(TraceSource trace, PredictorRegistry registry, int maxQueues) {
        Topology topology = trace.header().topology();
        int nodes = topology.nodes();
        Map<Long, long[][]> tallies = tally(trace, nodes);
        if (registry.find(StaticNode.Provider.NAME) == null) {
            registry.add(new StaticNode.Provider(), "advise");
        }
        QueueInterrupts irqs = QueueInterrupts.fromProvenance(trace.header().provenance());
        List<QueueAdvice> advice = new ArrayList<>();
        List<Map.Entry<Long, long[][]>> queues = tallies.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<Long, long[][]> e) -> -sum(e.getValue()[0]))
                        .thenComparing(Map.Entry::getKey))
                .limit(maxQueues).toList();
        for (Map.Entry<Long, long[][]> q : queues) {
            int device = (int) (q.getKey() >>> 32);
            int queue = (int) (long) q.getKey();
            long[] consumers = q.getValue()[0];
            long[] producers = q.getValue()[1];
            int target = argmax(consumers);
            int producerNode = argmax(producers);
            String name = device < trace.header().deviceNames().size() ? trace.header().deviceNames().get(device)
                    : "device " + device;
            List<String> specs = List.of("producer-local", StaticNode.Provider.NAME + ":node=" + target,
                    "last-consumer:key=flow", "majority:key=queue,weight=bytes", "oracle");
            ReplayReport r = new ReplayEngine(registry).run(new QueueTrace(trace, device, queue), topology, specs,
                    ReplayEngine.Options.defaults());
            long bytes = r.summary().matchedConsumeBytes();
            List<Model> models = new ArrayList<>();
            String[] changes = {"leave it (producer-local)", "move IRQ and buffer pool to node " + target,
                    "steer per flow (aRFS/ntuple)", "feedback loop per queue (RFC)", "oracle (upper bound)"};
            for (int i = 0; i < specs.size(); i++) {
                PredictorResult p = r.results().get(i);
                models.add(new Model(changes[i], specs.get(i), real(p, Measurement.LOCAL_BYTE_RATIO),
                        real(p, Measurement.REMOTE_BYTES_AVOIDED), count(p, Measurement.REMOTE_BYTES)));
            }
            long plRemote = models.get(0).remoteBytes();
            models.add(new Model("pin consuming threads to node " + producerNode + " (projection)", "-",
                    bytes == 0 ? null : 1.0, bytes == 0 ? null : (double) plRemote / bytes, 0));
            advice.add(decide(name, queue, bytes, consumers, producers, models, target, producerNode, topology, irqs));
        }
        return advice;
    }

    private static QueueAdvice decide(String device, int queue, long bytes, long[] consumers, long[] producers,
                                      List<Model> models, int target, int producerNode, Topology topology,
                                      QueueInterrupts irqs) {
        double plRemote = bytes == 0 ? 0 : (double) models.get(0).remoteBytes() / bytes;
        double move = value(models.get(1).remoteBytesAvoided());
        double steer = value(models.get(2).remoteBytesAvoided());
        double pin = value(models.get(5).remoteBytesAvoided());
        List<String> suggestions = new ArrayList<>();
        String advice;
        if (plRemote < LEAVE_BELOW) {
            advice = String.format("leave it: producer-local keeps %.1f%% of its bytes local", 100 * (1 - plRemote));
        } else if (pin > Math.max(move, steer) + PIN_MARGIN) {
            advice = String.format("pin the consuming threads to node %d: avoids %.1f%% of its bytes remote (moving the "
                    + "interrupt: %.1f%%, steering per flow: %.1f%%)", producerNode, 100 * pin, 100 * move, 100 * steer);
            suggestions.add("numactl --cpunodebind=" + producerNode + " --membind=" + producerNode + " CONSUMER_COMMAND   "
                    + "# or: taskset -apc " + cpus(topology, producerNode) + " CONSUMER_PID");
        } else if (steer > move) {
            advice = String.format("steer per flow (aRFS/ntuple): avoids %.1f%% of its bytes remote (moving the interrupt "
                    + "to one node: %.1f%%)", 100 * steer, 100 * move);
            if (irqs.irqs().keySet().stream().noneMatch(k -> k.startsWith(device + "/"))) {
                suggestions.add("# no interrupt recorded for " + device + " (loopback and virtual devices have none, and no "
                        + "flow steering): on a NIC the commands would be");
            }
            suggestions.add("ethtool -K " + device + " ntuple on");
            suggestions.add("echo 32768 > /proc/sys/net/core/rps_sock_flow_entries");
            suggestions.add("echo 2048 > /sys/class/net/" + device + "/queues/rx-" + Math.max(queue, 0) + "/rps_flow_cnt");
        } else {
            advice = String.format("move the queue's interrupt and buffer pool to node %d: avoids %.1f%% of its bytes "
                    + "remote (steering per flow: %.1f%%)", target, 100 * move, 100 * steer);
            Integer irq = irqs.irqs().get(device + "/rx" + queue);
            if (irq != null) {
                suggestions.add("echo " + cpus(topology, target) + " > /proc/irq/" + irq + "/smp_affinity_list   # was "
                        + irqs.affinity().getOrDefault(irq, "?") + "; the driver's page pool follows the interrupt's node");
            } else {
                suggestions.add("# no interrupt recorded for " + device + " rx " + queue + " (loopback and virtual devices "
                        + "have none: their receive runs on the sending CPU): run the senders on node " + target);
            }
        }
        return new QueueAdvice(device, queue, bytes, consumers, producers, models, advice, suggestions);
    }

    /** Per (device, queue): consumed bytes by consumer node [0] and by producer node [1]. */
    private static Map<Long, long[][]> tally(TraceSource trace, int nodes) {
        Map<Long, long[][]> tallies = new LinkedHashMap<>();
        Map<Long, long[]> live = new HashMap<>(); // buffer id -> {queue key, producer node}
        try (TraceCursor cursor = trace.open()) {
            while (cursor.hasNext()) {
                switch (cursor.next()) {
                    case TraceEvent.Alloc a -> {
                        long key = ((long) a.device() << 32) | (a.queue() & 0xFFFF_FFFFL);
                        live.put(a.bufferId(), new long[] {key, a.node()});
                        tallies.computeIfAbsent(key, k -> new long[2][nodes]);
                    }
                    case TraceEvent.Consume c -> {
                        long[] b = live.get(c.bufferId());
                        if (b != null) {
                            long[][] t = tallies.get(b[0]);
                            t[0][c.node()] += c.bytes();
                            t[1][(int) b[1]] += c.bytes();
                        }
                    }
                    case TraceEvent.Free f -> live.remove(f.bufferId());
                }
            }
        }
        return tallies;
    }

    /** The CPUs of {@code node} as a list for smp_affinity_list ({@code 0-3,8}). */
    static String cpus(Topology topology, int node) {
        StringBuilder b = new StringBuilder();
        int[] map = topology.cpuToNode();
        for (int c = 0; c < map.length; c++) {
            if (map[c] != node || c > 0 && map[c - 1] == node) {
                continue;
            }
            int end = c;
            while (end + 1 < map.length && map[end + 1] == node) {
                end++;
            }
            b.append(b.isEmpty() ? "" : ",").append(end == c ? Integer.toString(c) : c + "-" + end);
        }
        return b.toString();
    }

    private static int argmax(long[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static long sum(long[] v) {
        long s = 0;
        for (long x : v) {
            s += x;
        }
        return s;
    }

    private static Double real(PredictorResult r, Measurement m) {
        Number v = r.value(m);
        return v == null ? null : v.doubleValue();
    }

    private static long count(PredictorResult r, Measurement m) {
        Number v = r.value(m);
        return v == null ? 0 : v.longValue();
    }

    private static double value(Double d) {
        return d == null ? 0 : d;
    }
}
