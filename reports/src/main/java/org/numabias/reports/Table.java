package org.numabias.reports;

import java.util.List;

/** Renders rows as a left-aligned first column and right-aligned others, padded to fit. */
public final class Table {
    private Table() {
    }

    /** The rows (the first is the heading) as text, a rule under the heading. */
    public static String render(List<String[]> rows) {
        int columns = rows.getFirst().length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < columns; c++) {
                String cell = row[c];
                String padding = " ".repeat(width[c] - cell.length());
                sb.append(c == 0 ? cell + padding : padding + cell);
                sb.append(c + 1 < columns ? "  " : "\n");
            }
            if (r == 0) {
                int total = 0;
                for (int w : width) {
                    total += w + 2;
                }
                sb.append("-".repeat(total - 2)).append('\n');
            }
        }
        return sb.toString();
    }
}
