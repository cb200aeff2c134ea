package org.numabias.runtime.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.numabias.api.ConfiguredPredictor;
import org.numabias.api.Topology;
import org.numabias.api.TrainingProvenance;
import org.numabias.api.trace.TraceSource;

/**
 * The protocol guard for trained predictors (those whose {@link org.numabias.api.AllocationPredictor#trainedOn()}
 * declares a {@link TrainingProvenance}), run by the {@link ReplayEngine} before its pass:
 * <ul>
 *   <li>a node count other than the training topology's is refused;</li>
 *   <li>scoring a predictor on events it was fitted on (the same trace, by digest, scored from before the end
 *       of its fitted range) is refused, unless {@code allowInSample}; to know whether the trace is the
 *       training trace, a reading pass computes its digest first, only when the scored range could overlap.</li>
 * </ul>
 * Both refusals are {@link ProtocolException}s (usage errors, exit 2), saying what overlaps and how to
 * score only the unseen part. After the pass every such result is labelled ({@link TrainedOn#classify}).
 */
final class TrainingCheck {
    private TrainingCheck() {
    }

    /**
     * Checks {@code predictors} (with their declared provenance, null for none) against a replay of
     * {@code source} on {@code topology} scored from {@code scoreFrom}.
     *
     * @param scoreFromText the cut as the user wrote it, for messages
     * @throws ProtocolException for a node-count mismatch, or an in-sample scoring not allowed
     */
    static void before(TraceSource source, Topology topology, List<ConfiguredPredictor> predictors,
                       List<TrainingProvenance> provenance, long scoreFrom, String scoreFromText, boolean allowInSample,
                       ProgressListener progress) {
        List<Integer> overlapping = new ArrayList<>();
        for (int i = 0; i < predictors.size(); i++) {
            TrainingProvenance p = provenance.get(i);
            if (p == null) {
                continue;
            }
            if (p.nodes() != 0 && p.nodes() != topology.nodes()) {
                throw new ProtocolException(String.format(Locale.ROOT, "predictor %s was trained on a %d-node "
                        + "topology (%s); %s has %d nodes: its node ids would not mean the same nodes. Score it on a "
                        + "trace of %d nodes, or train a model on this topology",
                        predictors.get(i).label(), p.nodes(), where(p), source.description(), topology.nodes(), p.nodes()));
            }
            if (!allowInSample && p.overlapsScoringFrom(scoreFrom)) {
                overlapping.add(i);
            }
        }
        if (overlapping.isEmpty()) {
            return;
        }
        String digest = TraceScan.summarize(source, topology, progress).eventsSha256();
        for (int i : overlapping) {
            TrainingProvenance p = provenance.get(i);
            if (TrainedOn.classify(p, digest, scoreFrom) == TrainedOn.Sampling.IN_SAMPLE) {
                String unseen = p.cut().isEmpty() || p.cut().equals(Long.toString(p.untilEvent()))
                        ? Long.toString(p.untilEvent()) : p.cut() + " (event " + p.untilEvent() + ")";
                throw new ProtocolException(String.format(Locale.ROOT, "predictor %s was fitted on events %d..%d "
                        + "of trace digest %s (%s); %s is that trace, and scoring starts at event %d (--score-from %s): "
                        + "events %d..%d would be scored in-sample. Use --score-from %s to score only the unseen part, "
                        + "or --allow-in-sample to score in-sample (results are then labelled in-sample)",
                        predictors.get(i).label(), p.fromEvent(), p.untilEvent() - 1, p.traceDigest(), where(p),
                        source.description(), scoreFrom, scoreFromText, Math.max(scoreFrom, p.fromEvent()),
                        p.untilEvent() - 1, unseen));
            }
        }
    }

    private static String where(TrainingProvenance p) {
        return (p.trace().isEmpty() ? "trace" : p.trace()) + (p.cut().isEmpty() ? "" : ", cut " + p.cut());
    }
}
