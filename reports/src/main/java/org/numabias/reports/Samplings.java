package org.numabias.reports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.replay.TrainedOn;
import org.numabias.runtime.replay.TrainedOn.Sampling;

/**
 * How charts say what a trained predictor's rows are ({@link TrainedOn.Sampling}): a one-letter mark
 * per cell ({@code H} held-out, {@code I} in-sample, {@code T} transfer, {@code P} pending) explained by
 * {@link #legend}, and, where one row stands for several traces, a label suffix counting the traces of
 * each sampling ({@link #acrossTraces}). Predictors not trained offline have no mark.
 */
final class Samplings {
    private Samplings() {
    }

    /** What each sampling means, as the report's tables explain it. */
    static String meaning(Sampling s) {
        return switch (s) {
            case HELD_OUT -> "held-out (scored only after the events it was fitted on)";
            case IN_SAMPLE -> "in-sample (scored on some of the events it was fitted on, asked for with --allow-in-sample)";
            case TRANSFER -> "transfer (fitted on another trace)";
            case PENDING -> "pending (not known before the end of the trace)";
        };
    }

    /** The one-letter mark of {@code p}'s sampling, or "" for a predictor not trained offline. */
    static String mark(PredictorResult p) {
        return p.trainedOn() == null ? "" : mark(p.trainedOn().sampling());
    }

    /** The samplings of every trained result of {@code reports}, in the enum's order. */
    static Set<Sampling> used(Collection<ReplayReport> reports) {
        Set<Sampling> used = EnumSet.noneOf(Sampling.class);
        for (ReplayReport r : reports) {
            for (PredictorResult p : r.results()) {
                if (p.trainedOn() != null) {
                    used.add(p.trainedOn().sampling());
                }
            }
        }
        return used;
    }

    /** A caption line explaining the marks of {@code used}, or null when none is used. */
    static String legend(Set<Sampling> used) {
        if (used.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Sampling s : used) {
            parts.add(mark(s) + " = " + meaning(s));
        }
        return "Cells of trained predictors are marked with their sampling on that trace: " + String.join("; ", parts) + ".";
    }

    private static String mark(Sampling s) {
        return switch (s) {
            case HELD_OUT -> "H";
            case IN_SAMPLE -> "I";
            case TRANSFER -> "T";
            case PENDING -> "P";
        };
    }

    /**
     * The suffix of result {@code column}'s label where it stands for all of {@code reports}: "" if it was not
     * trained offline, {@code " [held-out]"} when every trace has the same sampling, else the count of traces of
     * each, e.g. {@code " [held-out on 1 trace, transfer on 3]"}.
     */
    static String acrossTraces(List<ReplayReport> reports, int column) {
        Map<Sampling, Integer> counts = new TreeMap<>();
        for (ReplayReport r : reports) {
            TrainedOn t = r.results().get(column).trainedOn();
            if (t != null) {
                counts.merge(t.sampling(), 1, Integer::sum);
            }
        }
        if (counts.isEmpty()) {
            return "";
        }
        if (counts.size() == 1 && counts.values().iterator().next() == reports.size()) {
            return " [" + counts.keySet().iterator().next().label() + "]";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((s, n) -> parts.add(s.label() + " on " + n + (parts.isEmpty() ? n == 1 ? " trace" : " traces" : "")));
        return " [" + String.join(", ", parts) + "]";
    }

    /**
     * A caption line for charts whose predictor labels carry {@link #acrossTraces} suffixes, or null when no
     * result of {@code reports} was trained offline.
     */
    static String acrossTracesLegend(List<ReplayReport> reports) {
        Set<Sampling> used = used(reports);
        if (used.isEmpty()) {
            return null;
        }
        return "Trained predictors' labels give their sampling over the traces compared: "
                + String.join("; ", used.stream().map(Samplings::meaning).toList()) + ".";
    }
}
