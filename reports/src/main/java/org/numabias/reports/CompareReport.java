package org.numabias.reports;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import org.numabias.runtime.replay.BlockBootstrap;
import org.numabias.runtime.replay.Interval;
import org.numabias.runtime.replay.Measurement;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayJson;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.store.TraceState;
import org.numabias.runtime.replay.TrainedOn;
import org.numabias.api.TrainingProvenance;

/**
 * Renders a {@link ReplayReport} as a table for people, or JSON or CSV for tools. JSON is
 * {@link ReplayJson}'s ({@code {"trace": {...provenance...}, "results": [...]}} with every
 * {@link Measurement} per predictor, written by Jackson; undefined values are null). CSV and table
 * columns iterate {@link Measurement#values()}. Every form carries the trace's {@link TraceState}
 * (a table warning, a CSV column, a JSON field), so a partial trace is never shown as a whole one.
 * A predictor trained offline carries its provenance
 * ({@link TrainedOn}): in JSON as {@code trainedOn}, in CSV as the {@link #TRAINED_COLUMNS}, in the table as
 * its label's suffix ({@code [held-out]}, {@code [in-sample]} or {@code [transfer]}) and a note. CSV then has
 * each measurement's 95% interval ({@code <key>Lower95}, {@code <key>Upper95}; empty without one) and, last,
 * the predictor's own costs.
 */
public final class CompareReport {
    /** What ns/call is and is not, wherever it is shown. */
    public static final String NS_CAVEAT = "ns/call = measured wall-clock time inside the predictor's calls on this "
            + "machine, sampled (every call for the first 1000, then 1 in 64); it varies by an order of magnitude between "
            + "runs of the same predictor (JIT, load), so it is a rough cost, never a ranking: measure speed with "
            + "numabias bench.";
    /** Measurements the table shows in its heading lines (the same for every predictor), not as columns. */
    private static final Set<Measurement> IN_HEADING = EnumSet.of(Measurement.CONSUMPTIONS, Measurement.BYTES,
            Measurement.ALLOCS, Measurement.UNCONSUMED_ALLOCS, Measurement.UNKNOWN_CONSUMES);
    /** Table column headings that differ from the measurement's key. */
    private static final Map<Measurement, String> SHORT = Map.of(Measurement.LOCAL_BYTE_RATIO, "localBytes",
            Measurement.CAPTURED_GAIN, "captured", Measurement.REMOTE_BYTES_AVOIDED, "avoided",
            Measurement.KAPPA_TEMPORAL, "kappaT");
    private static final Set<Measurement> ONE_DECIMAL = EnumSet.of(Measurement.COST, Measurement.MPKS);

    private CompareReport() {
    }

    /** The whole report as JSON. */
    public static String json(ReplayReport r) {
        return ReplayJson.write(r);
    }

    /** CSV columns of a trained predictor's provenance (empty for the others), before {@code nsPerCall}. */
    public static final List<String> TRAINED_COLUMNS = List.of("sampling", "trainedOnTrace", "trainedOnSha256",
            "trainedOnFromEvent", "trainedOnUntilEvent", "trainedOnNodes", "trainedOnFeatureVersion");

    /** The CSV heading line of {@link #csv}. */
    public static String csvHeading() {
        StringBuilder sb = new StringBuilder("predictor,label,params,origin");
        for (Measurement m : Measurement.values()) {
            sb.append(',').append(m.key());
        }
        TRAINED_COLUMNS.forEach(c -> sb.append(',').append(c));
        for (Measurement m : BlockBootstrap.WITH_INTERVAL) {
            sb.append(',').append(m.key()).append("Lower95,").append(m.key()).append("Upper95");
        }
        return sb.append(",traceState,nsPerCall,stateBytes,overBudget").toString();
    }

