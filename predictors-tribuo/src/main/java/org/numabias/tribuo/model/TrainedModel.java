package org.numabias.tribuo.model;

import java.util.Map;
import org.numabias.api.TrainingProvenance;
import org.numabias.tribuo.features.FeatureSet;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * A classifier trained by {@code numabias train}: the Tribuo model, the feature set it was trained on
 * and numabias's provenance (trace digest, training cut, seed, ...; see {@link ModelFile}).
 */
public record TrainedModel(Model<Label> model, FeatureSet features, Map<String, String> provenance) {
    public TrainedModel {
        provenance = Map.copyOf(provenance);
    }

    /**
     * What the model was fitted on, from its provenance: the trace digest, events {@code 0..untilIndex-1}, the
     * cut as given, the node count (0 for a model written before it was recorded) and the feature version.
     */
    public TrainingProvenance trainingProvenance() {
        return TrainingProvenance.of(provenance.getOrDefault("traceDigest", "?"), provenance.getOrDefault("trace", ""), 0,
                Long.parseLong(provenance.getOrDefault("untilIndex", "0")), provenance.getOrDefault("until", ""),
                Integer.parseInt(provenance.getOrDefault("nodes", "0")), provenance.getOrDefault("featureVersion", ""));
    }

    /** The compiled form of the model, for prediction. */
    public CompiledModel compile() {
        return CompiledModel.compile(model, features);
    }
}
