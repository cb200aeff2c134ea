package org.numabias.runtime.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.numabias.api.ConfigurationException;

/**
 * A node distance matrix file ({@code --distances}): one row per node, whitespace-separated
 * integers (SLIT units, 10 = local), the same layout as sysfs {@code node<N>/distance} files. Blank lines
 * and lines starting with '#' are ignored.
 */
public final class DistanceFile {
    private DistanceFile() {
    }

    /**
     * The {@code nodes} x {@code nodes} matrix in {@code file}.
     *
     * @throws ConfigurationException naming the file, line and column of what is wrong
     */
    public static int[][] read(Path file, int nodes) {
        List<int[]> rows = new ArrayList<>();
        for (ContentLines line : ContentLines.read(file)) {
            String[] cells = line.text().split("\\s+");
            if (cells.length != nodes) {
                throw new ConfigurationException(line.where() + ": expected " + nodes
                        + " distances (the trace has " + nodes + " nodes), got " + cells.length);
            }
            int[] row = new int[nodes];
            for (int i = 0; i < nodes; i++) {
                try {
                    row[i] = Integer.parseInt(cells[i]);
                } catch (NumberFormatException e) {
                    throw new ConfigurationException(line.where() + ": column " + (i + 1) + ": not an integer: '"
                            + cells[i] + "'");
                }
                if (row[i] < 0) {
                    throw new ConfigurationException(line.where() + ": column " + (i + 1) + ": negative distance");
                }
            }
            rows.add(row);
        }
        if (rows.size() != nodes) {
            throw new ConfigurationException(file + ": expected " + nodes + " rows of distances, got " + rows.size());
        }
        return rows.toArray(new int[0][]);
    }
}
