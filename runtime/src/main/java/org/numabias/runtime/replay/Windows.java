package org.numabias.runtime.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Windowed tallies (DESIGN.md: the same metrics over consecutive windows of scored consumptions, the
 * last one possibly shorter), for every lane in {@link ReplayPass}'s tally layout, plus the actual
 * consumer nodes. Two kinds:
 * <ul>
 *   <li>fixed: windows of W scored consumptions asked for by the user (learning curves); window
 *       {@code w} holds scored consumptions {@code w*W .. (w+1)*W-1} in trace order;</li>
 *   <li>adaptive ({@link #adaptive()}): the blocks of the block bootstrap ({@link BlockBootstrap}) when
 *       no W was given: windows of {@link #GRAIN} consumptions that merge pairwise (the width doubles)
 *       whenever they would pass {@link #MAX_ADAPTIVE}, so memory stays bounded on any trace length.</li>
 * </ul>
 * A consumption is addressed by its fine index (scored ordinal / initial width), which stays valid
 * across merges: the oracle's tallies are filled when its instances settle, possibly after later
 * windows have started (and after merges). Not thread-safe.
 */
final class Windows {
    /** The adaptive windows' initial width in scored consumptions. */
    static final int GRAIN = 16;
    /** At most this many adaptive windows. */
    static final int MAX_ADAPTIVE = 1024;

    private final int width;
    private final boolean adaptive;
    private final int tallies;
    private final int nodes;
    private final int oracle;
    private final List<Tally[]> windows = new ArrayList<>();
    private final List<long[]> actual = new ArrayList<>();
    /** A window holds 2^shift fine indices. */
    private int shift;
    /** The fine index of the last scored consumption (-1 before the first), and how many more it takes. */
    private int fine = -1;
    private int left;
    private Tally[] current;
    private long[] currentActual;

    /**
     * Fixed windows.
     *
     * @param width   W, scored consumptions per window
     * @param tallies tallies per window (the pass's layout)
     * @param oracle  the oracle's index in that layout
     */
    Windows(int width, int tallies, int oracle, int nodes) {
        this(width, false, tallies, oracle, nodes);
    }

    private Windows(int width, boolean adaptive, int tallies, int oracle, int nodes) {
        this.width = width;
        this.adaptive = adaptive;
        this.tallies = tallies;
        this.oracle = oracle;
        this.nodes = nodes;
    }

    /** Adaptive windows (see the class comment). */
    static Windows adaptive(int tallies, int oracle, int nodes) {
        return new Windows(GRAIN, true, tallies, oracle, nodes);
    }

    /**
     * The fine index of the next scored consumption (called once per scored consumption, in order);
     * its window is created if new and becomes the {@link #current()} one. A countdown instead of a
     * division per consumption: this runs on every scored Consume of every replay.
     */
    int next() {
        if (left == 0) {
            fine = Math.addExact(fine, 1);
            left = width;
            while (adaptive && (fine >> shift) >= MAX_ADAPTIVE) {
                merge();
            }
            int w = fine >> shift;
            while (windows.size() <= w) {
                Tally[] t = new Tally[tallies];
                for (int i = 0; i < tallies; i++) {
                    t[i] = new Tally(nodes);
                }
                windows.add(t);
                actual.add(new long[nodes]);
            }
            current = windows.get(w);
            currentActual = actual.get(w);
        }
        left--;
        return fine;
    }

    /** The tallies (the pass's layout) of the window of the last {@link #next()} consumption. */
    Tally[] current() {
        return current;
    }

    /** The actual consumer nodes of the window of the last {@link #next()} consumption. */
    long[] currentActual() {
        return currentActual;
    }

    /** Merges windows 2k and 2k+1 into k: the width doubles. */
    private void merge() {
        int merged = (windows.size() + 1) / 2;
        for (int k = 0; k < merged; k++) {
            Tally[] into = windows.get(2 * k);
            long[] nodesInto = actual.get(2 * k);
            if (2 * k + 1 < windows.size()) {
                Tally[] from = windows.get(2 * k + 1);
                for (int i = 0; i < tallies; i++) {
                    into[i].add(from[i]);
                }
                long[] nodesFrom = actual.get(2 * k + 1);
                for (int n = 0; n < nodes; n++) {
                    nodesInto[n] += nodesFrom[n];
                }
            }
            windows.set(k, into);
            actual.set(k, nodesInto);
        }
        windows.subList(merged, windows.size()).clear();
        actual.subList(merged, actual.size()).clear();
        shift++;
    }

    /** Whether these are the bootstrap's adaptive windows rather than windows asked for. */
    boolean isAdaptive() {
        return adaptive;
    }

    /** The oracle's tally of the window holding fine index {@code fine}. */
    Tally oracle(int fine) {
        return windows.get(fine >> shift)[oracle];
    }

    /** Lane {@code lane}'s tally over every window: its whole-trace tally (each scored consumption is in one window). */
    Tally sum(int lane) {
        Tally sum = new Tally(nodes);
        for (Tally[] w : windows) {
            sum.add(w[lane]);
        }
        return sum;
    }

    /** Lane {@code lane}'s tally of window {@code w} (0 .. {@link #count()}-1). */
    Tally windowTally(int w, int lane) {
        return windows.get(w)[lane];
    }

    /** The actual consumer nodes of window {@code w}. */
    long[] windowActual(int w) {
        return actual.get(w);
    }

    int count() {
        return windows.size();
    }
}
