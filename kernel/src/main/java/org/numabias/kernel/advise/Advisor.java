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
import org.numabias.runtime.replay.Interval;
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
 *   <li><b>move the queue's interrupt and buffer pool to node N</b>: {@code static-node}, N the node
 *       that consumed most of the queue's bytes;</li>
 *   <li><b>steer per flow</b> (aRFS/ntuple): {@code last-consumer:key=flow}, each flow's buffers where
 *       that flow was last read, as flow steering places the flow's receive processing;</li>
 *   <li><b>pin the consuming threads</b> to the node P that received most of the queue's bytes:
 *       {@code static-node} replayed over the {@link PinningView} (producer and consumer exchanged), so
 *       a consumption is local exactly when its buffer was received on P.</li>
 * </ul>
 * {@code majority:key=queue,weight=bytes} (the RFC's feedback loop per queue) and {@code oracle} are
 * shown beside them. The advice's gain is its measured {@code remoteBytesAvoided}, as a share of the
 * queue's consumed bytes, with the replay's 95% interval (the engine's block bootstrap).
 *
 * <p><b>No hindsight.</b> Moving and pinning choose a node from the data; scored on the data they were
 * chosen on, they would look better than they will do. Both are <b>cross-fitted</b>: the queue's
 * consumptions are cut in two halves by order; the first half is scored with the node chosen on the
 * second and the second with the node chosen on the first ({@code static-node:node=A,at=K,then=B}).
 * The node recommended is the one chosen on the whole queue (the best guess for what comes next); its
 * score is that of the choosing, on data it did not see. Steering per flow and the feedback loop are
 * online predictors (each prediction from earlier consumptions only): nothing to cross-fit. The oracle
 * is the hindsight bound, labelled so. Suggested commands are text for an administrator to review;
 * nothing is applied.
 */
public final class Advisor {
    /** Below this share of remote bytes under producer-local, a queue is left as it is. */
    public static final double LEAVE_BELOW = 0.05;
    /** Pinning (intrusive) is advised only when it beats the placement changes by this much. */
    static final double PIN_MARGIN = 0.05;

    private Advisor() {
    }

    /**
     * One modelled change and what its replay measured over the queue, with the 95% intervals of the
     * replay's block bootstrap (null where there is none: fewer than 8 windows of consumptions).
     */
    public record Model(String change, String spec, Double localByteRatio, Interval localByteRatioInterval,
                        Double remoteBytesAvoided, Interval remoteBytesAvoidedInterval, long remoteBytes) {
    }

    /**
     * How the nodes of the fitted changes were chosen: the queue's first {@code firstHalf} of its
     * {@code consumptions} scored with the nodes chosen on the rest ({@code moveChosenOnSecond},
     * {@code pinChosenOnSecond}), the rest with the nodes chosen on those
     * ({@code moveChosenOnFirst}, {@code pinChosenOnFirst}); an empty half chooses node 0.
     */
    public record CrossFit(long consumptions, long firstHalf, int moveChosenOnFirst, int moveChosenOnSecond,
                           int pinChosenOnFirst, int pinChosenOnSecond) {
        /** In words, for the output. */
        public String describe() {
            return String.format("cross-fitted (no hindsight): consumptions 1-%d scored with the node chosen on %d-%d and "
                    + "the other way round; move: node %d for the first half, %d for the second; pin: node %d, %d",
                    firstHalf, firstHalf + 1, consumptions, moveChosenOnSecond, moveChosenOnFirst, pinChosenOnSecond,
                    pinChosenOnFirst);
        }
    }

    /**
     * The advice for one queue.
     *
     * @param bytesByConsumerNode consumed bytes by the consumer's node
     * @param bytesByProducerNode consumed bytes by the node their buffer was received on
     * @param crossFit            how the nodes of the move and pin models were chosen
     * @param advice              the recommended change, in words
     * @param suggestions         commands an administrator might run (to review; never applied)
     */
    public record QueueAdvice(String device, int queue, long bytes, long[] bytesByConsumerNode, long[] bytesByProducerNode,
                              List<Model> models, CrossFit crossFit, String advice, List<String> suggestions) {
    }

    /**
     * Advises on the {@code maxQueues} queues of {@code trace} with the most consumed bytes.
     *
     * @param registry the built-in predictors (the advisor adds {@code static-node} to it)
     */
    public static List<QueueAdvice> advise(TraceSource trace, PredictorRegistry registry, int maxQueues) {
        Topology topology = trace.header().topology();
        int nodes = topology.nodes();
        Map<Long, Tally> tallies = tally(trace, nodes);
        if (registry.find(StaticNode.Provider.NAME) == null) {
            registry.add(new StaticNode.Provider(), "advise");
        }
        QueueInterrupts irqs = QueueInterrupts.fromProvenance(trace.header().provenance());
        List<Tally> queues = tallies.values().stream()
                .sorted(Comparator.comparingLong((Tally t) -> -sum(t.consumers)).thenComparingLong(t -> t.key))
                .limit(maxQueues).toList();
        splitHalves(trace, queues);
        List<QueueAdvice> advice = new ArrayList<>();
        for (Tally q : queues) {
            int device = (int) (q.key >>> 32);
            int queue = (int) q.key;
            int target = argmax(q.consumers);
            int producerNode = argmax(q.producers);
            CrossFit fit = new CrossFit(q.consumptions, q.consumptions / 2, argmax(q.consumersByAllocHalf[0]),
                    argmax(q.consumersByAllocHalf[1]), argmax(q.producersByConsumeHalf[0]), argmax(q.producersByConsumeHalf[1]));
            String name = device < trace.header().deviceNames().size() ? trace.header().deviceNames().get(device)
                    : "device " + device;
            QueueTrace queueTrace = new QueueTrace(trace, device, queue);
            List<String> specs = List.of("producer-local", crossFitted(fit.moveChosenOnSecond(), q.firstHalfAllocs,
                    fit.moveChosenOnFirst()), "last-consumer:key=flow", "majority:key=queue,weight=bytes", "oracle");
            ReplayReport r = new ReplayEngine(registry).run(queueTrace, topology, specs, ReplayEngine.Options.defaults());
            String pinSpec = crossFitted(fit.pinChosenOnSecond(), fit.firstHalf(), fit.pinChosenOnFirst());
            ReplayReport pinned = new ReplayEngine(registry).run(new PinningView(queueTrace), topology, List.of(pinSpec),
                    ReplayEngine.Options.defaults());
            long bytes = r.summary().matchedConsumeBytes();
            List<Model> models = new ArrayList<>();
            String[] changes = {"leave it (producer-local)", "move IRQ and buffer pool to node " + target,
                    "steer per flow (aRFS/ntuple)", "feedback loop per queue (RFC)", "oracle (hindsight bound)"};
            for (int i = 0; i < specs.size(); i++) {
                models.add(model(changes[i], specs.get(i), r.results().get(i)));
            }
            models.add(model("pin consuming threads to node " + producerNode, pinSpec, pinned.results().getFirst()));
            advice.add(decide(name, queue, bytes, q, models, fit, target, producerNode, topology, irqs));
        }
        return advice;
    }

    /** {@code static-node} on {@code first} for Alloc indices below {@code at}, on {@code second} from there. */
    private static String crossFitted(int first, long at, int second) {
        return StaticNode.Provider.NAME + ":node=" + first + ",at=" + at + ",then=" + second;
    }

    private static Model model(String change, String spec, PredictorResult p) {
        return new Model(change, spec, real(p, Measurement.LOCAL_BYTE_RATIO), p.interval(Measurement.LOCAL_BYTE_RATIO),
                real(p, Measurement.REMOTE_BYTES_AVOIDED), p.interval(Measurement.REMOTE_BYTES_AVOIDED),
                count(p, Measurement.REMOTE_BYTES));
    }

    private static QueueAdvice decide(String device, int queue, long bytes, Tally q, List<Model> models, CrossFit fit,
                                      int target, int producerNode, Topology topology, QueueInterrupts irqs) {
        double plRemote = bytes == 0 ? 0 : (double) models.get(0).remoteBytes() / bytes;
        double move = value(models.get(1).remoteBytesAvoided());
        double steer = value(models.get(2).remoteBytesAvoided());
        double pin = value(models.get(5).remoteBytesAvoided());
        List<String> suggestions = new ArrayList<>();
        String advice;
        if (plRemote < LEAVE_BELOW) {
            advice = String.format("leave it: producer-local keeps %.1f%% of its bytes local", 100 * (1 - plRemote));
        } else if (pin > Math.max(move, steer) + PIN_MARGIN) {
            advice = String.format("pin the consuming threads to node %d: avoids %s of its bytes remote (moving the "
                    + "interrupt: %s, steering per flow: %s)", producerNode, share(models.get(5)), share(models.get(1)),
                    share(models.get(2)));
            suggestions.add("numactl --cpunodebind=" + producerNode + " --membind=" + producerNode + " CONSUMER_COMMAND   "
                    + "# or: taskset -apc " + cpus(topology, producerNode) + " CONSUMER_PID");
        } else if (steer > move) {
            advice = String.format("steer per flow (aRFS/ntuple): avoids %s of its bytes remote (moving the interrupt "
                    + "to one node: %s)", share(models.get(2)), share(models.get(1)));
            if (irqs.irqs().keySet().stream().noneMatch(k -> k.startsWith(device + "/"))) {
                suggestions.add("# no interrupt recorded for " + device + " (loopback and virtual devices have none, and no "
                        + "flow steering): on a NIC the commands would be");
            }
            suggestions.add("ethtool -K " + device + " ntuple on");
            suggestions.add("echo 32768 > /proc/sys/net/core/rps_sock_flow_entries");
            suggestions.add("echo 2048 > /sys/class/net/" + device + "/queues/rx-" + Math.max(queue, 0) + "/rps_flow_cnt");
        } else {
            advice = String.format("move the queue's interrupt and buffer pool to node %d: avoids %s of its bytes "
                    + "remote (steering per flow: %s)", target, share(models.get(1)), share(models.get(2)));
            Integer irq = irqs.irqs().get(device + "/rx" + queue);
            if (irq != null) {
                suggestions.add("echo " + cpus(topology, target) + " > /proc/irq/" + irq + "/smp_affinity_list   # was "
                        + irqs.affinity().getOrDefault(irq, "?") + "; the driver's page pool follows the interrupt's node");
            } else {
                suggestions.add("# no interrupt recorded for " + device + " rx " + queue + " (loopback and virtual devices "
                        + "have none: their receive runs on the sending CPU): run the senders on node " + target);
            }
        }
        return new QueueAdvice(device, queue, bytes, q.consumers, q.producers, models, fit, advice, suggestions);
    }

    /** A model's remoteBytesAvoided as a percentage with its interval: {@code 48.2% (95%: 45.0% to 51.3%)}. */
    static String share(Model m) {
        Interval i = m.remoteBytesAvoidedInterval();
        return String.format("%.1f%%", 100 * value(m.remoteBytesAvoided()))
                + (i == null ? " (no interval)" : String.format(" (95%%: %.1f%% to %.1f%%)", 100 * i.lower(), 100 * i.upper()));
    }

    /** One queue's consumed bytes by node, and what the cross-fit needs. */
    private static final class Tally {
        final long key;
        final long[] consumers;
        final long[] producers;
        long consumptions;
        /** Filled by {@link #splitHalves}: Allocs before the queue's middle consumption, and per half the bytes. */
        long firstHalfAllocs;
        long seen;
        final long[][] consumersByAllocHalf;
        final long[][] producersByConsumeHalf;

        Tally(long key, int nodes) {
            this.key = key;
            consumers = new long[nodes];
            producers = new long[nodes];
            consumersByAllocHalf = new long[2][nodes];
            producersByConsumeHalf = new long[2][nodes];
        }
    }

    private static long key(TraceEvent.Alloc a) {
        return ((long) a.device() << 32) | (a.queue() & 0xFFFF_FFFFL);
    }

    /** Per (device, queue): consumed bytes by consumer node and by producer node, and the count of consumptions. */
    private static Map<Long, Tally> tally(TraceSource trace, int nodes) {
        Map<Long, Tally> tallies = new LinkedHashMap<>();
        Map<Long, long[]> live = new HashMap<>(); // buffer id -> {queue key, producer node}
        try (TraceCursor cursor = trace.open()) {
            while (cursor.hasNext()) {
                switch (cursor.next()) {
                    case TraceEvent.Alloc a -> {
                        long key = key(a);
                        live.put(a.bufferId(), new long[] {key, a.node()});
                        tallies.computeIfAbsent(key, k -> new Tally(k, nodes));
                    }
                    case TraceEvent.Consume c -> {
                        long[] b = live.get(c.bufferId());
                        if (b != null) {
                            Tally t = tallies.get(b[0]);
                            t.consumers[c.node()] += c.bytes();
                            t.producers[(int) b[1]] += c.bytes();
                            t.consumptions++;
                        }
                    }
                    case TraceEvent.Free f -> live.remove(f.bufferId());
                }
            }
        }
        return tallies;
    }

    /**
     * A second pass for {@code queues}: a buffer is in the first half when it is allocated before the
     * queue's consumption {@code consumptions / 2} (0-based), a consumption when it comes before it;
     * per half, consumed bytes by consumer node (buffers' halves: the move model) and by producer node
     * (consumptions' halves: the pin model).
     */
    private static void splitHalves(TraceSource trace, List<Tally> queues) {
        Map<Long, Tally> byKey = new HashMap<>();
        queues.forEach(q -> byKey.put(q.key, q));
        record Live(Tally queue, int producer, int half) {
        }
        Map<Long, Live> live = new HashMap<>();
        try (TraceCursor cursor = trace.open()) {
            while (cursor.hasNext()) {
                switch (cursor.next()) {
                    case TraceEvent.Alloc a -> {
                        Tally q = byKey.get(key(a));
                        if (q == null) {
                            live.remove(a.bufferId());
                            continue;
                        }
                        int half = q.seen < q.consumptions / 2 ? 0 : 1;
                        if (half == 0) {
                            q.firstHalfAllocs++;
                        }
                        live.put(a.bufferId(), new Live(q, a.node(), half));
                    }
                    case TraceEvent.Consume c -> {
                        Live b = live.get(c.bufferId());
                        if (b != null) {
                            Tally q = b.queue();
                            q.consumersByAllocHalf[b.half()][c.node()] += c.bytes();
                            q.producersByConsumeHalf[q.seen < q.consumptions / 2 ? 0 : 1][b.producer()] += c.bytes();
                            q.seen++;
                        }
                    }
                    case TraceEvent.Free f -> live.remove(f.bufferId());
                }
            }
        }
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
