package org.numabias.sweeps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table a sweep prints: one row per configuration with the mean of each chosen metric over the
 * traces where it is defined (undefined values, null, are left out of the mean, and the row says on
 * how many traces the first metric was defined), in configuration order; then notes naming every
 * configuration that faulted (with its fault count) and every trace that is not whole.
 */
public final class Summary {
    private Summary() {
    }

    /** The table for {@code records} and the metric columns {@code metrics}. */
    public static String table(List<CellRecord> records, List<String> metrics) {
        Map<String, List<CellRecord>> byConfig = new LinkedHashMap<>();
        records.stream().sorted(java.util.Comparator.comparingInt(CellRecord::configIndex))
                .forEach(r -> byConfig.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r));
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("configuration", "traces"));
        metrics.forEach(m -> head.add("mean " + m));
        rows.add(head.toArray(String[]::new));
        for (var e : byConfig.entrySet()) {
            List<String> row = new ArrayList<>(List.of(e.getKey(), Integer.toString(e.getValue().size())));
            for (String m : metrics) {
                double sum = 0;
                int n = 0;
                for (CellRecord r : e.getValue()) {
                    if (r.metric(m) instanceof Number x) {
                        sum += x.doubleValue();
                        n++;
                    }
                }
                row.add(n == 0 ? "-" : String.format(Locale.ROOT, "%.4f", sum / n)
                        + (n < e.getValue().size() ? " (" + n + ")" : ""));
            }
            rows.add(row.toArray(String[]::new));
        }
        int[] width = new int[rows.getFirst().length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                String cell = i == 0 ? r[i] + " ".repeat(width[i] - r[i].length()) : " ".repeat(width[i] - r[i].length()) + r[i];
                sb.append(cell).append(i + 1 < r.length ? "  " : "\n");
            }
        }
        sb.append("mean over the traces; '-' = undefined on every trace; (n) = defined on n traces only\n");
        notes(records, byConfig).forEach(n -> sb.append("note: ").append(n).append('\n'));
        return sb.toString();
    }

    /**
     * What the means hide: configurations that faulted (their metrics mix in the fallback's
     * predictions), and traces that are not whole (incomplete or damaged: a readable prefix).
     */
    static List<String> notes(List<CellRecord> records, Map<String, List<CellRecord>> byConfig) {
        List<String> notes = new ArrayList<>();
        for (var e : byConfig.entrySet()) {
            long faults = e.getValue().stream().mapToLong(CellRecord::faults).sum();
            if (faults > 0) {
                List<CellRecord> faulted = e.getValue().stream().filter(r -> r.faults() > 0).toList();
                notes.add(String.format(Locale.ROOT, "%s FAULTED: %d fault(s) on %d of %d traces (faults fall back to "
                        + "producer-local, whose predictions its metrics then include); first: %s", e.getKey(), faults,
                        faulted.size(), e.getValue().size(), faulted.getFirst().firstFault()));
            }
        }
        records.stream().filter(r -> r.traceState() != null && !r.traceState().equals("complete"))
                .map(r -> r.trace() + " is " + r.traceState() + ": its results cover only the readable events")
                .distinct().forEach(notes::add);
        return notes;
    }
}
