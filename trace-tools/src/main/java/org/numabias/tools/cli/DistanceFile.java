package org.numabias.tools.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.numabias.api.ConfigurationException;

/**
 * A node distance matrix file ({@code --distances}): one row per node, whitespace-separated
 * integers (SLIT units, 10 = local), the same layout as sysfs {@code node<N>/distance} files. Blank lines
 * and lines starting with '#' are ignored.
 */
final class DistanceFile {
    private DistanceFile() {
    }

    static int[][] read(Path file, int nodes) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        List<int[]> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] cells = text.split("\\s+");
            if (cells.length != nodes) {
                throw new ConfigurationException(file + ":" + lineNo + ": expected " + nodes
                        + " distances (the trace has " + nodes + " nodes), got " + cells.length);
            }
            int[] row = new int[nodes];
            for (int i = 0; i < nodes; i++) {
                try {
                    row[i] = Integer.parseInt(cells[i]);
                } catch (NumberFormatException e) {
                    throw new ConfigurationException(file + ":" + lineNo + ": column " + (i + 1) + ": not an integer: '"
                            + cells[i] + "'");
                }
                if (row[i] < 0) {
                    throw new ConfigurationException(file + ":" + lineNo + ": column " + (i + 1) + ": negative distance");
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
