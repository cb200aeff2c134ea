package org.numabias.api;

/**
 * The argmax with DESIGN.md's tie rule, over a slice of a primitive array: ties go to the
 * producer's node if it is among the maxima, else to the lowest node id. Allocation-free.
 */
public final class NodeChoice {
    private NodeChoice() {
    }

    /** Argmax of {@code scores[offset .. offset+nodes-1]} with the tie rule. */
    public static int argmax(long[] scores, int offset, int nodes, int producerNode) {
        int best = 0;
        long max = scores[offset];
        for (int n = 1; n < nodes; n++) {
            if (scores[offset + n] > max) {
                max = scores[offset + n];
                best = n;
            }
        }
        if (producerNode >= 0 && producerNode < nodes && scores[offset + producerNode] == max) {
            return producerNode;
        }
        return best;
    }

    /** Argmax of {@code scores[offset .. offset+nodes-1]} with the tie rule (exact double equality). */
    public static int argmax(double[] scores, int offset, int nodes, int producerNode) {
        int best = 0;
        double max = scores[offset];
        for (int n = 1; n < nodes; n++) {
            if (scores[offset + n] > max) {
                max = scores[offset + n];
                best = n;
            }
        }
        if (producerNode >= 0 && producerNode < nodes && scores[offset + producerNode] == max) {
            return producerNode;
        }
        return best;
    }
}
