package org.numabias.runtime.topology;

import org.numabias.api.ConfigurationException;
import org.numabias.api.Topology;

/**
 * Maps a CPU to its NUMA node while a trace is imported, and gives the trace's topology at the
 * end (a projection's node count is only known once every CPU has been seen).
 */
public interface CpuNodeMap {
    /**
     * The node of {@code cpu}, or -1 if the topology does not know it.
     *
     * @throws ConfigurationException for a CPU number at or beyond {@link Topology#MAX_CPUS}, or a
     *                                projected node beyond {@link Topology#MAX_NODES}
     */
    int nodeOf(int cpu);

    /** The topology of the imported trace, given the highest CPU seen (-1 if none). */
    Topology topology(int maxCpu);

    /** A fixed topology (sysfs or a file). */
    static CpuNodeMap of(Topology topology) {
        return new CpuNodeMap() {
            @Override
            public int nodeOf(int cpu) {
                return topology.nodeOfCpu(cpu);
            }

            @Override
            public Topology topology(int maxCpu) {
                return topology;
            }
        };
    }

    /** Projection {@code cpus-per-node=K} (K = 1 is {@code cpu-as-node}): node = cpu / K. */
    static CpuNodeMap projection(int cpusPerNode) {
        return new CpuNodeMap() {
            @Override
            public int nodeOf(int cpu) {
                if (cpu >= Topology.MAX_CPUS) {
                    throw new ConfigurationException("cpu " + cpu + " exceeds the limit of " + Topology.MAX_CPUS + " CPUs");
                }
                int node = cpu / cpusPerNode;
                if (node >= Topology.MAX_NODES) {
                    throw new ConfigurationException("cpu " + cpu + " would be node " + node + " with the projection "
                            + (cpusPerNode == 1 ? "cpu-as-node" : "cpus-per-node=" + cpusPerNode) + ", beyond the limit of "
                            + Topology.MAX_NODES + " NUMA nodes (use a larger cpus-per-node)");
                }
                return node;
            }

            @Override
            public Topology topology(int maxCpu) {
                int cpus = Math.max(1, maxCpu + 1);
                return cpusPerNode == 1 ? Topology.cpuAsNode(cpus) : Topology.cpusPerNode(cpus, cpusPerNode);
            }
        };
    }
}
