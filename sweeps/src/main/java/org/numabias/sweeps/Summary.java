package org.numabias.sweeps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.numabias.reports.stats.MeanInterval;

/**
 * The table a sweep prints: one row per configuration with the mean of each chosen metric over the
 * traces where it is defined and its 95% t-interval over those traces ({@link MeanInterval}; undefined
 * values, null, are left out, and the cell says on how many traces the metric was defined), in
 * configuration order; then notes naming every configuration that faulted (with its fault count) and
 * every trace that is not whole.
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
        metrics.forEach(m -> head.add("mean " + m + " [95% CI]"));
        rows.add(head.toArray(String[]::new));
        for (var e : byConfig.entrySet()) {
            List<String> row = new ArrayList<>(List.of(e.getKey(), Integer.toString(e.getValue().size())));
            for (String m : metrics) {
                double[] defined = e.getValue().stream().map(r -> r.metric(m)).filter(x -> x instanceof Number)
                        .mapToDouble(x -> ((Number) x).doubleValue()).toArray();
                MeanInterval mean = MeanInterval.of(defined);
                int n = defined.length;
                row.add(n == 0 ? "-" : String.format(Locale.ROOT, "%.4f", mean.mean())
                        + (n < 2 ? "" : String.format(Locale.ROOT, " [%.4f, %.4f]", mean.lower(), mean.upper()))
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
        sb.append("mean over the traces [95% t-interval of the mean over them, where at least 2 traces define it]; '-' = undefined on every "
                + "trace; (n) = defined on n traces only\n");
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
