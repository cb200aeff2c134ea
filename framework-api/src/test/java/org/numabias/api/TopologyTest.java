package org.numabias.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Topologies: the checks on node counts, CPU maps and distances, the projections, and what they print. */
class TopologyTest {
    private static String error(Runnable r) {
        return assertThrows(ConfigurationException.class, r::run).getMessage();
    }

    @Test
    void uniformIsTenLocalAndTwentyRemote() {
        Topology t = Topology.uniform(3, "csv");
        assertArrayEquals(new int[][] {{10, 20, 20}, {20, 10, 20}, {20, 20, 10}}, t.distanceMatrix());
        assertEquals(3, t.nodes());
        assertEquals(0, t.cpus());
        assertEquals(-1, t.nodeOfCpu(0));
        assertTrue(t.symmetric());
        assertFalse(t.projected());
        assertEquals("csv", t.source());
        assertEquals("3 nodes, 0 cpus mapped, source csv", t.describe());
        assertEquals("1 node, 0 cpus mapped, source x", Topology.uniform(1, "x").describe());
        assertEquals("Topology[3 nodes, 0 cpus mapped, source csv]", t.toString());
    }

    @Test
    void nodeCountsOutsideOneTo1024AreRefused() {
        assertEquals("a topology needs at least one node, got 0", error(() -> Topology.uniform(0, "x")));
        assertEquals("1025 nodes exceed the limit of 1024 NUMA nodes", error(() -> Topology.checkNodes(1025)));
        Topology.checkNodes(1);
        Topology.checkNodes(1024);
    }

    @Test
    void cpuMapsAreCheckedAndCopied() {
        int[] map = {0, 1, -1, 1};
        Topology t = new Topology(2, map, null, "sysfs", false);
        map[0] = 1;
        assertEquals(0, t.nodeOfCpu(0), "the map was copied");
        assertEquals(1, t.nodeOfCpu(3));
        assertEquals(-1, t.nodeOfCpu(2), "an unknown CPU");
        assertEquals(-1, t.nodeOfCpu(4));
        assertEquals(-1, t.nodeOfCpu(-1));
        assertEquals(4, t.cpus());
        int[] copy = t.cpuToNode();
        copy[1] = 0;
        assertEquals(1, t.nodeOfCpu(1), "cpuToNode() is a copy");
        assertEquals("cpu 1 is on node 2, outside 0..1", error(() -> new Topology(2, new int[] {0, 2}, null, "x", false)));
        assertEquals("cpu 0 is on node -2, outside 0..1", error(() -> new Topology(2, new int[] {-2}, null, "x", false)));
        assertEquals("8193 CPUs exceed the limit of 8192 CPUs", error(() -> new Topology(1, new int[8193], null, "x", false)));
        new Topology(1, new int[8192], null, "x", false);
    }

    @Test
    void distancesMustBeSquarePositiveAndLargerOffTheDiagonal() {
        assertEquals("distance matrix must be 2x2", error(() -> new Topology(2, new int[0], new int[][] {{10, 20}}, "x", false)));
        assertEquals("distance matrix must be 2x2", error(() -> new Topology(2, new int[0], new int[][] {{10, 20}, {20}}, "x", false)));
        assertEquals("distance[0][1] is negative: -1", error(() -> new Topology(2, new int[0], new int[][] {{10, -1}, {20, 10}}, "x", false)));
        assertEquals("distance[1][1] (node 1 to itself) must be positive, got 0",
                error(() -> new Topology(2, new int[0], new int[][] {{10, 20}, {20, 0}}, "x", false)));
        assertTrue(error(() -> new Topology(2, new int[0], new int[][] {{10, 10}, {20, 10}}, "x", false))
                .startsWith("distance[0][1] = 10 is not larger than node 0's distance to itself (10)"));
        assertTrue(error(() -> new Topology(2, new int[0], new int[][] {{10, 20}, {9, 10}}, "x", false))
                .startsWith("distance[1][0] = 9 is not larger than node 1's distance to itself (10)"));
        Topology asym = new Topology(2, new int[0], new int[][] {{10, 21}, {11, 10}}, "x", false);
        assertFalse(asym.symmetric());
        assertEquals(21, asym.distance(0, 1));
        assertEquals(11, asym.distance(1, 0));
        assertTrue(new Topology(1, new int[0], new int[][] {{1}}, "x", false).symmetric());
    }

    @Test
    void projectionsMapCpusToNodes() {
        Topology each = Topology.cpuAsNode(3);
        assertEquals(3, each.nodes());
        assertEquals(2, each.nodeOfCpu(2));
        assertTrue(each.projected());
        assertEquals("3 nodes, 3 cpus mapped, source cpu-as-node (PROJECTION: a model, not this hardware)", each.describe());
        assertEquals(1, Topology.cpuAsNode(0).nodes(), "no CPUs: still one node");

        Topology pairs = Topology.cpusPerNode(5, 2);
        assertEquals(3, pairs.nodes(), "CPUs 0-1, 2-3 and 4");
        assertEquals(1, pairs.nodeOfCpu(3));
        assertEquals(2, pairs.nodeOfCpu(4));
        assertEquals("cpus-per-node=2", pairs.source());
        assertEquals(1, Topology.cpusPerNode(0, 4).nodes());
        assertEquals("cpus-per-node must be >= 1, got 0", error(() -> Topology.cpusPerNode(4, 0)));
        assertEquals(3, Topology.cpusPerNode(3, 1).nodes(), "one CPU per node");
        assertEquals(1024, Topology.cpusPerNode(8192, 8).nodes(), "the most CPUs");
        assertEquals("8193 CPUs exceed the limit of 8192 CPUs", error(() -> Topology.cpusPerNode(8193, 8)));
    }

    @Test
    void otherDistancesAndMoreNodesKeepTheRest() {
        Topology t = new Topology(2, new int[] {1, 0}, null, "sysfs", false);
        Topology d = t.withDistances(new int[][] {{10, 30}, {30, 10}}, "slit.txt");
        assertEquals(30, d.distance(1, 0));
        assertEquals("sysfs+distances:slit.txt", d.source());
        assertEquals(0, d.nodeOfCpu(1));

        Topology grown = d.withNodes(3);
        assertArrayEquals(new int[][] {{10, 30, 20}, {30, 10, 20}, {20, 20, 10}}, grown.distanceMatrix());
        assertEquals(1, grown.nodeOfCpu(0));
        assertEquals(d.source(), grown.source());
        assertThrows(ConfigurationException.class, () -> t.withNodes(0));
    }

    @Test
    void equalityCoversEveryField() {
        Topology a = new Topology(2, new int[] {0, 1}, null, "s", false);
        assertEquals(a, new Topology(2, new int[] {0, 1}, null, "s", false));
        assertEquals(a.hashCode(), new Topology(2, new int[] {0, 1}, null, "s", false).hashCode());
        assertNotEquals(a, new Topology(3, new int[] {0, 1}, null, "s", false));
        assertNotEquals(a, new Topology(2, new int[] {0, 0}, null, "s", false));
        assertNotEquals(a, new Topology(2, new int[] {0, 1}, null, "t", false));
        assertNotEquals(a, new Topology(2, new int[] {0, 1}, null, "s", true));
        assertNotEquals(a, new Topology(2, new int[] {0, 1}, new int[][] {{10, 21}, {21, 10}}, "s", false));
        assertNotEquals(a, "s");
    }
}
