package org.numabias.runtime.replay;

/**
 * A lane's scored consumptions and their bytes by (predicted node, consumer node) over a whole
 * replay, behind its {@link PredictionMatrix}: flat {@code [predicted * nodes + consumer]} arrays,
 * 2 x nodes^2 longs. Kept per consumption (the whole-trace counts of a {@link Tally} are instead summed
 * from the lane's windows when read). Not thread-safe.
 */
final class NodePairs {
    private final int nodes;
    private final long[] consumptions;
    private final long[] bytes;

    NodePairs(int nodes) {
        this.nodes = nodes;
        this.consumptions = new long[nodes * nodes];
        this.bytes = new long[nodes * nodes];
    }

    /** One scored consumption of {@code consumed} bytes. */
    void add(int predicted, int actual, long consumed) {
        int cell = predicted * nodes + actual;
        consumptions[cell]++;
        bytes[cell] += consumed;
    }

    PredictionMatrix matrix() {
        return PredictionMatrix.of(nodes, consumptions, bytes);
    }
}
