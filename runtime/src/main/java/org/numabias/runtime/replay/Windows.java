package org.numabias.runtime.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * The windows of a pass (DESIGN.md: the same metrics over consecutive windows of W scored
 * consumptions, the last one possibly shorter): window {@code w} holds scored consumptions {@code w*W ..
 * (w+1)*W-1} in trace order. Each {@link Lane} keeps its own tally per window; this keeps the windows'
 * count and their actual consumer nodes. Memory grows with the number of windows (it is the output).
 * Not thread-safe.
 */
final class Windows {
    private final int width;
    private final int nodes;
    private final List<long[]> actual = new ArrayList<>();

    /** Windows of {@code width} scored consumptions. */
    Windows(int width, int nodes) {
        this.width = width;
        this.nodes = nodes;
    }

    /** The window of the scored consumption with this ordinal (0-based), created if new. */
    int windowOf(long scoredOrdinal) {
        int w = (int) (scoredOrdinal / width);
        while (actual.size() <= w) {
            actual.add(new long[nodes]);
        }
        return w;
    }

    /** Scored consumptions by consumer node in window {@code window}. */
    long[] actual(int window) {
        return actual.get(window);
    }

    int count() {
        return actual.size();
    }
}
