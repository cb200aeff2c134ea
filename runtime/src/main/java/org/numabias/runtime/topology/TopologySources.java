package org.numabias.runtime.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.numabias.api.ConfigurationException;
import org.numabias.api.Topology;

/**
 * Where topologies come from ({@code --topology}): {@code sysfs} (this machine's
 * {@code /sys/devices/system/node}), a projection ({@code cpu-as-node}, {@code cpus-per-node=K}) or a
 * file. A file is either {@code lscpu -p=cpu,node} output or numabias's own format, one line per node:
 *
 * <pre>
 * # comments and blank lines are ignored
 * node 0 cpus=0-3,8-11 distances=10,21
 * node 1 cpus=4-7,12-15 distances=21,10
 * </pre>
 *
 * ({@code distances=} is optional: 10 local, 20 remote when absent; it must be given for every node
 * or none).
 */
public final class TopologySources {
    /** The sysfs folder with {@code node<N>/cpulist} and {@code node<N>/distance}. */
    public static final Path SYSFS_NODES = Path.of("/sys/devices/system/node");

    private TopologySources() {
    }

    /** The CPU map for a {@code --topology} value. */
    public static CpuNodeMap parse(String spec) {
        if (spec.equals("sysfs")) {
            return CpuNodeMap.of(fromSysfs(SYSFS_NODES));
        }
        if (spec.equals("cpu-as-node")) {
            return CpuNodeMap.projection(1);
        }
        if (spec.startsWith("cpus-per-node=")) {
            try {
                int k = Integer.parseInt(spec.substring("cpus-per-node=".length()).trim());
                if (k >= 1) {
                    return CpuNodeMap.projection(k);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new ConfigurationException("--topology cpus-per-node=K needs an integer K >= 1, got '" + spec + "'");
        }
        Path file = Path.of(spec);
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("--topology must be sysfs, cpu-as-node, cpus-per-node=K or a topology file; '"
                    + spec + "' is none of these");
        }
        return CpuNodeMap.of(fromFile(file));
    }

    /** This machine's topology from sysfs (nodes, CPU lists, SLIT distances). */
    public static Topology fromSysfs(Path nodesDir) {
        TreeMap<Integer, Path> nodeDirs = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(nodesDir)) {
            dirs.filter(p -> p.getFileName().toString().matches("node\\d{1,9}"))
                    .forEach(p -> nodeDirs.put(Integer.parseInt(p.getFileName().toString().substring(4)), p));
        } catch (IOException e) {
            throw new UncheckedIOException(nodesDir + ": cannot read the NUMA topology: " + e.getMessage(), e);
        }
        if (nodeDirs.isEmpty()) {
            throw new ConfigurationException(nodesDir + ": no node<N> folders; use a topology file or a projection");
        }
        int nodes = nodeDirs.lastKey() + 1;
        try {
            Topology.checkNodes(nodes);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(nodesDir + ": " + e.getMessage());
        }
        List<int[]> pairs = new ArrayList<>();
        int[][] distances = new int[nodes][];
        for (var e : nodeDirs.entrySet()) {
            Path dir = e.getValue();
            for (int cpu : cpuList(read(dir.resolve("cpulist")), dir.resolve("cpulist").toString())) {
                pairs.add(new int[]{cpu, e.getKey(), 0});
            }
            distances[e.getKey()] = distances(read(dir.resolve("distance")).strip().split("\\s+"), nodes,
                    dir.resolve("distance").toString());
        }
        boolean complete = nodeDirs.size() == nodes;
        return new Topology(nodes, cpuMap(pairs, nodesDir.toString()), complete ? distances : null, "sysfs", false);
    }

