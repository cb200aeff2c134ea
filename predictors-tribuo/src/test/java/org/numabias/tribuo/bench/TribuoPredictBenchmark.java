package org.numabias.tribuo.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.numabias.api.KeyMode;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.tribuo.Models;
import org.numabias.tribuo.features.FeatureSet;
import org.numabias.tribuo.model.CompiledModel;
import org.numabias.tribuo.model.TrainedModel;
import org.numabias.tribuo.train.TrainerChoice;
import org.numabias.tribuo.train.Training;
import org.numabias.tribuo.train.TrainingSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

/**
 * Scoring one allocation's features: the compiled model against Tribuo's own {@code predict} on the
 * same model and examples (1,024 distinct feature vectors of the mix scenario, cycled), beside a raw
 * baseline in the same run (reading one feature: the cost of the loop and the array access). Run with
 * {@code -prof gc} to see bytes per operation (README, "Tribuo classifier", says how to run it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TribuoPredictBenchmark {
    private static final int MASK = 1023;

    @Param({"logistic", "cart"})
    public String trainer;

    private int[][] values;
    private List<Example<Label>> examples;
    private CompiledModel compiled;
    private Model<Label> model;
    private int i;

    @Setup
    public void setUp() {
        FeatureSet features = new FeatureSet(KeyMode.FLOW, 3);
        InMemoryTrace trace = Models.scenario("mix", 1, 16_000);
        TrainedModel trained = Models.train(trace, TrainerChoice.parse(trainer), features, "0.5");
        compiled = trained.compile();
        model = trained.model();
        List<TrainingSet.Example> all = Models.examples(trace, features, Integer.toString(trace.events().size())).examples();
        values = new int[MASK + 1][];
        examples = new java.util.ArrayList<>();
        for (int k = 0; k <= MASK; k++) {
            values[k] = all.get(k % all.size()).values();
            examples.add(Training.example(features, values[k], LabelFactory.UNKNOWN_LABEL));
        }
    }

    /** Raw baseline: fetch one feature vector and read one value. */
    @Benchmark
    public int baseline() {
        return values[i++ & MASK][3];
    }

    /** The compiled model, as the predictor scores. */
    @Benchmark
    public int compiled() {
        return compiled.predict(values[i++ & MASK]);
    }

    /** Tribuo's predict on a prebuilt example (building the example from names would cost more). */
    @Benchmark
    public Label tribuo() {
        return model.predict(examples.get(i++ & MASK)).getOutput();
    }
}
