package org.numabias.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** DESIGN.md's tie rule for argmax: the producer's node if it is among the maxima, else the lowest node. */
class NodeChoiceTest {
    @Test
    void theLargestScoreWinsWithinItsOffset() {
        long[] scores = {9, 9, 9, 1, 5, 3, 5};
        assertEquals(1, NodeChoice.argmax(scores, 3, 4, -1), "5 at nodes 1 and 3: the lowest");
        assertEquals(3, NodeChoice.argmax(scores, 3, 4, 3), "the producer's node 3 is among the maxima");
        assertEquals(1, NodeChoice.argmax(scores, 3, 4, 2), "node 2 scores 3: not a maximum");
        assertEquals(1, NodeChoice.argmax(scores, 3, 4, 4), "a producer node out of range is ignored");
        assertEquals(0, NodeChoice.argmax(new long[] {7, 2}, 0, 2, 1));
        assertEquals(2, NodeChoice.argmax(new long[] {1, 2, 3}, 0, 3, 0));
        assertEquals(0, NodeChoice.argmax(new long[] {0, 0, 0}, 0, 3, -1), "all zero: node 0");
        assertEquals(2, NodeChoice.argmax(new long[] {0, 0, 0}, 0, 3, 2), "all zero: the producer's node");
    }

    @Test
    void doublesFollowTheSameRule() {
        double[] scores = {0.5, 0.25, 0.75, 0.75};
        assertEquals(2, NodeChoice.argmax(scores, 0, 4, -1));
        assertEquals(3, NodeChoice.argmax(scores, 0, 4, 3));
        assertEquals(2, NodeChoice.argmax(scores, 0, 4, 4));
        assertEquals(1, NodeChoice.argmax(scores, 1, 3, 0), "offset 1: 0.25 0.75 0.75 -> the first 0.75, node 1");
        assertEquals(0, NodeChoice.argmax(new double[] {0.9, 0.1}, 0, 2, 1));
        assertEquals(1, NodeChoice.argmax(new double[] {0.0, 0.0}, 0, 2, 1));
    }
}
