package org.numabias.tribuo.train;

import java.util.Locale;
import org.numabias.api.ConfigurationException;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.Hinge;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * The trainers {@code numabias train} offers, each producing a model the predictor can compile:
 * {@code logistic} (multinomial logistic regression) and {@code hinge} (a linear SVM), both trained by
 * SGD with AdaGrad (learning rate 1.0, epsilon 0.1, minibatch 1) over {@code epochs} epochs, and
 * {@code cart} (a CART decision tree with the Gini index, at most {@code maxDepth} deep, a leaf
 * weighing at least 5 examples). Examples carry weights (see {@link TrainingSet}); both kinds use them.
 */
public enum TrainerChoice {
    logistic, hinge, cart;

    /** The parameters of a trainer. */
    public record Params(int epochs, int maxDepth, long seed) {
        public Params {
            if (epochs < 1) {
                throw new ConfigurationException("--epochs must be >= 1, got " + epochs);
            }
            if (maxDepth < 1) {
                throw new ConfigurationException("--max-depth must be >= 1, got " + maxDepth);
            }
        }
    }

    private static final float MIN_CHILD_WEIGHT = 5f;

    /** Parses a trainer name, or a clear error listing them. */
    public static TrainerChoice parse(String name) {
        try {
            return valueOf(name.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--trainer must be logistic, hinge or cart, got '" + name + "'");
        }
    }

    /** A Tribuo trainer with these parameters (its provenance records them). */
    public Trainer<Label> trainer(Params p) {
        return switch (this) {
            case logistic -> new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), p.epochs(), -1, 1, p.seed());
            case hinge -> new LinearSGDTrainer(new Hinge(), new AdaGrad(1.0, 0.1), p.epochs(), -1, 1, p.seed());
            case cart -> new CARTClassificationTrainer(p.maxDepth(), MIN_CHILD_WEIGHT, 0.0f, 1.0f, false,
                    new GiniIndex(), p.seed());
        };
    }

    /** The parameters that matter for this trainer, for messages. */
    public String describe(Params p) {
        return switch (this) {
            case logistic, hinge -> name() + " (epochs=" + p.epochs() + ", seed=" + p.seed() + ")";
            case cart -> name() + " (maxDepth=" + p.maxDepth() + ", seed=" + p.seed() + ")";
        };
    }
}
