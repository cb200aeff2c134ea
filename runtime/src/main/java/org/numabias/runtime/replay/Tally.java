package org.numabias.runtime.replay;

/**
 * The counts one predictor's scored consumptions add up to (one window, or a whole replay as the sum
 * of its windows): the prequential evaluator behind a {@link RawSums}. Integer sums only, so the order
 * in which consumptions are added (trace order, or per buffer instance for the oracle) cannot change a
 * result. Not thread-safe.
 */
final class Tally {
    long consumptions;
    long bytes;
    long hits;
    long localBytes;
    /** Sum of bytes x distance(predicted, actual). */
    long weightedDistance;
    final long[] predictedByNode;

    Tally(int nodes) {
        this.predictedByNode = new long[nodes];
    }

    /** One scored consumption: predicted node, consumer node, bytes, distance between them. */
    void add(int predicted, int actual, long consumed, int distance) {
        consumptions++;
        bytes += consumed;
        predictedByNode[predicted]++;
        if (predicted == actual) {
            hits++;
            localBytes += consumed;
        }
        weightedDistance += consumed * distance;
    }

    /** Adds {@code other}'s counts (same node count). */
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
}
