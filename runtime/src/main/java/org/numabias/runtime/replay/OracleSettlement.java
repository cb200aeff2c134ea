package org.numabias.runtime.replay;

import java.util.Arrays;
import org.numabias.api.KeySlots;
import org.numabias.api.Topology;

/**
 * The oracle without lookahead: per live buffer instance (by {@link LiveInstances} slot), the bytes
 * its Consumes read on each node (all of them, before and after {@code --score-from}), its first
 * consumer, and its scored consumptions by node. When the instance ends (Free, re-Alloc of its id,
 * end of trace) its oracle node is settled with DESIGN.md's rule (the node p minimising the sum of
 * bytes x distance[p][c]; ties to the first consumer's node if among the minima, else the lowest id)
 * and its scored consumptions are added to the oracle lane's tallies as if predicted at the Alloc, which
 * gives exactly the old lookahead oracle's counts (a tally is a sum of integers). Memory: 3 x nodes
 * longs per live slot, plus, with windows, two longs per scored consumption of a live instance.
 * Not thread-safe.
 */
final class OracleSettlement {
    private final Topology topology;
    private final int nodes;
    private final long[] costs;
    private final int[] readers;
    private int[] firstConsumer = new int[64];
    private int[] consumes = new int[64];
    private long[] bytesByNode;
    private long[] scoredCount;
    private long[] scoredBytes;
    /** With windows: per slot, (window << 32 | consumer node, bytes) pairs of its scored consumptions. */
    private long[][] pending;
    private int[] pendingLength;
    private long settledBytes;

    OracleSettlement(Topology topology, boolean windowed) {
        this.topology = topology;
        this.nodes = topology.nodes();
        this.costs = new long[nodes];
        this.readers = new int[nodes];
        this.bytesByNode = new long[64 * nodes];
        this.scoredCount = new long[64 * nodes];
        this.scoredBytes = new long[64 * nodes];
        if (windowed) {
            pending = new long[64][];
            pendingLength = new int[64];
        }
    }

    /** A new instance in {@code slot}; {@code capacity} is the join's per-slot array length. */
    void open(int slot, int capacity) {
        if (capacity > firstConsumer.length) {
            firstConsumer = KeySlots.ensure(firstConsumer, capacity, -1);
            consumes = KeySlots.ensure(consumes, capacity, 0);
            bytesByNode = KeySlots.ensure(bytesByNode, capacity * nodes, 0);
            scoredCount = KeySlots.ensure(scoredCount, capacity * nodes, 0);
            scoredBytes = KeySlots.ensure(scoredBytes, capacity * nodes, 0);
            if (pending != null) {
                pending = Arrays.copyOf(pending, capacity);
                pendingLength = KeySlots.ensure(pendingLength, capacity, 0);
            }
        }
        // the per-node sums of a slot are zero here: they start so, and settle() clears them
        firstConsumer[slot] = -1;
        consumes[slot] = 0;
        if (pending != null) {
            pendingLength[slot] = 0;
        }
    }

    /** A Consume of the instance in {@code slot}; {@code window} is its window when scored, else -1. */
    void consume(int slot, int node, long bytes, boolean scored, int window) {
        if (firstConsumer[slot] < 0) {
            firstConsumer[slot] = node;
        }
        consumes[slot]++;
        bytesByNode[slot * nodes + node] += bytes;
        if (scored) {
            scoredCount[slot * nodes + node]++;
            scoredBytes[slot * nodes + node] += bytes;
            if (pending != null) {
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
    }

    /** Consumes of the instance in {@code slot} so far. */
    int consumes(int slot) {
        return consumes[slot];
    }

    /** The bytes the last settled instance was read, summed over nodes. */
    long settledBytes() {
        return settledBytes;
    }

    /**
     * Settles the instance in {@code slot}: adds its scored consumptions to {@code lane}'s whole-trace
     * tally and, with windows, to the oracle's tally of each one's window in {@code windows}, clears the slot's sums for its next instance
     * and returns its oracle node, or -1 if it was never consumed.
     */
    int settle(int slot, Lane lane, Windows windows) {
        int first = firstConsumer[slot];
        settledBytes = 0;
        if (first < 0) {
            return -1;
        }
        int base = slot * nodes;
        int read = 0; // the nodes that read it: usually one or two, so costs take nodes x read steps, not nodes^2
        for (int c = 0; c < nodes; c++) {
            if (bytesByNode[base + c] != 0) {
                readers[read++] = c;
                settledBytes += bytesByNode[base + c];
            }
        }
        long min = Long.MAX_VALUE;
        for (int p = 0; p < nodes; p++) {
            long cost = 0;
            for (int i = 0; i < read; i++) {
                int c = readers[i];
                cost += bytesByNode[base + c] * topology.distance(p, c);
            }
            costs[p] = cost;
            min = Math.min(min, cost);
        }
        int best = first;
        if (costs[first] != min) {
            best = 0;
            while (costs[best] != min) {
                best++;
            }
        }
        for (int c = 0; c < nodes; c++) {
            long count = scoredCount[base + c];
            long bytes = scoredBytes[base + c];
            bytesByNode[base + c] = 0;
            scoredCount[base + c] = 0;
            scoredBytes[base + c] = 0;
            if (count == 0) {
                continue;
            }
            lane.total.add(best, c, count, bytes, topology.distance(best, c));
        }
        if (pending != null) {
            long[] p = pending[slot];
            for (int i = 0; i < pendingLength[slot]; i += 2) {
                int window = (int) (p[i] >>> 32);
                int c = (int) p[i];
                windows.oracle(window).add(best, c, p[i + 1], topology.distance(best, c));
            }
            if (p != null && p.length > 64) {
                pending[slot] = null; // a long-lived instance does not pin a large array to its slot
            }
        }
        return best;
    }
}
