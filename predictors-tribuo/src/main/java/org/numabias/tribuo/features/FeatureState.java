package org.numabias.tribuo.features;

import org.numabias.api.AllocationContext;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.KeySlots;

/**
 * The per-key state behind the history features of a {@link FeatureSet}: the last K consumer nodes
 * and the time of the last consumption of each key, updated from feedback only. The predictor and
 * the training pass both use this class, so training sees exactly what the predictor sees online.
 * Allocation-free once every key has been seen; not thread-safe.
 */
public final class FeatureState {
    private final FeatureSet features;
    private final int k;
    private final KeySlots keys;
    private int[] history = new int[0]; // slot * k + i: the i-th most recent consumer node, -1 none
    private long[] lastTime = new long[0];

    /** Empty state for {@code features}. */
    public FeatureState(FeatureSet features) {
        this.features = features;
        this.k = features.history();
        this.keys = new KeySlots(features.key());
    }

    /** The feature set this state computes. */
    public FeatureSet features() {
        return features;
    }

    /**
     * Writes the allocation's feature values, one per group ({@link FeatureSet#groups()}), into
     * {@code values}; reads the state, never changes it.
     */
    public void encode(AllocationContext ctx, int[] values) {
        values[FeatureSet.DEVICE] = ctx.device();
        values[FeatureSet.QUEUE] = ctx.queue();
        values[FeatureSet.FLOW] = FeatureSet.flowBucket(ctx.flow());
        values[FeatureSet.PRODUCER] = ctx.node();
        values[FeatureSet.SIZE] = FeatureSet.bitLength(ctx.bytes());
        int slot = keys.find(ctx);
        int since = FeatureSet.FIRST_LAST + k;
        if (slot < 0) {
            for (int i = 0; i < k; i++) {
                values[FeatureSet.FIRST_LAST + i] = -1;
            }
            values[since] = -1;
            return;
        }
        System.arraycopy(history, slot * k, values, FeatureSet.FIRST_LAST, k);
        values[since] = FeatureSet.bitLength(Math.max(0, ctx.timeNs() - lastTime[slot]));
    }

    /** Learns from one consumption: pushes its node into the key's history and notes its time. */
    public void observe(ConsumptionFeedback fb) {
        int slot = keys.findOrAdd(fb);
        if ((slot + 1) * k > history.length || slot >= lastTime.length) {
            history = KeySlots.ensure(history, (slot + 1) * k, -1);
            lastTime = KeySlots.ensure(lastTime, slot + 1, 0L);
        }
        int base = slot * k;
        if (k > 0) {
            System.arraycopy(history, base, history, base + 1, k - 1);
            history[base] = fb.node();
        }
        lastTime[slot] = fb.timeNs();
    }

    /** Approximate bytes of state. */
    public long sizeBytes() {
        return keys.sizeBytes() + 4L * history.length + 8L * lastTime.length;
    }
}