    /** A topology file: numabias's format or {@code lscpu -p=cpu,node} output. */
    public static Topology fromFile(Path file) {
        List<int[]> pairs = new ArrayList<>();
        TreeMap<Integer, int[]> distanceByNode = new TreeMap<>();
        TreeMap<Integer, Integer> nodeLines = new TreeMap<>();
        int maxNode = -1;
        for (ContentLines content : ContentLines.read(file)) {
            String line = content.text();
            String where = content.where();
            int no = content.number();
            if (line.matches("\\d{1,9},\\d{0,9}(,.*)?")) { // lscpu -p=cpu,node
                String[] cells = line.split(",", -1);
                int cpu = cpuNumber(Integer.parseInt(cells[0]), where);
                int node = nodeNumber(cells[1].isEmpty() ? 0 : Integer.parseInt(cells[1]), where);
                pairs.add(new int[]{cpu, node, no});
                maxNode = Math.max(maxNode, node);
            } else if (line.startsWith("node ")) {
                String[] words = line.split("\\s+");
                int node;
                try {
                    node = Integer.parseInt(words[1]);
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new ConfigurationException(where + ": expected 'node N cpus=LIST [distances=D,...]'");
                }
                nodeNumber(node, where);
                if (nodeLines.containsKey(node)) {
                    throw new ConfigurationException(where + ": node " + node + " again (first on line " + nodeLines.get(node) + ")");
                }
                nodeLines.put(node, no);
                maxNode = Math.max(maxNode, node);
                for (int i = 2; i < words.length; i++) {
                    if (words[i].startsWith("cpus=")) {
                        for (int cpu : cpuList(words[i].substring(5), where)) {
                            pairs.add(new int[]{cpu, node, no});
                        }
                    } else if (words[i].startsWith("distances=")) {
                        String[] cells = words[i].substring(10).split(",");
                        if (cells.length > Topology.MAX_NODES) {
                            throw new ConfigurationException(where + ": " + cells.length + " distances exceed the limit of "
                                    + Topology.MAX_NODES + " NUMA nodes");
                        }
                        distanceByNode.put(node, parseInts(cells, where));
                    } else {
                        throw new ConfigurationException(where + ": unknown field '" + words[i] + "' (cpus= or distances=)");
                    }
                }
            } else {
                throw new ConfigurationException(where + ": neither 'node N cpus=...' nor lscpu -p=cpu,node output: '" + line + "'");
            }
        }
        if (maxNode < 0) {
            throw new ConfigurationException(file + ": no nodes");
        }
        int nodes = maxNode + 1;
        int[][] distances = null;
        if (!distanceByNode.isEmpty()) {
            if (distanceByNode.size() != nodes) {
                throw new ConfigurationException(file + ": distances= given for " + distanceByNode.size() + " of " + nodes + " nodes");
            }
            distances = new int[nodes][];
            for (var e : distanceByNode.entrySet()) {
                if (e.getValue().length != nodes) {
                    throw new ConfigurationException(file + ": node " + e.getKey() + " has " + e.getValue().length
                            + " distances, expected " + nodes);
                }
                distances[e.getKey()] = e.getValue();
            }
        }
        try {
            return new Topology(nodes, cpuMap(pairs, file.toString()), distances, "file:" + file, false);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(file + ": " + e.getMessage());
        }
    }

    private static int nodeNumber(int node, String where) {
        if (node >= Topology.MAX_NODES) {
            throw new ConfigurationException(where + ": node " + node + " exceeds the limit of " + Topology.MAX_NODES + " NUMA nodes");
        }
        return node;
    }

    private static int cpuNumber(int cpu, String where) {
        if (cpu >= Topology.MAX_CPUS) {
            throw new ConfigurationException(where + ": cpu " + cpu + " exceeds the limit of " + Topology.MAX_CPUS + " CPUs");
        }
        return cpu;
    }

    private static int[] parseInts(String[] cells, String where) {
        int[] out = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
            try {
                out[i] = Integer.parseInt(cells[i].trim());
            } catch (NumberFormatException e) {
                throw new ConfigurationException(where + ": not an integer: '" + cells[i] + "'");
            }
        }
        return out;
    }

    private static int[] distances(String[] cells, int nodes, String where) {
        int[] row = parseInts(cells, where);
        if (row.length != nodes) {
            throw new ConfigurationException(where + ": " + row.length + " distances for " + nodes + " nodes");
        }
        return row;
    }

    /** A kernel CPU list such as {@code 0-3,8,10-11}. */
    static int[] cpuList(String text, String where) {
        List<Integer> cpus = new ArrayList<>();
        String t = text.strip();
        if (t.isEmpty()) {
            return new int[0];
        }
        for (String part : t.split(",")) {
            try {
                int dash = part.indexOf('-');
                int from = Integer.parseInt(part.substring(0, dash < 0 ? part.length() : dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1).trim());
                if (to < from) {
                    throw new NumberFormatException();
                }
                cpuNumber(to, where);
                for (int c = from; c <= to; c++) {
                    cpus.add(c);
                }
            } catch (NumberFormatException e) {
                throw new ConfigurationException(where + ": bad CPU list '" + text + "'");
            }
        }
        return cpus.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * CPU-to-node array from (cpu, node, line) triples; CPUs not listed map to -1.
     *
     * @throws ConfigurationException for a CPU listed twice (on one node or two)
     */
    private static int[] cpuMap(List<int[]> pairs, String where) {
        int maxCpu = pairs.stream().mapToInt(p -> p[0]).max().orElse(-1);
        int[] map = new int[maxCpu + 1];
        int[] line = new int[maxCpu + 1];
        java.util.Arrays.fill(map, -1);
        for (int[] p : pairs) {
            if (map[p[0]] >= 0) {
                throw new ConfigurationException(where + (p[2] > 0 ? ":" + p[2] : "") + ": cpu " + p[0] + " is listed twice (node "
                        + map[p[0]] + (line[p[0]] > 0 ? " on line " + line[p[0]] : "") + ", then node " + p[1] + ")");
            }
            map[p[0]] = p[1];
            line[p[0]] = p[2];
        }
        return map;
    }

    private static String read(Path file) {
        return org.numabias.runtime.csv.LineReader.readText(file);
    }
}
