package org.numabias.tribuo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.KeyMode;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Spi;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.datasets.Scenarios;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.replay.ScoreFrom;
import org.numabias.tribuo.features.FeatureSet;
import org.numabias.tribuo.model.ModelFile;
import org.numabias.tribuo.model.TrainedModel;
import org.numabias.tribuo.train.ExamplePass;
import org.numabias.tribuo.train.TrainerChoice;
import org.numabias.tribuo.train.Training;
import org.numabias.tribuo.train.TrainingSet;

/** Small trained models for tests. */
public final class Models {
    private Models() {
    }

    /** A scenario's trace with {@code length} buffers. */
    public static InMemoryTrace scenario(String name, long seed, int length) {
        return Scenarios.byName(name).generate(seed, Map.of("length", Integer.toString(length))).inMemory();
    }

    /** The examples of the head of {@code trace} (before {@code until}). */
    public static TrainingSet examples(InMemoryTrace trace, FeatureSet features, String until) {
        return ExamplePass.run(trace, trace.header().topology(), features, ScoreFrom.parse(until), ProgressListener.NONE);
    }

    /** A model trained on the head of {@code trace}. */
    public static TrainedModel train(InMemoryTrace trace, TrainerChoice trainer, FeatureSet features, String until) {
        return Training.train(examples(trace, features, until), trainer, new TrainerChoice.Params(10, 12, 1),
                Training.Weighting.bytes, until);
    }

    /**
     * The built-ins plus {@code tribuo-unguarded}: {@code tribuo} without its training provenance, for the
     * predictor contract, which runs a model on random traces of 1 to 5 nodes from event 0 (the replay engine's
     * protocol guard refuses that for a declared model; the contract checks the predictor itself).
     */
    public static PredictorRegistry unguarded() {
        PredictorProvider tribuo = new TribuoPredictor.Provider();
        return PredictorRegistry.builtIn().add(new PredictorProvider() {
            @Override public int spiVersion() { return Spi.VERSION; }
            @Override public String name() { return "tribuo-unguarded"; }
            @Override public String description() { return "tribuo, its training provenance hidden (tests)"; }
            @Override public List<ParameterSpec> parameters() { return tribuo.parameters(); }

            @Override
            public AllocationPredictor create(PredictorConfig config, Topology topology) {
                AllocationPredictor inner = tribuo.create(config, topology);
                return new AllocationPredictor() {
                    @Override public int predict(AllocationContext ctx) { return inner.predict(ctx); }
                    @Override public void onConsumption(ConsumptionFeedback fb) { inner.onConsumption(fb); }
                    @Override public long stateSizeBytes() { return inner.stateSizeBytes(); }
                };
            }
        }, "test");
    }

    /** A model trained on the first half of {@code trace}, written to {@code dir}; returns its path. */
    public static Path saved(InMemoryTrace trace, TrainerChoice trainer, Path dir, String file) {
        Path path = dir.resolve(file);
        try {
            ModelFile.save(train(trace, trainer, new FeatureSet(KeyMode.DEVICE, 3), "0.5").model(), path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }
}
