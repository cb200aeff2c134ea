package org.numabias.runtime.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.ConfigurationException;
import org.numabias.api.Topology;

class TopologySourcesTest {
    @TempDir
    Path tmp;

    @Test
    void readsATwoSocketSysfsTree() throws IOException {
        Path nodes = tmp.resolve("node");
        Files.createDirectories(nodes.resolve("node0"));
        Files.createDirectories(nodes.resolve("node1"));
        Files.writeString(nodes.resolve("node0/cpulist"), "0-1,4\n");
        Files.writeString(nodes.resolve("node1/cpulist"), "2-3,5\n");
        Files.writeString(nodes.resolve("node0/distance"), "10 21\n");
        Files.writeString(nodes.resolve("node1/distance"), "21 10\n");
        Files.createDirectories(nodes.resolve("power")); // sysfs has other entries
        Topology t = TopologySources.fromSysfs(nodes);
        assertEquals(2, t.nodes());
        assertArrayEquals(new int[]{0, 0, 1, 1, 0, 1}, t.cpuToNode());
        assertEquals(21, t.distance(0, 1));
        assertEquals("sysfs", t.source());
        assertTrue(!t.projected());
    }

    @Test
    void thisMachinesSysfsHasAtLeastOneNode() {
        Topology t = TopologySources.fromSysfs(TopologySources.SYSFS_NODES);
        assertTrue(t.nodes() >= 1);
        assertTrue(t.cpus() >= 1);
        assertEquals(10, t.distance(0, 0));
    }

    @Test
    void readsNumabiasAndLscpuFiles() throws IOException {
        Path own = tmp.resolve("topo.txt");
        Files.writeString(own, "# two sockets\nnode 0 cpus=0-1 distances=10,32\nnode 1 cpus=2-3 distances=32,10\n");
        Topology t = TopologySources.fromFile(own);
        assertArrayEquals(new int[]{0, 0, 1, 1}, t.cpuToNode());
        assertEquals(32, t.distance(1, 0));
        Path lscpu = tmp.resolve("lscpu.txt");
        Files.writeString(lscpu, "# The following is the parsable format\n# CPU,Node\n0,0\n1,1\n2,0\n3,1\n");
        Topology l = TopologySources.fromFile(lscpu);
        assertArrayEquals(new int[]{0, 1, 0, 1}, l.cpuToNode());
        assertEquals(20, l.distance(0, 1));
    }

    @Test
    void projectionsSayTheyAreProjections() {
        CpuNodeMap perNode = TopologySources.parse("cpus-per-node=4");
        assertEquals(2, perNode.nodeOf(9));
        Topology t = perNode.topology(9);
        assertEquals(3, t.nodes());
        assertTrue(t.projected());
        assertTrue(t.describe().contains("PROJECTION"));
        assertEquals(8, TopologySources.parse("cpu-as-node").topology(7).nodes());
    }

    @Test
    void badSpecsAndFilesAreClearErrors() throws IOException {
        assertTrue(assertThrows(ConfigurationException.class, () -> TopologySources.parse("cpus-per-node=0"))
                .getMessage().contains("K >= 1"));
        assertTrue(assertThrows(ConfigurationException.class, () -> TopologySources.parse("nonsense"))
                .getMessage().contains("sysfs, cpu-as-node, cpus-per-node=K or a topology file"));
        Path bad = tmp.resolve("bad.txt");
        Files.writeString(bad, "node 0 cpus=0-1\nnode 1 cpus=2-x\n");
        assertTrue(assertThrows(ConfigurationException.class, () -> TopologySources.fromFile(bad))
                .getMessage().contains(bad + ":2: bad CPU list"));
    }
}
