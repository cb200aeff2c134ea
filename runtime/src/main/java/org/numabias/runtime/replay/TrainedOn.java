package org.numabias.runtime.replay;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.numabias.api.TrainingProvenance;

/**
 * A trained predictor's provenance ({@link TrainingProvenance}) and how a replay's scored events relate
 * to what it was fitted on ({@link Sampling}), carried with its {@link PredictorResult}.
 *
 * @param provenance      what it was fitted on
 * @param sampling        how the scored events relate to that
 * @param scoredBeforeCut the replay's scored consumptions at events before the fitted range's end (where the
 *                        training cut falls among them, e.g. on a learning curve's axis); -1 when not counted
 */
public record TrainedOn(TrainingProvenance provenance, Sampling sampling, long scoredBeforeCut) {
    /** Provenance and sampling, the scored consumptions before the cut not counted. */
    public TrainedOn(TrainingProvenance provenance, Sampling sampling) {
        this(provenance, sampling, -1);
    }

    /** How the scored events relate to the fitted ones. */
    public enum Sampling {
        /** The same trace, scored only on events after the fitted range. */
        HELD_OUT("held-out"),
        /** The same trace, scored (also) on events the predictor was fitted on: allowed only when asked for. */
        IN_SAMPLE("in-sample"),
        /** Another trace (its digest differs from the training trace's). */
        TRANSFER("transfer"),
        /**
         * Not known yet: a snapshot taken before the trace was read to its end, so before its digest (and
         * whether it is the training trace) is known.
         */
        PENDING("pending");

        private final String label;

        Sampling(String label) {
            this.label = label;
        }

        /** The label every output shows: {@code held-out}, {@code in-sample} or {@code transfer}. */
        public String label() {
            return label;
        }

        /** The sampling of a label, or an error naming the labels. */
        public static Sampling of(String label) {
            for (Sampling s : values()) {
                if (s.label.equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown sampling '" + label + "' (held-out, in-sample, transfer or pending)");
        }
    }

    /**
     * How a replay of the trace with digest {@code digest}, scored from {@code scoreFrom}, relates to {@code p};
     * {@link Sampling#PENDING} when the digest is not known yet (empty: a snapshot during the pass).
     */
    public static Sampling classify(TrainingProvenance p, String digest, long scoreFrom) {
        if (digest == null || digest.isEmpty()) {
            return Sampling.PENDING;
        }
        if (!p.traceDigest().equalsIgnoreCase(digest)) {
            return Sampling.TRANSFER;
        }
        return p.overlapsScoringFrom(scoreFrom) ? Sampling.IN_SAMPLE : Sampling.HELD_OUT;
    }

    /** The provenance and the sampling as a JSON object (also what {@link #fromJson} reads). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sampling", sampling.label());
        m.put("version", provenance.version());
        m.put("traceDigest", provenance.traceDigest());
        m.put("trace", provenance.trace());
        m.put("fromEvent", provenance.fromEvent());
        m.put("untilEvent", provenance.untilEvent());
        m.put("cut", provenance.cut());
        m.put("nodes", provenance.nodes());
        m.put("featureVersion", provenance.featureVersion());
        if (scoredBeforeCut >= 0) {
            m.put("scoredBeforeCut", scoredBeforeCut);
        }
        return m;
    }

    /** Reads {@link #toJson()}'s object ({@code scoredBeforeCut} may be absent: -1). */
    public static TrainedOn fromJson(Map<String, Object> json) {
        return new TrainedOn(new TrainingProvenance(((Number) json.get("version")).intValue(),
                (String) json.get("traceDigest"), (String) json.get("trace"), ((Number) json.get("fromEvent")).longValue(),
                ((Number) json.get("untilEvent")).longValue(), (String) json.get("cut"),
                ((Number) json.get("nodes")).intValue(), (String) json.get("featureVersion")),
                Sampling.of((String) json.get("sampling")),
                json.get("scoredBeforeCut") == null ? -1 : ((Number) json.get("scoredBeforeCut")).longValue());
    }

    /**
     * One line for tables, CSV cells and reports: the sampling, then what the predictor was fitted on,
     * e.g. {@code held-out; fitted on events 0..4999 (cut 0.5) of sha256 1a2b3c4d5e6f7081 (t.csv), 2 nodes, features v1}.
     */
    public String describe() {
        TrainingProvenance p = provenance;
        return String.format(Locale.ROOT, "%s; fitted on events %d..%d%s of sha256 %s%s, %s nodes%s", sampling.label(),
                p.fromEvent(), p.untilEvent() - 1, p.cut().isEmpty() ? "" : " (cut " + p.cut() + ")",
                p.traceDigest().substring(0, Math.min(16, p.traceDigest().length())),
                p.trace().isEmpty() ? "" : " (" + p.trace() + ")", p.nodes() == 0 ? "?" : Integer.toString(p.nodes()),
                p.featureVersion().isEmpty() ? "" : ", features v" + p.featureVersion());
    }
}
