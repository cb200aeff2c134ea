package org.numabias.tribuo;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConfigurationException;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.KeyMode;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.Spi;
import org.numabias.api.Topology;
import org.numabias.api.TrainingProvenance;
import org.numabias.tribuo.features.FeatureSet;
import org.numabias.tribuo.features.FeatureState;
import org.numabias.tribuo.model.CompiledModel;
import org.numabias.tribuo.model.ModelFile;
import org.numabias.tribuo.model.TrainedModel;

/**
 * {@code tribuo}: a classifier trained by {@code numabias train} over the allocation's features
 * ({@link FeatureSet}); predicts the node the model gives, or the producer's node when the model knows
 * none of the allocation's feature values or names a node outside the topology. Feedback updates the
 * per-key history the features read. Scored through a {@link CompiledModel}: allocation-free once warm.
 */
public final class TribuoPredictor implements AllocationPredictor {
    private final CompiledModel model;
    private final FeatureState state;
    private final int[] values;
    private final TrainingProvenance trainedOn;

    TribuoPredictor(CompiledModel model, FeatureSet features, TrainingProvenance trainedOn) {
        this.model = model;
        this.trainedOn = trainedOn;
        this.state = new FeatureState(features);
        this.values = new int[features.groups()];
    }

    @Override
    public int predict(AllocationContext ctx) {
        state.encode(ctx, values);
        int node = model.predict(values);
        return node >= 0 && node < ctx.topology().nodes() ? node : ctx.node();
    }

    @Override
    public void onConsumption(ConsumptionFeedback fb) {
        state.observe(fb);
    }

    /** The model's training trace digest, fitted range, node count and feature version, from its provenance. */
    @Override
    public Optional<TrainingProvenance> trainedOn() {
        return Optional.of(trainedOn);
    }

    @Override
    public long stateSizeBytes() {
        return model.sizeBytes() + state.sizeBytes();
    }

    /** Registers {@code tribuo}. */
    public static final class Provider implements PredictorProvider {
        static final String MODEL = "model";
        static final String KEY = "key";
        static final String AS_TRAINED = "model";

        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return "tribuo"; }

        @Override
        public String description() {
            return "a Tribuo classifier trained by 'numabias train' (needs model=PATH)";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(
                    ParameterSpec.of(MODEL, "", "model file written by 'numabias train' (required)"),
                    ParameterSpec.choice(KEY, AS_TRAINED, "what the feedback history is kept per: as the model was "
                            + "trained (default), or device, queue, flow", AS_TRAINED, "device", "queue", "flow"));
        }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            String path = config.string(MODEL);
            if (path.isBlank()) {
                throw new ConfigurationException("predictor 'tribuo' needs model=PATH (a model from 'numabias train')");
            }
            TrainedModel trained = ModelFile.load(Path.of(path));
            FeatureSet features = trained.features();
            String key = config.string(KEY);
            if (!key.equals(AS_TRAINED)) {
                features = new FeatureSet(KeyMode.parse(key), features.history());
            }
            return new TribuoPredictor(trained.compile(), features, trained.trainingProvenance());
        }
    }
}
