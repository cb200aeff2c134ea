package org.numabias.runtime.replay;

/**
 * The counts one predictor's scored consumptions add up to (a whole replay, or one window): the
 * prequential evaluator behind a {@link RawSums}, and, when asked for, its {@link PredictionMatrix}
 * (flat {@code [predicted * nodes + consumer]} arrays: 2 x nodes^2 longs). Integer sums only, so the
 * order in which consumptions are added (trace order, or per buffer instance for the oracle) cannot
 * change a result. Not thread-safe.
 */
final class Tally {
    long consumptions;
    long bytes;
    long hits;
    long localBytes;
    /** Sum of bytes x distance(predicted, actual). */
    long weightedDistance;
    final long[] predictedByNode;
    /** Scored consumptions by [predicted * nodes + consumer], or null when no matrix is kept. */
    private final long[] pairConsumptions;
    /** Their bytes, or null. */
    private final long[] pairBytes;

    /** A tally without a matrix. */
    Tally(int nodes) {
        this(nodes, false);
    }

    /** A tally that also keeps the {@link PredictionMatrix} when {@code matrix} is true. */
    Tally(int nodes, boolean matrix) {
        this.predictedByNode = new long[nodes];
        this.pairConsumptions = matrix ? new long[nodes * nodes] : null;
        this.pairBytes = matrix ? new long[nodes * nodes] : null;
    }

    /** One scored consumption: predicted node, consumer node, bytes, distance between them. */
    void add(int predicted, int actual, long consumed, int distance) {
        add(predicted, actual, 1, consumed, distance);
    }

    /** {@code count} scored consumptions of {@code consumed} bytes in all, all with the same predicted and consumer node. */
    void add(int predicted, int actual, long count, long consumed, int distance) {
        consumptions += count;
        bytes += consumed;
        predictedByNode[predicted] += count;
        if (predicted == actual) {
            hits += count;
            localBytes += consumed;
        }
        weightedDistance += consumed * distance;
        if (pairConsumptions != null) {
            int cell = predicted * predictedByNode.length + actual;
            pairConsumptions[cell] += count;
            pairBytes[cell] += consumed;
        }
    }

    /** Adds {@code other}'s counts (same node count; its matrix, if any, is not added). */
    void add(Tally other) {
        consumptions += other.consumptions;
        bytes += other.bytes;
        hits += other.hits;
        localBytes += other.localBytes;
        weightedDistance += other.weightedDistance;
        for (int n = 0; n < predictedByNode.length; n++) {
            predictedByNode[n] += other.predictedByNode[n];
        }
    }

    long remoteBytes() {
        return bytes - localBytes;
    }

    /** The matrix, or null when this tally keeps none. */
    PredictionMatrix matrix() {
        return pairConsumptions == null ? null
                : PredictionMatrix.of(predictedByNode.length, pairConsumptions, pairBytes);
    }
}
