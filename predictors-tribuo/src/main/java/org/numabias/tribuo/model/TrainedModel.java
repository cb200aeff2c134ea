package org.numabias.tribuo.model;

import java.util.Map;
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

    /** The compiled form of the model, for prediction. */
    public CompiledModel compile() {
        return CompiledModel.compile(model, features);
    }
}
