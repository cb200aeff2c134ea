package org.numabias.tools.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;

/**
 * Renders a {@link ReplayReport} as a table for people, or JSON or CSV for tools. JSON is
 * {@code {"trace": {...provenance...}, "results": [...]}} with every DESIGN.md metric per predictor;
 * undefined values are null.
 */
public final class CompareReport {
    /** The metric columns of JSON and CSV, in order. */
    public static final List<String> METRICS = List.of("consumptions", "bytes", "allocs", "unconsumedAllocs",
            "unknownConsumes", "accuracy", "localByteRatio", "remoteBytes", "cost", "regret", "capturedGain", "kappa",
            "kappaM", "kappaTemporal", "mpks", "faults");

    private CompareReport() {
    }

    /** The trace's provenance block. */
    public static Map<String, Object> traceInfo(ReplayReport r) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("source", r.trace());
        t.put("formatVersion", r.header().formatVersion());
        t.put("eventsSha256", r.summary().eventsSha256());
        t.put("events", r.summary().events());
        t.put("topology", topology(r));
        t.put("devices", r.header().deviceNames());
        t.put("provenance", r.header().provenance());
        t.put("counts", r.header().counts());
        t.put("scoreFrom", r.scoreFrom());
        t.put("scoreFromIndex", r.scoreFromIndex());
        t.put("budgetNsPerCall", r.budgetNsPerCall());
        t.put("frameworkVersion", r.frameworkVersion());
        return t;
    }

    private static Map<String, Object> topology(ReplayReport r) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("nodes", r.topology().nodes());
        t.put("source", r.topology().source());
        t.put("projected", r.topology().projected());
        t.put("distances", List.of((Object[]) r.topology().distanceMatrix()));
        return t;
    }

    /** One result as an ordered map of every metric and its provenance. */
    public static Map<String, Object> result(PredictorResult p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("predictor", p.predictor());
        m.put("label", p.label());
        m.put("params", p.params());
        m.put("origin", p.origin());
        for (String metric : METRICS) {
            m.put(metric, metric(p, metric));
        }
        m.put("firstFault", p.firstFault());
        m.put("nsPerCall", p.nsPerCall());
        m.put("stateBytes", p.stateBytes());
        m.put("overBudget", p.overBudget());
        return m;
    }

    /** The value of a named metric. */
    public static Object metric(PredictorResult p, String metric) {
        return switch (metric) {
            case "consumptions" -> p.consumptions();
            case "bytes" -> p.bytes();
            case "allocs" -> p.allocs();
            case "unconsumedAllocs" -> p.unconsumedAllocs();
            case "unknownConsumes" -> p.unknownConsumes();
            case "accuracy" -> p.accuracy();
            case "localByteRatio" -> p.localByteRatio();
            case "remoteBytes" -> p.remoteBytes();
            case "cost" -> p.cost();
            case "regret" -> p.regret();
            case "capturedGain" -> p.capturedGain();
            case "kappa" -> p.kappa();
            case "kappaM" -> p.kappaM();
            case "kappaTemporal" -> p.kappaTemporal();
            case "mpks" -> p.mpks();
            case "faults" -> p.faults();
            default -> throw new IllegalArgumentException("unknown metric " + metric);
        };
    }

    /** The whole report as JSON. */
    public static String json(ReplayReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("trace", traceInfo(r));
        List<Object> results = new ArrayList<>();
        r.results().forEach(p -> results.add(result(p)));
        root.put("results", results);
        return Json.write(root);
    }

    /** The CSV heading line of {@link #csv}. */
    public static String csvHeading() {
        return "predictor,label,params,origin," + String.join(",", METRICS) + ",nsPerCall,stateBytes,overBudget";
    }

    /** One CSV row per result; empty cells for null. */
    public static List<String> csvRows(ReplayReport r) {
        List<String> rows = new ArrayList<>();
        for (PredictorResult p : r.results()) {
            StringBuilder sb = new StringBuilder();
            sb.append(p.predictor()).append(',').append(quote(p.label())).append(',')
                    .append(quote(p.params().toString())).append(',').append(quote(p.origin()));
            for (String metric : METRICS) {
                Object v = metric(p, metric);
                sb.append(',').append(v == null ? "" : v);
            }
            sb.append(',').append(String.format(Locale.ROOT, "%.1f", p.nsPerCall())).append(',').append(p.stateBytes())
                    .append(',').append(p.overBudget());
            rows.add(sb.toString());
        }
        return rows;
    }

    /** The results as CSV: the heading, then one row per predictor. */
    public static String csv(ReplayReport r) {
        StringBuilder sb = new StringBuilder(csvHeading()).append('\n');
        csvRows(r).forEach(row -> sb.append(row).append('\n'));
        return sb.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** A table for a terminal: the trace, then one row per predictor. */
    public static String table(ReplayReport r) {
        StringBuilder sb = new StringBuilder();
        var s = r.summary();
        sb.append("trace       ").append(r.trace()).append('\n');
        sb.append("events      ").append(s.events()).append(" (allocs ").append(s.allocs()).append(", consumes ")
                .append(s.consumes()).append(", frees ").append(s.frees()).append("), sha256 ")
                .append(s.eventsSha256(), 0, 16).append("...\n");
        sb.append("topology    ").append(r.topology().describe()).append('\n');
        String incomplete = r.header().provenance().get("incomplete");
        if (incomplete != null) {
            sb.append("WARNING     the trace is incomplete: ").append(incomplete).append('\n');
        }
        sb.append("scored      consumes from event ").append(r.scoreFromIndex()).append(" (--score-from ")
                .append(r.scoreFrom()).append("); unconsumedAllocs ").append(s.unconsumedAllocs())
                .append(", unknownConsumes ").append(s.unknownConsumes()).append('\n');
        if (!r.results().isEmpty()) {
            sb.append("consumptions ").append(r.results().getFirst().consumptions()).append(", bytes ")
                    .append(r.results().getFirst().bytes()).append("\n");
        }
        sb.append('\n');
        String[] head = {"predictor", "accuracy", "localBytes", "remoteBytes", "cost", "regret", "captured",
                "kappa", "kappaM", "kappaT", "mpks", "faults", "ns/call"};
        List<String[]> rows = new ArrayList<>();
        rows.add(head);
        for (PredictorResult p : r.results()) {
            rows.add(new String[]{p.label(), num(p.accuracy()), num(p.localByteRatio()), Long.toString(p.remoteBytes()),
                    String.format(Locale.ROOT, "%.1f", p.cost()), num(p.regret()), num(p.capturedGain()),
                    num(p.kappa()), num(p.kappaM()), num(p.kappaTemporal()),
                    p.mpks() == null ? "-" : String.format(Locale.ROOT, "%.1f", p.mpks()), Long.toString(p.faults()),
                    String.format(Locale.ROOT, "%.0f%s", p.nsPerCall(), p.overBudget() ? " SLOW" : "")});
        }
        sb.append(Table.render(rows));
        List<String> notes = new ArrayList<>();
        for (PredictorResult p : r.results()) {
            if (p.firstFault() != null) {
                notes.add(p.label() + ": " + p.faults() + " fault(s), first: " + p.firstFault());
            }
            if (p.overBudget()) {
                notes.add(p.label() + ": over the time budget of " + r.budgetNsPerCall() + " ns per call ("
                        + String.format(Locale.ROOT, "%.0f", p.nsPerCall()) + " ns measured)");
            }
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append("note: ").append(n).append('\n'));
        }
        sb.append("\ncaptured = capturedGain; kappaT = kappaTemporal; '-' = undefined (zero denominator); "
                + "ns/call = measured time inside the predictor on this machine\n");
        return sb.toString();
    }

    /** A ratio with 4 decimals, or '-' for null. */
    public static String num(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.4f", d);
    }
}
