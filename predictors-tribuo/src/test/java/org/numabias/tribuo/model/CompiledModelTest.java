package org.numabias.tribuo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.numabias.api.KeyMode;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.tribuo.Models;
import org.numabias.tribuo.features.FeatureSet;
import org.numabias.tribuo.train.TrainerChoice;
import org.numabias.tribuo.train.Training;
import org.numabias.tribuo.train.TrainingSet;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

/** The compiled form gives Tribuo's own answer on every held-out example. */
class CompiledModelTest {

    @ParameterizedTest
    @EnumSource(TrainerChoice.class)
    void agreesWithTribuosPredictOnEveryHeldOutExample(TrainerChoice trainer) {
        FeatureSet features = new FeatureSet(KeyMode.FLOW, 3);
        InMemoryTrace train = Models.scenario("mix", 1, 8000);
        TrainedModel trained = Models.train(train, trainer, features, "0.5");
        CompiledModel compiled = trained.compile();
        // held out: the second half of the training trace, and whole traces of other seeds and scenarios
        List<int[]> heldOut = new ArrayList<>();
        for (InMemoryTrace trace : List.of(train, Models.scenario("mix", 2, 8000), Models.scenario("many-flows", 3, 4000),
                Models.scenario("size-classes", 4, 4000))) {
            for (TrainingSet.Example e : Models.examples(trace, features, Integer.toString(trace.events().size())).examples()) {
                heldOut.add(e.values());
            }
        }
        int[] unseen = heldOut.getFirst().clone();
        unseen[0] = 99; // a device the model never saw: Tribuo drops the feature
        heldOut.add(unseen);
        int checked = 0;
        for (int[] values : heldOut) {
            int tribuo = tribuoPredict(trained.model(), features, values);
            assertEquals(tribuo, compiled.predict(values), () -> trainer + " on " + java.util.Arrays.toString(values));
            checked++;
        }
        assertTrue(checked > 2000, "held-out examples: " + checked);
    }

    @ParameterizedTest
    @EnumSource(TrainerChoice.class)
    void anExampleWithNoKnownFeatureHasNoPrediction(TrainerChoice trainer) {
        FeatureSet features = new FeatureSet(KeyMode.DEVICE, 1);
        TrainedModel trained = Models.train(Models.scenario("static-skew", 1, 2000), trainer, features, "0.5");
        int[] alien = {500, 500, 500, 500, 500, 500, 500};
        assertEquals(-1, trained.compile().predict(alien));
        assertThrows(IllegalArgumentException.class, () -> tribuoPredict(trained.model(), features, alien));
    }

    static int tribuoPredict(Model<Label> model, FeatureSet features, int[] values) {
        return Integer.parseInt(model.predict(Training.example(features, values, LabelFactory.UNKNOWN_LABEL))
                .getOutput().getLabel());
    }
}
