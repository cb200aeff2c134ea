package org.numabias.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.numabias.runtime.replay.ReplayJson;
import org.numabias.runtime.replay.ReplayReport;

/**
 * Results of one set of predictors over several traces, for tools and people: JSON (a list of
 * {@code {"dataset", "achievableGainShare", "capturedGainMeaningful", "trace", "results"}}, the last two
 * as {@link ReplayJson} writes them), CSV (the {@link CompareReport} columns after a dataset
 * column) and a text summary (per charted metric: mean, spread, ranks and significance).
 */
public final class MultiTraceOutput {
    private MultiTraceOutput() {
    }

    /** JSON of every replay with its provenance. */
    public static String json(List<ReplayReport> reports, List<String> names) {
        List<Object> json = new ArrayList<>();
        for (int d = 0; d < reports.size(); d++) {
            ReplayReport r = reports.get(d);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dataset", names.get(d));
            entry.put("achievableGainShare", Gains.achievableShare(r));
            entry.put("capturedGainMeaningful", Gains.capturedGainMeaningful(r));
            entry.putAll(ReplayJson.tree(r));
            json.add(entry);
        }
        return ReplayJson.write(json);
    }

    /** CSV: a heading, then one row per (trace, predictor). */
    public static String csv(List<ReplayReport> reports, List<String> names) {
        StringBuilder csv = new StringBuilder("dataset,").append(CompareReport.csvHeading()).append('\n');
        for (int d = 0; d < reports.size(); d++) {
            String dataset = names.get(d);
            CompareReport.csvRows(reports.get(d)).forEach(row -> csv.append(dataset).append(',').append(row).append('\n'));
        }
        return csv.toString();
    }

    /** The text summary: which traces, then each charted metric's comparison. */
    public static String text(List<ReplayReport> reports, List<String> names, double alpha) {
        return text(reports, names, alpha, null);
    }

    /**
     * The text summary: which traces, then each charted metric's comparison, with the Wilcoxon tests
     * against {@code control} (a predictor label or name; null for none).
     */
    public static String text(List<ReplayReport> reports, List<String> names, double alpha, String control) {
        StringBuilder sb = new StringBuilder();
        sb.append(reports.size()).append(" traces: ");
        for (int d = 0; d < reports.size(); d++) {
            DatasetInfo info = DatasetInfo.of(names.get(d), reports.get(d));
            sb.append(d == 0 ? "" : ", ").append(info.name()).append(" (").append(info.kind()).append(", ")
                    .append(info.shortDigest()).append(')');
        }
        sb.append("\n\n");
        for (int d = 0; d < reports.size(); d++) {
            String partial = org.numabias.runtime.store.TraceState.note(reports.get(d).header());
            if (partial != null) {
                sb.append("WARNING ").append(names.get(d)).append(": ").append(partial).append('\n');
            }
            for (String note : CompareReport.trainingNotes(reports.get(d))) {
                sb.append("scored on ").append(names.get(d)).append(": ").append(note).append('\n');
            }
        }
        for (ResultMetric metric : DatasetHeatmaps.CHARTED) {
            sb.append(MultiComparison.of(metric, reports, names, alpha, control).text()).append('\n');
        }
        return sb.toString();
    }
}
