package org.numabias.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * A NUMA topology: the node count, a CPU-to-node map and the node distance matrix (ACPI SLIT
 * units, 10 = local). {@link #source()} says where it came from ({@code sysfs}, a file, a trace,
 * {@code default}, or a projection such as {@code cpu-as-node}); {@link #projected()} is true when
 * it is a model of a machine rather than the hardware, and every output must then say so.
 * Immutable.
 */
public final class Topology {
    /** Distance of a node to itself. */
    public static final int LOCAL_DISTANCE = 10;
    /** Distance between two different nodes when nothing better is known. */
    public static final int DEFAULT_REMOTE_DISTANCE = 20;
    /**
     * The most nodes a topology may have (Linux's largest {@code MAX_NUMNODES}, {@code NODES_SHIFT=10}).
     * Checked before anything is allocated: the distance matrix is nodes x nodes.
     */
    public static final int MAX_NODES = 1024;
    /** The most CPUs a CPU map may have (Linux's largest {@code NR_CPUS} for x86-64, {@code MAXSMP}). */
    public static final int MAX_CPUS = 8192;

    private final int nodes;
    private final int[] cpuToNode;
    private final int[] distances;
    private final String source;
    private final boolean projected;

    /**
     * @param nodes     node count, 1..{@link #MAX_NODES}
     * @param cpuToNode node of each CPU by index, -1 for an unknown CPU; may be empty; at most {@link #MAX_CPUS}
     * @param distances a nodes x nodes matrix, or null for the default (10 local, 20 remote); every
     *                  node's distance to itself must be positive and smaller than to any other node
     * @param source    where the topology came from, for provenance
     * @param projected whether it is a projection (a model) rather than the hardware
     */
    public Topology(int nodes, int[] cpuToNode, int[][] distances, String source, boolean projected) {
        checkNodes(nodes);
        if (cpuToNode.length > MAX_CPUS) {
            throw new ConfigurationException(cpuToNode.length + " CPUs exceed the limit of " + MAX_CPUS + " CPUs");
        }
        this.nodes = nodes;
        this.cpuToNode = cpuToNode.clone();
        for (int cpu = 0; cpu < this.cpuToNode.length; cpu++) {
            int n = this.cpuToNode[cpu];
            if (n < -1 || n >= nodes) {
                throw new ConfigurationException("cpu " + cpu + " is on node " + n + ", outside 0.." + (nodes - 1));
            }
        }
        this.distances = new int[nodes * nodes];
        for (int a = 0; a < nodes; a++) {
            for (int b = 0; b < nodes; b++) {
                int d;
                if (distances == null) {
                    d = a == b ? LOCAL_DISTANCE : DEFAULT_REMOTE_DISTANCE;
                } else {
                    if (distances.length != nodes || distances[a].length != nodes) {
                        throw new ConfigurationException("distance matrix must be " + nodes + "x" + nodes);
                    }
                    d = distances[a][b];
                }
                if (d < 0) {
                    throw new ConfigurationException("distance[" + a + "][" + b + "] is negative: " + d);
                }
                this.distances[a * nodes + b] = d;
            }
        }
        for (int a = 0; a < nodes; a++) {
            int local = this.distances[a * nodes + a];
            if (local <= 0) {
                throw new ConfigurationException("distance[" + a + "][" + a + "] (node " + a + " to itself) must be positive, got "
                        + local);
            }
            for (int b = 0; b < nodes; b++) {
                if (b != a && this.distances[a * nodes + b] <= local) {
                    throw new ConfigurationException("distance[" + a + "][" + b + "] = " + this.distances[a * nodes + b]
                            + " is not larger than node " + a + "'s distance to itself (" + local
                            + "): a remote node cannot be as close as the local one (inverted or all-equal matrix?)");
                }
            }
        }
        this.source = Objects.requireNonNull(source, "source");
        this.projected = projected;
    }

    /**
     * Checks a node count against 1..{@link #MAX_NODES} before anything of that size is allocated.
     *
     * @throws ConfigurationException naming the count and the limit
     */
    public static void checkNodes(long nodes) {
        if (nodes < 1) {
            throw new ConfigurationException("a topology needs at least one node, got " + nodes);
        }
        if (nodes > MAX_NODES) {
            throw new ConfigurationException(nodes + " nodes exceed the limit of " + MAX_NODES + " NUMA nodes");
        }
    }

    /** Whether distance(a, b) == distance(b, a) for every pair (ACPI allows asymmetric tables; they are rare). */
    public boolean symmetric() {
        for (int a = 0; a < nodes; a++) {
            for (int b = a + 1; b < nodes; b++) {
                if (distances[a * nodes + b] != distances[b * nodes + a]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code nodes} nodes, no CPU map, default distances: what a CSV trace gives. */
    public static Topology uniform(int nodes, String source) {
        return new Topology(nodes, new int[0], null, source, false);
    }

    /** Projection {@code cpu-as-node}: node = cpu, for CPUs {@code 0..cpus-1}. */
    public static Topology cpuAsNode(int cpus) {
        checkNodes(Math.max(1, cpus));
        int[] map = new int[cpus];
        Arrays.setAll(map, cpu -> cpu);
        return new Topology(Math.max(1, cpus), map, null, "cpu-as-node", true);
    }

    /** Projection {@code cpus-per-node=K}: node = cpu / K, for CPUs {@code 0..cpus-1}. */
    public static Topology cpusPerNode(int cpus, int perNode) {
        if (perNode < 1) {
            throw new ConfigurationException("cpus-per-node must be >= 1, got " + perNode);
        }
        if (cpus > MAX_CPUS) {
            throw new ConfigurationException(cpus + " CPUs exceed the limit of " + MAX_CPUS + " CPUs");
        }
        int[] map = new int[cpus];
        Arrays.setAll(map, cpu -> cpu / perNode);
        return new Topology(Math.max(1, (cpus + perNode - 1) / perNode), map, null, "cpus-per-node=" + perNode, true);
    }

    /** The same topology with another distance matrix (e.g. {@code compare --distances}). */
    public Topology withDistances(int[][] matrix, String distanceSource) {
        return new Topology(nodes, cpuToNode, matrix, source + "+distances:" + distanceSource, projected);
    }

    /**
     * This topology grown to {@code more} nodes (the CPU map kept, the new nodes at the default
     * distances): for a trace whose events use nodes its recorded topology did not yet cover.
     */
    public Topology withNodes(int more) {
        checkNodes(more);
        int[][] m = new int[more][more];
        for (int a = 0; a < more; a++) {
            for (int b = 0; b < more; b++) {
                m[a][b] = a < nodes && b < nodes ? distance(a, b) : a == b ? LOCAL_DISTANCE : DEFAULT_REMOTE_DISTANCE;
            }
        }
        return new Topology(more, cpuToNode, m, source, projected);
    }

    /** Number of NUMA nodes. */
    public int nodes() {
        return nodes;
    }

    /** Number of CPUs in the map (0 when the topology has none). */
    public int cpus() {
        return cpuToNode.length;
    }

    /** Node of {@code cpu}, or -1 if the CPU is unknown. */
    public int nodeOfCpu(int cpu) {
        return cpu >= 0 && cpu < cpuToNode.length ? cpuToNode[cpu] : -1;
    }

    /** Distance from node {@code from} to node {@code to}, 10 = local. */
    public int distance(int from, int to) {
        return distances[from * nodes + to];
    }

    /** The distance matrix as a fresh array. */
    public int[][] distanceMatrix() {
        int[][] m = new int[nodes][nodes];
        for (int a = 0; a < nodes; a++) {
            System.arraycopy(distances, a * nodes, m[a], 0, nodes);
        }
        return m;
    }

    /** The CPU-to-node map as a fresh array. */
    public int[] cpuToNode() {
        return cpuToNode.clone();
    }

    /** Where the topology came from. */
    public String source() {
        return source;
    }

    /** True for a projection (a model of a multi-node machine), false for the hardware or a trace. */
    public boolean projected() {
        return projected;
    }

    /** A one-line description for outputs, saying when it is a projection. */
    public String describe() {
        return nodes + " node" + (nodes == 1 ? "" : "s") + ", " + cpuToNode.length + " cpus mapped, source "
                + source + (projected ? " (PROJECTION: a model, not this hardware)" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Topology t && nodes == t.nodes && projected == t.projected && source.equals(t.source)
                && Arrays.equals(cpuToNode, t.cpuToNode) && Arrays.equals(distances, t.distances);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodes, Arrays.hashCode(cpuToNode), Arrays.hashCode(distances), source, projected);
    }

    @Override
    public String toString() {
        return "Topology[" + describe() + "]";
    }
}
