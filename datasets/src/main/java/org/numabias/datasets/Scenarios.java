package org.numabias.datasets;

import java.util.List;
import java.util.SplittableRandom;
import org.numabias.api.ConfigurationException;
import org.numabias.api.ParameterSpec;

/**
 * The built-in scenarios. Each one's documentation says what it models, which predictor wins on
 * the default parameters, by what margin in localByteRatio (checked by the tests for several seeds)
 * and why.
 */
public final class Scenarios {
    private Scenarios() {
    }

    /** Every scenario, in catalog order. */
    public static List<Scenario> all() {
        return List.of(staticSkew(), migrating(), periodic(), manyFlows(), sizeDependent(), delayed(), mix(), sizeClasses());
    }

    /** The scenario called {@code name}, or a clear error listing the known names. */
    public static Scenario byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new ConfigurationException("unknown scenario '" + name + "'; known: "
                        + String.join(", ", all().stream().map(Scenario::name).toList())));
    }

    /** Device d's usual consumer: a node other than its producer's when there are several. */
    private static int remoteOf(Workload.Buffer b, int shift) {
        return (b.producerNode() + shift) % b.nodes();
    }

    static Scenario staticSkew() {
        return SyntheticScenario.of("static-skew", "each device's buffers are mostly read on one remote node",
                """
                Models a server whose receiving application is pinned to one socket while the NIC's interrupt \
                (the producer) runs on another: every device has one usual consumer node, and 30% of reads \
                (noise) come from a random node. majority learns the usual node and ignores the noise; \
                last-consumer follows every noisy read and is wrong on the next buffer; producer-local and \
                interleave are blind. Claim tested: majority beats producer-local, interleave and \
                last-consumer by >= 0.10 localByteRatio.""",
                "majority", List.of("producer-local", "interleave", "last-consumer"), 0.10,
                Workload.commonParameters(2, 8, 20000, 0.3), List.of(),
                w -> w.generate(0, Workload::mixedSizes, (b, rnd) -> remoteOf(b, 1)));
    }

    static Scenario migrating() {
        return SyntheticScenario.of("migrating", "each device's consumer moves to another node every `period` buffers",
                """
                Models consumer threads that the scheduler (or NUMA balancing) migrates between sockets: \
                every `period` buffers of a device, its consumer moves to a random other node. Adaptive \
                predictors (ewma, last-consumer, markov) re-learn within a few buffers; majority stays \
                with the node that has the most history. Claim tested: ewma beats majority, producer-local \
                and interleave by >= 0.30 localByteRatio.""",
                "ewma", List.of("majority", "producer-local", "interleave"), 0.30,
                Workload.commonParameters(2, 8, 20000, 0.05),
                List.of(ParameterSpec.of("period", "500", "buffers of a device between consumer moves")),
                w -> migratingTrace(w, 0));
    }

    private static org.numabias.api.trace.TraceCursor migratingTrace(Workload w, int delay) {
        int period = w.integer("period");
        w.require(period >= 1, "period", ">= 1");
        int[] current = new int[w.integer("devices")];
        return w.generate(delay, Workload::mixedSizes, (b, rnd) -> {
            if (b.deviceIndex() == 0) {
                current[b.device()] = remoteOf(b, 1);
            } else if (b.deviceIndex() % period == 0 && b.nodes() > 1) {
                current[b.device()] = (current[b.device()] + 1 + rnd.nextInt(b.nodes() - 1)) % b.nodes();
            }
            return current[b.device()];
        });
    }

    static Scenario periodic() {
        return SyntheticScenario.of("periodic", "each device's consumers take turns in a fixed cycle of nodes",
                """
                Models a pipeline or a round-robin worker pool spread over sockets (e.g. SO_REUSEPORT \
                workers served in turn): the k-th buffer of a device is read on cycle[k mod length], a \
                fixed permutation of the nodes, so the next consumer is a function of the previous one. An \
                order-1 markov chain learns the transitions; last-consumer is always one step behind; \
                majority sees a uniform spread. Claim tested: markov beats majority, last-consumer, ewma \
                and producer-local by >= 0.40 localByteRatio.""",
                "markov", List.of("majority", "last-consumer", "ewma", "producer-local"), 0.40,
                Workload.commonParameters(2, 8, 20000, 0.05), List.of(),
                w -> {
                    int nodes = w.nodes();
                    int[][] cycles = new int[w.integer("devices")][];
                    SplittableRandom shuffle = new SplittableRandom(nodes * 31L + cycles.length);
                    for (int d = 0; d < cycles.length; d++) {
                        cycles[d] = permutation(nodes, shuffle);
                    }
                    return w.generate(0, Workload::mixedSizes,
                            (b, rnd) -> cycles[b.device()][(int) (b.deviceIndex() % nodes)]);
                });
    }

    /** A fixed consumer node for each of {@code count} flows: part of the workload, not of the seed. */
    private static int[] randomNodes(int count, int nodes) {
        SplittableRandom assign = new SplittableRandom(count * 17L + nodes);
        int[] node = new int[count];
        for (int i = 0; i < count; i++) {
            node[i] = assign.nextInt(nodes);
        }
        return node;
    }

    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static Scenario manyFlows() {
        return SyntheticScenario.of("many-flows", "many flows per device, each read on its own node",
                """
                Models a NIC carrying many connections whose server threads live on different sockets \
                (RSS spreads flows over queues, but the application's threads are elsewhere): each flow \
                has a fixed consumer node. Per-device state sees a uniform mix; per-flow state \
                (key=flow) learns each flow's node. Claim tested: majority:key=flow beats majority, \
                last-consumer, ewma and producer-local (all key=device) by >= 0.40 localByteRatio.""",
                "majority:key=flow", List.of("majority", "last-consumer", "ewma", "producer-local"), 0.40,
                Workload.commonParameters(2, 64, 20000, 0.05), List.of(),
                w -> {
                    int flows = w.integer("flows");
                    int[] flowNode = randomNodes(w.integer("devices") * flows, w.nodes());
                    return w.generate(0, Workload::mixedSizes, (b, rnd) -> flowNode[b.device() * flows + b.flow()]);
                });
    }

    static Scenario sizeDependent() {
        return SyntheticScenario.of("size-dependent", "small buffers are read on one node, large ones on another",
                """
                Models a host where a control-plane thread (small messages) and a bulk-data thread (large \
                datagrams) share a device but live on different sockets: 60% of buffers are small \
                (< smallBytes) and read on one node, 40% are large and read on another. Counting \
                predictors cannot see size: majority by count follows the many small buffers, which carry \
                few bytes; majority:weight=bytes follows the bytes and so places the large buffers well. \
                A classifier with a size feature (the Tribuo predictor, a later issue) can place both. \
                Claim tested: majority:weight=bytes beats majority, last-consumer and producer-local by \
                >= 0.30 localByteRatio.""",
                "majority:weight=bytes", List.of("majority", "last-consumer", "producer-local"), 0.30,
                Workload.commonParameters(2, 8, 20000, 0.02),
                List.of(ParameterSpec.of("smallBytes", "1024", "buffers below this size are 'small'"),
                        ParameterSpec.of("smallShare", "0.6", "share of small buffers")),
                w -> {
                    int small = w.integer("smallBytes");
                    double share = w.real("smallShare");
                    w.require(small > 64, "smallBytes", "> 64");
                    w.require(share >= 0 && share <= 1, "smallShare", "in [0, 1]");
                    return w.generate(0, rnd -> rnd.nextDouble() < share ? rnd.nextLong(64, small)
                                    : rnd.nextLong(small, 9000L + small),
                            (b, rnd) -> remoteOf(b, b.bytes() < small ? 1 : 2));
                });
    }

    static Scenario delayed() {
        return SyntheticScenario.of("delayed", "migrating consumers whose reads come long after later allocations",
                """
                Models a busy receiver that drains its socket queue late: each buffer is read only after \
                `delay` more buffers have been produced, so feedback describes the past, and consumers \
                also migrate every `period` buffers. Adaptive predictors still win but lag by the delay \
                after every move (they capture less than in `migrating`). Claim tested: ewma beats \
                majority, producer-local and interleave by >= 0.20 localByteRatio.""",
                "ewma", List.of("majority", "producer-local", "interleave"), 0.20,
                Workload.commonParameters(2, 8, 20000, 0.05),
                List.of(ParameterSpec.of("period", "1000", "buffers of a device between consumer moves"),
                        ParameterSpec.of("delay", "200", "buffers produced between a buffer and its read")),
                w -> {
                    int delay = w.integer("delay");
                    w.require(delay >= 0, "delay", ">= 0");
                    return migratingTrace(w, delay);
                });
    }

    static Scenario mix() {
        return SyntheticScenario.of("mix", "four devices: static, migrating, periodic and per-flow consumers",
                """
                Models a consolidated server: device 0 feeds a pinned application (static), device 1 a \
                migrating one (every 500 buffers), device 2 a round-robin pool (periodic cycle) and device \
                3 many connections with per-flow consumers. No counting predictor is best on every device; \
                markov does well on the static, migrating and periodic devices at once. Claim tested: \
                markov beats majority, last-consumer, producer-local and interleave by >= 0.10 \
                localByteRatio.""",
                "markov", List.of("majority", "last-consumer", "producer-local", "interleave"), 0.10,
                Workload.commonParameters(4, 16, 24000, 0.05), List.of(),
                w -> {
                    w.require(w.integer("devices") == 4, "devices", "4 (one per behaviour)");
                    int nodes = w.nodes();
                    int flows = w.integer("flows");
                    int[] cycle = permutation(nodes, new SplittableRandom(nodes));
                    int[] flowNode = randomNodes(flows, nodes);
                    int[] migrating = {0};
                    return w.generate(0, Workload::mixedSizes, (b, rnd) -> switch (b.device()) {
                        case 0 -> remoteOf(b, 1);
                        case 1 -> {
                            if (b.deviceIndex() % 500 == 0 && nodes > 1) {
                                migrating[0] = (migrating[0] + 1 + rnd.nextInt(nodes - 1)) % nodes;
                            }
                            yield migrating[0];
                        }
                        case 2 -> cycle[(int) (b.deviceIndex() % nodes)];
                        default -> flowNode[b.flow()];
                    });
                });
    }

    static Scenario sizeClasses() {
        return SyntheticScenario.of("size-classes", "four size classes, each read on its own node, with equal bytes",
                """
                Models applications that differ in message size, each pinned to its own socket, sharing the \
                NICs (a control channel, an RPC service, a storage stream, a bulk transfer): buffers fall into \
                four size classes, [64, 256), [256, 1K), [1K, 4K) and [4K, 16K) bytes, class k read on node \
                k mod nodes whatever the device, and smaller classes are proportionally more frequent \
                (64:16:4:1), so each class carries about a quarter of the bytes. Nothing a counting predictor \
                keeps tells the classes apart: by count the smallest class dominates, by bytes none does, and \
                per flow or in sequence the classes are random. The Tribuo classifier reads the buffer's size: \
                tribuo, trained by `numabias train` on the first half and scored with `--score-from 0.5` (its \
                claim is tested in the predictors-tribuo module, for the logistic and cart trainers). Claim \
                tested: tribuo beats majority, majority:weight=bytes, majority:key=flow, markov, last-consumer \
                and producer-local by >= 0.40 localByteRatio.""",
                "tribuo", List.of("majority", "majority:weight=bytes", "majority:key=flow", "markov", "last-consumer",
                        "producer-local"), 0.40,
                Workload.commonParameters(2, 8, 20000, 0.05), List.of(),
                w -> w.generate(0, Scenarios::classSize, (b, rnd) -> sizeClass(b.bytes()) % b.nodes()));
    }

    /** A size in class k in [64 * 4^k, 256 * 4^k), class k drawn with probability 4^(3-k) / 85. */
    private static long classSize(SplittableRandom rnd) {
        int u = rnd.nextInt(85);
        int k = u < 64 ? 0 : u < 80 ? 1 : u < 84 ? 2 : 3;
        long low = 64L << (2 * k);
        return rnd.nextLong(low, 4 * low);
    }

    /** The class (0..3) of a size drawn by {@link #classSize}. */
    private static int sizeClass(long bytes) {
        return (64 - Long.numberOfLeadingZeros(bytes) - 7) / 2;
    }
}
