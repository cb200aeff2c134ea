package org.numabias.runtime.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Windowed tallies (DESIGN.md: the same metrics over consecutive windows of W scored consumptions,
 * the last one possibly shorter): window {@code w} holds scored consumptions {@code w*W ..
 * (w+1)*W-1} in trace order, for every lane in {@link ReplayPass}'s tally layout, plus the actual
 * consumer nodes. The oracle's tallies are filled when its instances settle, possibly after later
 * windows have started. Memory grows with the number of windows (it is the output). Not thread-safe.
 */
final class Windows {
    private final int width;
    private final int tallies;
    private final int nodes;
    private final int oracle;
    private final List<Tally[]> windows = new ArrayList<>();
    private final List<long[]> actual = new ArrayList<>();

    /**
     * @param width   W, scored consumptions per window
     * @param tallies tallies per window (the pass's layout)
     * @param oracle  the oracle's index in that layout
     */
    Windows(int width, int tallies, int oracle, int nodes) {
        this.width = width;
        this.tallies = tallies;
        this.oracle = oracle;
        this.nodes = nodes;
    }

    /** The window of the scored consumption with this ordinal (0-based), created if new. */
    int windowOf(long scoredOrdinal) {
        int w = (int) (scoredOrdinal / width);
        while (windows.size() <= w) {
            Tally[] t = new Tally[tallies];
            for (int i = 0; i < tallies; i++) {
                t[i] = new Tally(nodes);
            }
            windows.add(t);
            actual.add(new long[nodes]);
        }
        return w;
    }

    Tally tally(int window, int lane) {
        return windows.get(window)[lane];
    }

    Tally oracle(int window) {
        return windows.get(window)[oracle];
    }

    long[] actual(int window) {
        return actual.get(window);
    }

    int count() {
        return windows.size();
    }
}
