package org.numabias.tribuo.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.numabias.tribuo.features.FeatureSet;
import org.numabias.tribuo.model.ModelFile;
import org.numabias.tribuo.model.TrainedModel;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Turns a {@link TrainingSet} into a Tribuo dataset and trains a model with numabias's provenance. */
public final class Training {
    private Training() {
    }

    /**
     * What an example weighs in training: {@code bytes} (default), the bytes its instances consumed, so
     * that the loss follows the cost and localByteRatio metrics (a rare large buffer matters as much as
     * many small ones with the same bytes), or {@code count}, its number of instances (follows accuracy).
     * Weights are scaled to a mean of 1 per instance, so a tree's minimum leaf weight means instances.
     */
    public enum Weighting {
        count, bytes;

        /** Parses {@code count} or {@code bytes}, or a clear error. */
        public static Weighting parse(String text) {
            return switch (text.trim()) {
                case "count" -> count;
                case "bytes" -> bytes;
                default -> throw new org.numabias.api.ConfigurationException("--weight must be count or bytes, got '"
                        + text + "'");
            };
        }
    }

    /** The Tribuo example for feature values: one feature {@code group=value} per group, each of value 1. */
    public static ArrayExample<Label> example(FeatureSet features, int[] values, Label label) {
        String[] names = new String[values.length];
        double[] ones = new double[values.length];
        for (int g = 0; g < values.length; g++) {
            names[g] = features.featureName(g, values[g]);
            ones[g] = 1.0;
        }
        return new ArrayExample<>(label, names, ones);
    }

    /** The examples as a Tribuo dataset, weighted. */
    public static MutableDataset<Label> dataset(TrainingSet set, Weighting weighting) {
        LabelFactory factory = new LabelFactory();
        java.util.List<org.tribuo.Example<Label>> list = new java.util.ArrayList<>(set.examples().size());
        double bytesScale = set.bytes() == 0 ? 0 : (double) set.instances() / set.bytes();
        for (TrainingSet.Example e : set.examples()) {
            ArrayExample<Label> ex = example(set.features(), e.values(), new Label(Integer.toString(e.node())));
            ex.setWeight((float) (weighting == Weighting.count ? e.count() : e.bytes() * bytesScale));
            list.add(ex);
        }
        var provenance = new SimpleDataSourceProvenance("numabias trace " + set.traceDescription() + " (events 0.."
                + (set.cutIndex() - 1) + ", sha256 " + set.traceDigest() + ")", factory);
        return new MutableDataset<>(new ListDataSource<>(list, factory, provenance));
    }

    /**
     * Trains {@code choice} on {@code set}.
     *
     * @param until the cut as the user wrote it, recorded in the provenance
     */
    public static TrainedModel train(TrainingSet set, TrainerChoice choice, TrainerChoice.Params params,
                                     Weighting weighting, String until) {
        if (set.examples().isEmpty()) {
            throw new org.numabias.api.ConfigurationException("no training examples in the head of " + set.traceDescription()
                    + " (events 0.." + (set.cutIndex() - 1) + "): " + set.unconsumed() + " instances never consumed, "
                    + set.straddling() + " consumed after the cut; move --until later");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("trace", set.traceDescription());
        entries.put("traceDigest", set.traceDigest());
        entries.put("until", until);
        entries.put("untilIndex", Long.toString(set.cutIndex()));
        entries.put("nodes", Integer.toString(set.nodes()));
        entries.put("examples", Long.toString(set.instances()));
        entries.put("trainer", choice.name());
        entries.put("weight", weighting.name());
        entries.put("seed", Long.toString(params.seed()));
        Map<String, String> all = ModelFile.entries(set.features(), entries);
        Model<Label> model = choice.trainer(params).train(dataset(set, weighting), ModelFile.provenance(all));
        return new TrainedModel(model, set.features(), all);
    }
}