    /** One CSV row per result; empty cells for null. */
    public static List<String> csvRows(ReplayReport r) {
        List<String> rows = new ArrayList<>();
        for (PredictorResult p : r.results()) {
            StringBuilder sb = new StringBuilder();
            sb.append(p.predictor()).append(',').append(quote(p.label())).append(',')
                    .append(quote(p.params().toString())).append(',').append(quote(p.origin()));
            for (Measurement m : Measurement.values()) {
                Number v = p.value(m);
                sb.append(',').append(v == null ? "" : v);
            }
            TrainedOn t = p.trainedOn();
            if (t == null) {
                sb.append(",".repeat(TRAINED_COLUMNS.size()));
            } else {
                TrainingProvenance tp = t.provenance();
                sb.append(',').append(t.sampling().label()).append(',').append(quote(tp.trace())).append(',')
                        .append(tp.traceDigest()).append(',').append(tp.fromEvent()).append(',').append(tp.untilEvent())
                        .append(',').append(tp.nodes()).append(',').append(quote(tp.featureVersion()));
            }
            for (Measurement m : BlockBootstrap.WITH_INTERVAL) {
                Interval interval = p.interval(m);
                sb.append(',').append(interval == null ? "" : interval.lower()).append(',')
                        .append(interval == null ? "" : interval.upper());
            }
            sb.append(',').append(TraceState.of(r.header()).key());
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
        String partial = TraceState.note(r.header());
        if (partial != null) {
            sb.append("WARNING     ").append(partial).append('\n');
        }
        sb.append("scored      consumes from event ").append(r.scoreFromIndex()).append(" (--score-from ")
                .append(r.scoreFrom()).append("); unconsumedAllocs ").append(s.unconsumedAllocs())
                .append(", unknownConsumes ").append(s.unknownConsumes()).append('\n');
        if (!r.results().isEmpty()) {
            sb.append("consumptions ").append(r.results().getFirst().consumptions()).append(", bytes ")
                    .append(r.results().getFirst().bytes()).append("\n");
        }
        sb.append('\n');
        List<Measurement> columns = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("predictor"));
        for (Measurement m : Measurement.values()) {
            if (!IN_HEADING.contains(m)) {
                columns.add(m);
                head.add(SHORT.getOrDefault(m, m.key()));
            }
        }
        head.add("ns/call");
        List<String[]> rows = new ArrayList<>();
        rows.add(head.toArray(String[]::new));
        boolean gainMeaningful = Gains.capturedGainMeaningful(r);
        for (PredictorResult p : r.results()) {
            List<String> row = new ArrayList<>(List.of(p.labelWithSampling()));
            for (Measurement m : columns) {
                boolean nm = m == Measurement.CAPTURED_GAIN && !gainMeaningful && p.value(m) != null;
                row.add(nm ? "n/m" : cell(m, p.value(m)));
            }
            row.add(String.format(Locale.ROOT, "%.0f%s", p.nsPerCall(), p.overBudget() ? " SLOW" : ""));
            rows.add(row.toArray(String[]::new));
        }
        sb.append(Table.render(rows));
        sb.append(intervals(r));
        List<String> notes = new ArrayList<>(trainingNotes(r));
        for (PredictorResult p : r.results()) {
            if (p.firstFault() != null) {
                notes.add(p.label() + ": " + p.faults() + " fault(s), first: " + p.firstFault());
            }
            if (p.overBudget()) {
                notes.add(p.label() + ": over the time budget of " + r.budgetNsPerCall() + " ns per call ("
                        + String.format(Locale.ROOT, "%.0f", p.nsPerCall()) + " ns measured)");
            }
        }
        if (!gainMeaningful) {
            Double share = Gains.achievableShare(r);
            notes.add(String.format(Locale.ROOT, "capturedGain is not meaningful here (n/m): the achievable gain "
                    + "(producer-local to oracle) is %s of scored bytes, below %.0f%%; compare remoteBytesAvoided (JSON and "
                    + "CSV keep the values)", share == null ? "unknown" : String.format(Locale.ROOT, "%.3g%%", 100 * share),
                    100 * Gains.MEANINGFUL_SHARE));
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append("note: ").append(n).append('\n'));
        }
        sb.append("\ncaptured = capturedGain; avoided = remoteBytesAvoided; kappaT = kappaTemporal; '-' = undefined "
                + "(zero denominator); ").append(NS_CAVEAT).append('\n');
        return sb.toString();
    }

    /** The 95% intervals of the main ratios, one row per predictor; empty when no result has any. */
    static String intervals(ReplayReport r) {
        List<Measurement> shown = List.of(Measurement.ACCURACY, Measurement.LOCAL_BYTE_RATIO, Measurement.CAPTURED_GAIN,
                Measurement.REMOTE_BYTES_AVOIDED, Measurement.REGRET);
        if (r.results().stream().allMatch(p -> p.intervals().isEmpty())) {
            return "\nno 95% intervals: too few scored consumptions to resample (fewer than " + BlockBootstrap.MIN_WINDOWS
                    + " windows)\n";
        }
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("95% interval"));
        shown.forEach(m -> head.add(SHORT.getOrDefault(m, m.key())));
        rows.add(head.toArray(String[]::new));
        for (PredictorResult p : r.results()) {
            List<String> row = new ArrayList<>(List.of(p.label()));
            for (Measurement m : shown) {
                Interval i = p.interval(m);
                row.add(i == null ? "-" : String.format(Locale.ROOT, "[%.4f, %.4f]", i.lower(), i.upper()));
            }
            rows.add(row.toArray(String[]::new));
        }
        return "\n" + Table.render(rows) + "95% intervals: moving-block bootstrap over windows of consecutive scored "
                + "consumptions (DESIGN.md, \"Uncertainty\"), " + BlockBootstrap.REPLICATES + " resamples, seed "
                + BlockBootstrap.SEED + "\n";
    }

    /**
     * One line per predictor trained offline: its label, then its sampling and what it was fitted on
     * ({@link TrainedOn#describe()}), e.g. {@code tribuo:model=m [in-sample]: in-sample; fitted on events 0..99 ...}.
     */
    public static List<String> trainingNotes(ReplayReport r) {
        List<String> notes = new ArrayList<>();
        for (PredictorResult p : r.results()) {
            if (p.trainedOn() != null) {
                notes.add(p.labelWithSampling() + ": " + p.trainedOn().describe());
            }
        }
        return notes;
    }

    /** A table cell: counts as integers, cost and mpks with 1 decimal, other ratios with 4, '-' for null. */
    private static String cell(Measurement m, Number v) {
        if (v == null) {
            return "-";
        }
        if (m.type() == Long.class) {
            return Long.toString(v.longValue());
        }
        return String.format(Locale.ROOT, ONE_DECIMAL.contains(m) ? "%.1f" : "%.4f", v.doubleValue());
    }

    /** A ratio with 4 decimals, or '-' for null. */
    public static String num(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.4f", d);
    }
}
