package org.numabias.runtime.replay;

import java.util.Arrays;
import org.numabias.api.KeySlots;
import org.numabias.api.Topology;

/**
 * The oracle without lookahead: per live buffer instance (by {@link LiveInstances} slot), the bytes
 * its Consumes read on each node (all of them, before and after {@code --score-from}), its first
 * consumer, and its scored consumptions (window, consumer node, bytes). When the instance ends (Free,
 * re-Alloc of its id, end of trace) its oracle node is settled with DESIGN.md's rule (the node p
 * minimising the sum of bytes x distance[p][c]; ties to the first consumer's node if among the minima,
 * else the lowest id) and its scored consumptions are added to the oracle lane's window tallies and
 * node matrix as if predicted at the Alloc, which gives exactly the old lookahead oracle's counts (a
 * tally is a sum of integers). Memory: nodes longs and 3 ints per live slot, plus two longs per
 * scored consumption of a live instance. Not thread-safe.
 *
 * <p>Hand-written, allocation-free and laid out for the hot path (a settle per instance of every
 * replay): a slot's bytes by node are one contiguous record, and an instance consumed on one node only (the
 * common case) is settled in constant time from that node's precomputed closest producer, without the
 * loops over nodes.
 */
final class OracleSettlement {
    /** {@link #state} per slot: first consumer's node (-1: none yet), Consumes so far, whether all were on one node. */
    private static final int FIRST = 0;
    private static final int CONSUMES = 1;
    /** 1 while every Consume of the instance was on its first consumer's node, else 0. */
    private static final int ONE_NODE = 2;
    private static final int STATE = 3;

    private final int nodes;
    /** distance[p * nodes + c]. */
    private final int[] distance;
    /** Per consumer node c: the smallest distance to it, and the lowest producer node at that distance. */
    private final int[] closestDistance;
    private final int[] closest;
    private final long[] costs;
    private final int[] readers;
    private int[] state = new int[64 * STATE];
    /** Per slot, {@link #nodes} longs: the bytes read on each node. */
    private long[] sums;
    /** Per slot, (window << 32 | consumer node, bytes) pairs of its scored consumptions. */
    private long[][] pending = new long[64][];
    private int[] pendingLength = new int[64];
    private long settledBytes;

    OracleSettlement(Topology topology) {
        this.nodes = topology.nodes();
        this.distance = new int[nodes * nodes];
        this.closestDistance = new int[nodes];
        this.closest = new int[nodes];
        for (int c = 0; c < nodes; c++) {
            closestDistance[c] = Integer.MAX_VALUE;
            for (int p = 0; p < nodes; p++) {
                int d = topology.distance(p, c);
                distance[p * nodes + c] = d;
                if (d < closestDistance[c]) {
                    closestDistance[c] = d;
                    closest[c] = p;
                }
            }
        }
        this.costs = new long[nodes];
        this.readers = new int[nodes];
        this.sums = new long[64 * nodes];
    }

    /** A new instance in {@code slot}; {@code capacity} is the join's per-slot array length. */
    void open(int slot, int capacity) {
        if (capacity * STATE > state.length) {
            state = KeySlots.ensure(state, capacity * STATE, 0);
            sums = KeySlots.ensure(sums, capacity * nodes, 0);
            pending = Arrays.copyOf(pending, capacity);
            pendingLength = KeySlots.ensure(pendingLength, capacity, 0);
        }
        // the sums of a slot are zero here: they start so, and settle() clears them
        int s = slot * STATE;
        state[s + FIRST] = -1;
        state[s + CONSUMES] = 0;
        state[s + ONE_NODE] = 1;
        pendingLength[slot] = 0;
    }

    /** A Consume of the instance in {@code slot}; {@code window} is its window when scored, else -1. */
    void consume(int slot, int node, long bytes, boolean scored, int window) {
        int s = slot * STATE;
        int first = state[s + FIRST];
        if (first < 0) {
            state[s + FIRST] = node;
        } else if (first != node) {
            state[s + ONE_NODE] = 0;
        }
        state[s + CONSUMES]++;
        sums[slot * nodes + node] += bytes;
        if (scored) {
            long[] p = pending[slot];
            int n = pendingLength[slot];
            if (p == null || n + 2 > p.length) {
                p = pending[slot] = p == null ? new long[8] : Arrays.copyOf(p, p.length * 2);
            }
            p[n] = ((long) window << 32) | node;
            p[n + 1] = bytes;
            pendingLength[slot] = n + 2;
        }
    }

    /** Consumes of the instance in {@code slot} so far. */
    int consumes(int slot) {
        return state[slot * STATE + CONSUMES];
    }

    /** The bytes the last settled instance was read, summed over nodes. */
    long settledBytes() {
        return settledBytes;
    }

    /**
     * Settles the instance in {@code slot}: adds each of its scored consumptions to the oracle's tally
     * of its window in {@code windows} and to {@code lane}'s node matrix, clears the slot's sums for its
     * next instance and returns its oracle node, or -1 if it was never consumed.
     */
    int settle(int slot, Lane lane, Windows windows) {
        int first = state[slot * STATE + FIRST];
        settledBytes = 0;
        if (first < 0) {
            return -1;
        }
        int base = slot * nodes;
        int best;
        if (state[slot * STATE + ONE_NODE] == 1) {
            // cost(p) = bytes x distance(p, first): the minima are first's closest nodes (all nodes if no bytes)
            settledBytes = sums[base + first];
            best = settledBytes == 0 || distance[first * nodes + first] == closestDistance[first] ? first : closest[first];
            sums[base + first] = 0;
        } else {
            best = cheapest(base, first);
            Arrays.fill(sums, base, base + nodes, 0);
        }
        long[] p = pending[slot];
        NodePairs pairs = lane.pairs;
        for (int i = 0; i < pendingLength[slot]; i += 2) {
            int window = (int) (p[i] >>> 32);
            int c = (int) p[i];
            windows.oracle(window).add(best, c, p[i + 1], distance[best * nodes + c]);
            if (pairs != null) {
                pairs.add(best, c, p[i + 1]);
            }
        }
        if (p != null && p.length > 64) {
            pending[slot] = null; // a long-lived instance does not pin a large array to its slot
        }
        return best;
    }

    /**
     * The rule's node for an instance read on several nodes: costs over the nodes that read it (usually
     * two, so nodes x readers steps, not nodes^2); sets {@link #settledBytes}.
     */
    private int cheapest(int base, int first) {
        int read = 0;
        for (int c = 0; c < nodes; c++) {
            if (sums[base + c] != 0) {
                readers[read++] = c;
                settledBytes += sums[base + c];
            }
        }
        long min = Long.MAX_VALUE;
        for (int p = 0; p < nodes; p++) {
            long cost = 0;
            for (int i = 0; i < read; i++) {
                int c = readers[i];
                cost += sums[base + c] * distance[p * nodes + c];
            }
            costs[p] = cost;
            min = Math.min(min, cost);
        }
        if (costs[first] == min) {
            return first;
        }
        int best = 0;
        while (costs[best] != min) {
            best++;
        }
        return best;
    }
}
