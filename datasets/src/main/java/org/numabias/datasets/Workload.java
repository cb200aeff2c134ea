package org.numabias.datasets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.numabias.api.ConfigurationException;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.Topology;
import org.numabias.api.Version;
import org.numabias.api.trace.PullCursor;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;

/**
 * The common model behind every scenario: {@code devices} devices, device d homed on node
 * {@code d % nodes} (two CPUs per node), each carrying {@code flows} flows, produce {@code length}
 * buffers in round robin, one every microsecond. A scenario's {@link ConsumerRule} decides who
 * consumes each buffer and how long after; with probability {@code noise} a random node consumes
 * instead. Each buffer is consumed once, then freed. Deterministic from the seed.
 */
public final class Workload {
    /** Decides the consumer of one buffer. */
    public interface ConsumerRule {
        /**
         * @param b   the buffer being produced (device, flow, index, bytes)
         * @param rnd the scenario's random source (use it, and only it, for determinism)
         * @return the consumer node in {@code 0..nodes-1}
         */
        int consumer(Buffer b, SplittableRandom rnd);
    }

    /** What a rule may look at: the n-th buffer overall, the k-th of its device. */
    public record Buffer(long index, long deviceIndex, int device, int flow, int producerNode, long bytes, int nodes) {
    }

    /** The parameters every scenario takes. */
    public static List<ParameterSpec> commonParameters(int devices, int flows, int length, double noise) {
        return List.of(
                ParameterSpec.of("nodes", "4", "NUMA nodes (synthetic topology, 2 CPUs each)"),
                ParameterSpec.of("devices", Integer.toString(devices), "producing devices, device d homed on node d % nodes"),
                ParameterSpec.of("flows", Integer.toString(flows), "flows per device"),
                ParameterSpec.of("length", Integer.toString(length), "buffers produced (each is consumed once and freed)"),
                ParameterSpec.of("noise", Double.toString(noise), "probability that a random node consumes instead"));
    }

    private final String scenario;
    private final PredictorConfig config;
    private final long seed;

    /** Checks {@code given} against {@code parameters}, with the scenario's name in every error. */
    public Workload(String scenario, List<ParameterSpec> parameters, Map<String, String> given, long seed) {
        this.scenario = scenario;
        this.config = PredictorConfig.of("scenario", scenario, parameters, given);
        this.seed = seed;
        require(nodes() >= 1 && nodes() <= 64, "nodes", "in 1..64");
        require(integer("devices") >= 1, "devices", ">= 1");
        require(integer("flows") >= 1, "flows", ">= 1");
        require(integer("length") >= 0, "length", ">= 0");
        double noise = real("noise");
        require(noise >= 0 && noise <= 1, "noise", "in [0, 1]");
    }

    /** An integer parameter. */
    public int integer(String name) {
        return config.integer(name);
    }

    /** A real parameter. */
    public double real(String name) {
        return config.real(name);
    }

    /** Throws a clear error unless {@code ok}. */
    public void require(boolean ok, String name, String requirement) {
        if (!ok) {
            throw new ConfigurationException("scenario '" + scenario + "': parameter '" + name + "' must be "
                    + requirement + ", got '" + config.string(name) + "'");
        }
    }

    /** Node count. */
    public int nodes() {
        return config.integer("nodes");
    }

    /**
     * A generator pass over the trace, from its first event: each buffer is drawn when its Alloc is
     * due, and the Consumes and Frees waiting for their time are held in a queue, so memory grows
     * with {@code delayBuffers}, not with the length. Events come in time order (Allocs at multiples
     * of the period, Consumes half a period after their delay, Frees 1 ns later: no two share a
     * time). Call once per pass: the rule may keep state.
     *
     * @param delayBuffers how many later buffers are produced before each buffer is consumed (0 = at once)
     * @param sizes        draws a buffer's size
     * @param rule         decides each buffer's consumer
     */
    public TraceCursor generate(int delayBuffers, java.util.function.ToLongFunction<SplittableRandom> sizes,
                                ConsumerRule rule) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int nodes = nodes();
        int devices = integer("devices");
        int flows = integer("flows");
        int length = integer("length");
        double noise = real("noise");
        long period = 1000; // ns between buffers
        long[] perDevice = new long[devices];
        ArrayDeque<TraceEvent> due = new ArrayDeque<>(); // Consumes and Frees of produced buffers, in time order
        return new PullCursor() {
            private int i;

            @Override
            protected TraceEvent fetch() {
                if (!due.isEmpty() && (i == length || due.peekFirst().timeNs() < i * period)) {
                    return due.pollFirst();
                }
                if (i == length) {
                    return null;
                }
                int device = i % devices;
                int flow = rnd.nextInt(flows);
                int producerNode = device % nodes;
                long bytes = sizes.applyAsLong(rnd);
                Buffer b = new Buffer(i, perDevice[device]++, device, flow, producerNode, bytes, nodes);
                int consumer = rule.consumer(b, rnd);
                if (noise > 0 && rnd.nextDouble() < noise) {
                    consumer = rnd.nextInt(nodes);
                }
                long t = i * period;
                long consumeAt = t + period / 2 + (long) delayBuffers * period;
                due.add(new TraceEvent.Consume(consumeAt, i, consumer * 2, consumer, bytes));
                due.add(new TraceEvent.Free(consumeAt + 1, i));
                TraceEvent alloc = new TraceEvent.Alloc(t, i, device, device % 4, flowHash(device, flow),
                        producerNode * 2 + (i & 1), producerNode, bytes);
                i++;
                return alloc;
            }

            @Override
            public void close() {
                due.clear();
            }
        };
    }

    /** The header of the generated trace: synthetic topology (2 CPUs per node), device names, provenance. */
    public TraceHeader header() {
        int nodes = nodes();
        int[] cpus = new int[nodes * 2];
        for (int c = 0; c < cpus.length; c++) {
            cpus[c] = c / 2;
        }
        Topology topology = new Topology(nodes, cpus, null, "synthetic (scenario " + scenario + ", not measured)", false);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("tool", "numabias generate");
        provenance.put("scenario", scenario);
        provenance.put("seed", Long.toString(seed));
        config.values().forEach((k, v) -> provenance.put("param." + k, v));
        provenance.put("frameworkVersion", Version.FRAMEWORK);
        List<String> names = new ArrayList<>();
        for (int d = 0; d < integer("devices"); d++) {
            names.add("synth" + d);
        }
        return TraceHeader.of(topology, names, provenance, Map.of());
    }

    /** A stable 32-bit hash for (device, flow), as a NIC's RSS would give. */
    static long flowHash(int device, int flow) {
        long h = (device * 0x9E3779B97F4A7C15L) ^ (flow * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 31;
        return h & 0xFFFF_FFFFL;
    }

    /** Uniform sizes in [64, 9000): MTU-ish and jumbo datagrams. */
    public static long mixedSizes(SplittableRandom rnd) {
        return rnd.nextLong(64, 9000);
    }
}
