package org.numabias.runtime.topology;

import org.numabias.api.Topology;

/**
 * Maps a CPU to its NUMA node while a trace is imported, and gives the trace's topology at the
 * end (a projection's node count is only known once every CPU has been seen).
 */
public interface CpuNodeMap {
    /** The node of {@code cpu}, or -1 if the topology does not know it. */
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
                return cpu / cpusPerNode;
            }

            @Override
            public Topology topology(int maxCpu) {
                int cpus = Math.max(1, maxCpu + 1);
                return cpusPerNode == 1 ? Topology.cpuAsNode(cpus) : Topology.cpusPerNode(cpus, cpusPerNode);
            }
        };
    }
}
