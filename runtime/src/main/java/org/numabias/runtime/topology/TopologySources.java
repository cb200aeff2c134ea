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
            dirs.filter(p -> p.getFileName().toString().matches("node\\d+"))
                    .forEach(p -> nodeDirs.put(Integer.parseInt(p.getFileName().toString().substring(4)), p));
        } catch (IOException e) {
            throw new UncheckedIOException(nodesDir + ": cannot read the NUMA topology: " + e.getMessage(), e);
        }
        if (nodeDirs.isEmpty()) {
            throw new ConfigurationException(nodesDir + ": no node<N> folders; use a topology file or a projection");
        }
        int nodes = nodeDirs.lastKey() + 1;
        List<int[]> pairs = new ArrayList<>();
        int[][] distances = new int[nodes][];
        for (var e : nodeDirs.entrySet()) {
            Path dir = e.getValue();
            for (int cpu : cpuList(read(dir.resolve("cpulist")), dir.resolve("cpulist").toString())) {
                pairs.add(new int[]{cpu, e.getKey()});
            }
            distances[e.getKey()] = distances(read(dir.resolve("distance")).strip().split("\\s+"), nodes,
                    dir.resolve("distance").toString());
        }
        boolean complete = nodeDirs.size() == nodes;
        return new Topology(nodes, cpuMap(pairs), complete ? distances : null, "sysfs", false);
    }

    /** A topology file: numabias's format or {@code lscpu -p=cpu,node} output. */
    public static Topology fromFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        List<int[]> pairs = new ArrayList<>();
        TreeMap<Integer, int[]> distanceByNode = new TreeMap<>();
        int maxNode = -1;
        int no = 0;
        for (String raw : lines) {
            no++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + no;
            if (line.matches("\\d+,\\d*(,.*)?")) { // lscpu -p=cpu,node
                String[] cells = line.split(",", -1);
                int cpu = Integer.parseInt(cells[0]);
                int node = cells[1].isEmpty() ? 0 : Integer.parseInt(cells[1]);
                pairs.add(new int[]{cpu, node});
                maxNode = Math.max(maxNode, node);
            } else if (line.startsWith("node ")) {
                String[] words = line.split("\\s+");
                int node;
                try {
                    node = Integer.parseInt(words[1]);
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new ConfigurationException(where + ": expected 'node N cpus=LIST [distances=D,...]'");
                }
                maxNode = Math.max(maxNode, node);
                for (int i = 2; i < words.length; i++) {
                    if (words[i].startsWith("cpus=")) {
                        for (int cpu : cpuList(words[i].substring(5), where)) {
                            pairs.add(new int[]{cpu, node});
                        }
                    } else if (words[i].startsWith("distances=")) {
                        distanceByNode.put(node, parseInts(words[i].substring(10).split(","), where));
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
        return new Topology(nodes, cpuMap(pairs), distances, "file:" + file, false);
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
                if (to < from || to - from > 1 << 16) {
                    throw new NumberFormatException();
                }
                for (int c = from; c <= to; c++) {
                    cpus.add(c);
                }
            } catch (NumberFormatException e) {
                throw new ConfigurationException(where + ": bad CPU list '" + text + "'");
            }
        }
        return cpus.stream().mapToInt(Integer::intValue).toArray();
    }

    /** CPU-to-node array from (cpu, node) pairs; CPUs not listed map to -1. */
    private static int[] cpuMap(List<int[]> pairs) {
        int maxCpu = pairs.stream().mapToInt(p -> p[0]).max().orElse(-1);
        int[] map = new int[maxCpu + 1];
        java.util.Arrays.fill(map, -1);
        for (int[] p : pairs) {
            map[p[0]] = p[1];
        }
        return map;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
