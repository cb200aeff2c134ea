package org.numabias.tribuo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.ConfigurationException;
import org.numabias.api.KeyMode;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.tribuo.Models;
import org.numabias.tribuo.features.FeatureSet;
import org.numabias.tribuo.train.TrainerChoice;
import org.numabias.tribuo.train.Training;
import org.numabias.tribuo.train.TrainingSet;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.baseline.DummyClassifierTrainer;

/** Model files keep numabias's provenance, and loading refuses what it must not run, naming the file. */
class ModelFileTest {
    private static final FeatureSet FEATURES = new FeatureSet(KeyMode.QUEUE, 2);
    private static TrainingSet set;
    private static TrainedModel trained;

    @TempDir
    Path tmp;

    @BeforeAll
    static void train() {
        InMemoryTrace trace = Models.scenario("static-skew", 5, 3000);
        set = Models.examples(trace, FEATURES, "0.4");
        trained = Training.train(set, TrainerChoice.cart, new TrainerChoice.Params(1, 6, 42), Training.Weighting.count, "0.4");
    }

    @Test
    void aSavedModelLoadsWithItsFeatureSetProvenanceAndAnswers() throws IOException {
        Path file = tmp.resolve("m.tribuo");
        ModelFile.save(trained.model(), file);
        TrainedModel loaded = ModelFile.load(file);
        assertEquals(FEATURES, loaded.features());
        Map<String, String> p = loaded.provenance();
        assertEquals("1", p.get("featureVersion"));
        assertEquals(set.traceDigest(), p.get("traceDigest"));
        assertEquals("0.4", p.get("until"));
        assertEquals(Long.toString(set.cutIndex()), p.get("untilIndex"));
        assertEquals("cart", p.get("trainer"));
        assertEquals("42", p.get("seed"));
        assertEquals("count", p.get("weight"));
        assertEquals(trained.provenance(), p);
        // the trainer's own parameters are in Tribuo's trainer provenance
        String trainerProvenance = loaded.model().getProvenance().getTrainerProvenance().toString();
        assertTrue(trainerProvenance.contains("maxDepth") && trainerProvenance.contains("42"), trainerProvenance);
        CompiledModel a = trained.compile();
        CompiledModel b = loaded.compile();
        for (TrainingSet.Example e : set.examples()) {
            assertEquals(a.predict(e.values()), b.predict(e.values()));
        }
    }

    @Test
    void aJavaSerialisedModelIsRefusedUnread() throws IOException {
        Path file = tmp.resolve("java.ser");
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
            out.writeObject(trained.model());
        }
        String message = refused(file);
        assertTrue(message.contains("Java-serialised") && message.contains("never Java-deserialises"), message);
    }

    @Test
    void anotherFeatureVersionIsRefusedWithWhatToDo() throws IOException {
        Map<String, String> entries = new HashMap<>(trained.provenance());
        entries.put("featureVersion", "0");
        Model<Label> old = TrainerChoice.cart.trainer(new TrainerChoice.Params(1, 3, 1))
                .train(Training.dataset(set, Training.Weighting.count), ModelFile.provenance(entries));
        Path file = tmp.resolve("old.tribuo");
        ModelFile.save(old, file);
        String message = refused(file);
        assertTrue(message.contains("feature-set version 0") && message.contains("retrain"), message);
    }

    @Test
    void aModelNotWrittenByNumabiasTrainIsRefused() throws IOException {
        Model<Label> plain = TrainerChoice.logistic.trainer(new TrainerChoice.Params(1, 3, 1)).train(Training.dataset(set, Training.Weighting.count));
        Path file = tmp.resolve("plain.tribuo");
        ModelFile.save(plain, file);
        assertTrue(refused(file).contains("not written by 'numabias train'"));
    }

    @Test
    void aModelOfAnotherClassIsRefusedBeforeItIsBuilt() throws IOException {
        Model<Label> dummy = DummyClassifierTrainer.createConstantTrainer("0").train(Training.dataset(set, Training.Weighting.count),
                ModelFile.provenance(trained.provenance()));
        Path file = tmp.resolve("dummy.tribuo");
        ModelFile.save(dummy, file);
        String message = refused(file);
        assertTrue(message.contains("DummyClassifierModel") && message.contains("LinearSGDModel"), message);
    }

    @Test
    void missingAndGarbageFilesAreClearErrors() throws IOException {
        assertTrue(refused(tmp.resolve("nope")).contains("no such model file"));
        Path text = tmp.resolve("text.tribuo");
        Files.writeString(text, "type,time_ns,buffer\nA,1,2\n");
        assertTrue(refused(text).contains("not a Tribuo protobuf model"));
        Path empty = tmp.resolve("empty.tribuo");
        Files.write(empty, new byte[0]);
        assertTrue(refused(empty).contains("not a Tribuo protobuf model"));
    }

    private static String refused(Path file) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith("model " + file + ": "), e.getMessage());
        return e.getMessage();
    }
}
