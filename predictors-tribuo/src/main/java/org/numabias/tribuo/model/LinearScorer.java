package org.numabias.tribuo.model;

import org.tribuo.math.la.DenseMatrix;

/**
 * A linear classifier (Tribuo {@code LinearSGDModel}) as one weight array: for each output, the sum
 * of the weights of the active features and the bias, and the first output with the largest sum wins.
 * The active features are added in increasing id order with the bias last, which is the order Tribuo
 * sums a sparse example in, so the scores are bit-identical to Tribuo's before its normalizer (a
 * softmax for logistic regression, which is monotonic: only scores within about 1e-16 of each other
 * could rank differently).
 */
final class LinearScorer extends CompiledModel {
    private final double[] weights; // [feature * outputs + output]; feature == featureCount is the bias
    private final int outputs;
    private final int bias;
    private final int[] sorted;
    private final int[] groupOrder;
    private final double[] scores;

    LinearScorer(FeatureIndex index, int[] nodeOfLabel, DenseMatrix matrix) {
        super(index, nodeOfLabel);
        this.outputs = matrix.getDimension1Size();
        int columns = matrix.getDimension2Size();
        if (columns != index.featureCount() + 1) {
            throw new IllegalArgumentException("weight matrix has " + columns + " columns for "
                    + index.featureCount() + " features and a bias");
        }
        this.weights = new double[outputs * columns];
        for (int o = 0; o < outputs; o++) {
            for (int f = 0; f < columns; f++) {
                weights[f * outputs + o] = matrix.get(o, f);
            }
        }
        this.bias = index.featureCount();
        this.sorted = new int[index.groups()];
        this.groupOrder = index.groupsByFirstId();
        this.scores = new double[outputs];
    }

    @Override
    int score(int[] featureIds) {
        // Sort the active ids; visiting groups in id order makes this insertion sort a single pass
        // without moves (it still sorts correctly whatever the numbering).
        int n = 0;
        for (int g : groupOrder) {
            int id = featureIds[g];
            if (id >= 0) {
                int i = n++;
                while (i > 0 && sorted[i - 1] > id) {
                    sorted[i] = sorted[i - 1];
                    i--;
                }
                sorted[i] = id;
            }
        }
        for (int o = 0; o < outputs; o++) {
            scores[o] = 0.0;
        }
        for (int i = 0; i < n; i++) {
            int base = sorted[i] * outputs;
            for (int o = 0; o < outputs; o++) {
                scores[o] += weights[base + o];
            }
        }
        int biasBase = bias * outputs;
        int best = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < outputs; o++) {
            double s = scores[o] + weights[biasBase + o];
            if (s > max) {
                max = s;
                best = o;
            }
        }
        return best;
    }

    @Override
    public long sizeBytes() {
        return 8L * (weights.length + scores.length) + 4L * (sorted.length + groupOrder.length) + index.sizeBytes();
    }

    @Override
    public String describe() {
        return "linear (" + outputs + " outputs x " + index.featureCount() + " features + bias)";
    }
}
