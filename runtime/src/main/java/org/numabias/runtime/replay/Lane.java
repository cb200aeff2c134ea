package org.numabias.runtime.replay;

import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConfiguredPredictor;
import org.numabias.api.KeySlots;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.Topology;

/**
 * One predictor under replay: calls it with fault isolation and timing, remembers its prediction
 * for each live buffer slot, and accumulates its metrics. A predictor that throws, returns a node
 * out of range, or takes more than {@link #DISABLE_FACTOR} times the time budget per call (averaged
 * over at least 1000 calls, so one slow call counts as a thousandth) is contained: the call falls back
 * to the producer's node and a fault is counted; a too-slow predictor is disabled for the rest of
 * the replay and flagged.
 */
final class Lane {
    static final int DISABLE_FACTOR = 100;
    private static final int MIN_CALLS_BEFORE_DISABLE = 1000;

    final ConfiguredPredictor configured;
    private final AllocationPredictor predictor;
    private final int nodes;
    private final long budgetNs;
    private int[] predictionBySlot = new int[64];

    long hits;
    long consumptions;
    long bytes;
    long localBytes;
    long weightedDistance;
    final long[] predictedByNode;
    long faults;
    String firstFault;
    long nanos;
    long calls;
    boolean disabled;

    Lane(ConfiguredPredictor configured, int nodes, long budgetNs) {
        this.configured = configured;
        this.predictor = configured.predictor();
        this.nodes = nodes;
        this.budgetNs = budgetNs;
        this.predictedByNode = new long[nodes];
    }

    AllocationPredictor predictor() {
        return predictor;
    }

    /** Asks for a node for the Alloc in {@code slot}; remembers and returns it (the fallback on a fault). */
    int predict(MutableAllocationContext ctx, int slot) {
        int node;
        if (disabled) {
            node = fault(ctx.node(), "disabled: over " + DISABLE_FACTOR + "x the time budget");
        } else {
            long start = System.nanoTime();
            try {
                node = predictor.predict(ctx);
                if (node < 0 || node >= nodes) {
                    node = fault(ctx.node(), "returned node " + node + ", outside 0.." + (nodes - 1));
                }
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                node = fault(ctx.node(), "predict threw " + e);
            }
            account(System.nanoTime() - start);
        }
        predictionBySlot = KeySlots.ensure(predictionBySlot, slot + 1, -1);
        predictionBySlot[slot] = node;
        return node;
    }

    int predictionFor(int slot) {
        return predictionBySlot[slot];
    }

    /** Delivers feedback (its allocNode already set to this lane's prediction). */
    void feedback(MutableConsumptionFeedback fb) {
        if (disabled) {
            return;
        }
        long start = System.nanoTime();
        try {
            predictor.onConsumption(fb);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            fault(0, "onConsumption threw " + e);
        }
        account(System.nanoTime() - start);
    }

    private void account(long elapsed) {
        nanos += elapsed;
        calls++;
        // over 100x the budget on average, counting at least 1000 calls: a very slow predictor costs the
        // comparison at most about 100 x budget x max(calls, 1000) before it is switched off
        if (nanos > Math.max(calls, MIN_CALLS_BEFORE_DISABLE) * budgetNs * DISABLE_FACTOR) {
            disabled = true;
            if (firstFault == null) {
                firstFault = "disabled after " + calls + " calls: " + (nanos / calls) + " ns per call, over "
                        + DISABLE_FACTOR + "x the budget of " + budgetNs + " ns";
            }
        }
    }

    private int fault(int fallback, String why) {
        faults++;
        if (firstFault == null) {
            firstFault = why;
        }
        return fallback;
    }

    void score(int predicted, int consumer, long consumedBytes, Topology topology) {
        consumptions++;
        bytes += consumedBytes;
        predictedByNode[predicted]++;
        if (predicted == consumer) {
            hits++;
            localBytes += consumedBytes;
        }
        weightedDistance += consumedBytes * topology.distance(predicted, consumer);
    }

    double nsPerCall() {
        return calls == 0 ? 0 : (double) nanos / calls;
    }

    /** Disabled, or over the budget on average over enough calls for the mean to mean something. */
    boolean overBudget() {
        return disabled || (calls >= MIN_CALLS_BEFORE_DISABLE && nsPerCall() > budgetNs);
    }

    Double accuracy() {
        return consumptions == 0 ? null : (double) hits / consumptions;
    }

    long remoteBytes() {
        return bytes - localBytes;
    }

    double cost() {
        return weightedDistance / 10.0;
    }
}
