package org.numabias.tribuo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.KeyMode;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.tribuo.Models;
import org.numabias.tribuo.features.FeatureSet;
import org.numabias.tribuo.model.CompiledModel;
import org.numabias.tribuo.model.ModelFile;
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
 * baseline in the same run (reading one feature: the cost of the loop and the array access). And the
 * whole predictor (features from its per-key state, scoring, then the feedback) against the counting
 * {@code majority} and {@code markov} on the same allocations and consumers. Run with {@code -prof gc}
 * to see bytes per operation (README, "Tribuo classifier", says how to run it).
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
    private final MutableAllocationContext ctx = new MutableAllocationContext(Topology.uniform(4, "bench"));
    private final MutableConsumptionFeedback fb = new MutableConsumptionFeedback();
    private TraceEvent.Alloc[] allocs;
    private int[] consumers;
    private AllocationPredictor tribuoPredictor;
    private AllocationPredictor majority;
    private AllocationPredictor markov;

    @Setup
    public void setUp() {
        FeatureSet features = new FeatureSet(KeyMode.FLOW, 3);
        InMemoryTrace trace = Models.scenario("mix", 1, 16_000);
        TrainedModel trained = Models.train(trace, TrainerChoice.parse(trainer), features, "0.5");
        compiled = trained.compile();
        model = trained.model();
        List<TrainingSet.Example> all = Models.examples(trace, features, Integer.toString(trace.events().size())).examples();
        Path file;
        try {
            file = Files.createTempFile("bench", ".tribuo");
            ModelFile.save(model, file);
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PredictorRegistry registry = PredictorRegistry.builtIn();
        Topology topology = trace.header().topology();
        tribuoPredictor = registry.create("tribuo:model=" + file, topology).predictor();
        majority = registry.create("majority", topology).predictor();
        markov = registry.create("markov", topology).predictor();
        Map<Long, Integer> consumerOf = new HashMap<>();
        List<TraceEvent.Alloc> list = new ArrayList<>();
        for (TraceEvent e : trace.events()) {
            switch (e) {
                case TraceEvent.Alloc a -> list.add(a);
                case TraceEvent.Consume c -> consumerOf.putIfAbsent(c.bufferId(), c.node());
                case TraceEvent.Free f -> { }
            }
        }
        allocs = list.subList(0, MASK + 1).toArray(TraceEvent.Alloc[]::new);
        consumers = new int[MASK + 1];
        for (int k = 0; k <= MASK; k++) {
            consumers[k] = consumerOf.get(allocs[k].bufferId());
        }
        for (int k = 0; k < 100_000; k++) { // warm: every key seen
            step(tribuoPredictor);
            step(majority);
            step(markov);
        }
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

    private int step(AllocationPredictor p) {
        int k = i++ & MASK;
        TraceEvent.Alloc a = allocs[k];
        int node = p.predict(ctx.set(a.timeNs(), k, a.bufferId(), a.device(), a.queue(), a.flow(), a.cpu(), a.node(),
                a.bytes()));
        p.onConsumption(fb.set(a.timeNs() + 500, a.bufferId(), a.device(), a.queue(), a.flow(), a.node(), node,
                consumers[k] * 2, consumers[k], a.bytes()));
        return node;
    }

    /** The tribuo predictor: features, compiled model, feedback. */
    @Benchmark
    public int predictorTribuo() {
        return step(tribuoPredictor);
    }

    /** Baseline predictor: majority, same allocations and feedback. */
    @Benchmark
    public int predictorMajority() {
        return step(majority);
    }

    /** Baseline predictor: markov, same allocations and feedback. */
    @Benchmark
    public int predictorMarkov() {
        return step(markov);
    }

    /** Tribuo's predict on a prebuilt example (building the example from names would cost more). */
    @Benchmark
    public Label tribuo() {
        return model.predict(examples.get(i++ & MASK)).getOutput();
    }
}
