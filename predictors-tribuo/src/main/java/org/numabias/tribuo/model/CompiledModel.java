package org.numabias.tribuo.model;

import org.numabias.api.ConfigurationException;
import org.numabias.tribuo.features.FeatureSet;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.common.tree.TreeModel;

/**
 * A trained Tribuo model compiled into primitive arrays, scored without Tribuo objects: Tribuo's own
 * {@code predict} builds an Example, a SparseVector and a Prediction with a map of Labels per call
 * (hundreds of bytes), which the predictor's hot path may not do. The compiled form gives the same
 * answer as Tribuo's {@code predict} (tested on held-out examples). Not thread-safe ({@link #predict}
 * uses scratch arrays): each predictor compiles its own.
 */
public abstract sealed class CompiledModel permits LinearScorer, TreeScorer {
    final FeatureIndex index;
    final int[] nodeOfLabel; // Tribuo output id -> node
    final int[] ids;

    CompiledModel(FeatureIndex index, int[] nodeOfLabel) {
        this.index = index;
        this.nodeOfLabel = nodeOfLabel;
        this.ids = new int[index.groups()];
    }

    /**
     * Compiles a model trained on {@code features}: a {@link LinearSGDModel} (logistic regression,
     * linear SVM) or a {@link TreeModel} (CART).
     *
     * @throws ConfigurationException for any other kind of model, or labels that are not node ids
     */
    public static CompiledModel compile(Model<Label> model, FeatureSet features) {
        FeatureIndex index = new FeatureIndex(features, model.getFeatureIDMap());
        int[] nodeOfLabel = new int[model.getOutputIDInfo().size()];
        for (var pair : model.getOutputIDInfo()) {
            String name = pair.getB().getLabel();
            try {
                nodeOfLabel[pair.getA()] = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                throw new ConfigurationException("model label '" + name + "' is not a node id");
            }
            if (nodeOfLabel[pair.getA()] < 0) {
                throw new ConfigurationException("model label '" + name + "' is not a node id");
            }
        }
        return switch (model) {
            case LinearSGDModel linear -> new LinearScorer(index, nodeOfLabel, linear.getWeightsCopy());
            case TreeModel<Label> tree -> new TreeScorer(index, nodeOfLabel, tree.getRoot(), model.getOutputIDInfo());
            default -> throw new ConfigurationException("cannot compile a " + model.getClass().getSimpleName()
                    + "; numabias runs LinearSGDModel and TreeModel classifiers");
        };
    }

    /**
     * The node the model predicts for an allocation's feature values (one per group), or -1 when
     * none of them is a feature the model knows (Tribuo refuses such an example).
     */
    public final int predict(int[] values) {
        if (index.lookup(values, ids) == 0) {
            return -1;
        }
        return nodeOfLabel[score(ids)];
    }

    /** The output id for the feature ids of one example ({@code -1} entries are absent features). */
    abstract int score(int[] featureIds);

    /** Bytes of the compiled arrays. */
    public abstract long sizeBytes();

    /** What kind of model this is, for messages: {@code linear} or {@code tree}, with its size. */
    public abstract String describe();
}
