package org.numabias.runtime.replay;

/**
 * The counts one predictor's scored consumptions add up to (a whole replay, or one window): the
 * prequential evaluator behind a {@link RawSums}. Integer sums only, so the order
 * in which consumptions are added (trace order, or per buffer instance for the oracle) cannot change
 * a result. Not thread-safe.
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

    long remoteBytes() {
        return bytes - localBytes;
    }
}
