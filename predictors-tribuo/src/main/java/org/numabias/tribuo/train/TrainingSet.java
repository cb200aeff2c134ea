package org.numabias.tribuo.train;

import java.util.List;
import org.numabias.tribuo.features.FeatureSet;

/**
 * The training examples of a trace's head, aggregated: each distinct (feature values, label) pair
 * once, with how many buffer instances had it and the bytes they had consumed. See {@link ExamplePass}
 * for what is included.
 *
 * @param features         the feature set the values are for
 * @param examples         distinct examples, in the order their first instance ended
 * @param instances        buffer instances the examples stand for (the sum of the counts)
 * @param bytes            bytes those instances had consumed (the sum of the examples' bytes)
 * @param unconsumed       head instances left out because they were never consumed
 * @param straddling       head instances left out because they were consumed at or after the cut
 * @param cutIndex         the first event index not trained on
 * @param events           events in the whole trace
 * @param traceDigest      SHA-256 of the trace's events
 * @param traceDescription the trace's name
 * @param nodes            the node count of the trace's topology
 */
public record TrainingSet(FeatureSet features, List<Example> examples, long instances, long bytes, long unconsumed,
                          long straddling, long cutIndex, long events, String traceDigest, String traceDescription,
                          int nodes) {
    public TrainingSet {
        examples = List.copyOf(examples);
    }

    /** One distinct example: feature values (one per group), the oracle's node, its count and consumed bytes. */
    public record Example(int[] values, int node, long count, long bytes) {
    }
}
