package org.numabias.predictors;

import java.util.List;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.KeySlots;
import org.numabias.api.KeyTable;
import org.numabias.api.NodeChoice;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.Spi;
import org.numabias.api.Topology;

/**
 * {@code markov}: an order-k Markov chain over each key's sequence of consumer nodes. The state is
 * the last {@code order} feedback nodes. Predict: if the key has {@code order} nodes of history and
 * that state has been followed by at least one consumption, the argmax of its next-node counts;
 * otherwise the argmax of all the key's feedback counts (majority); cold: the producer's node.
 * Feedback from c: if {@code order} nodes of history exist, {@code next[state][c] += 1}; then c is
 * pushed into the history and {@code total[c] += 1}.
 */
public final class MarkovPredictor implements AllocationPredictor {
    private final KeySlots keys;
    private final int nodes;
    private final int order;
    private final long stateCount; // nodes^order: states are base-nodes numbers of `order` digits
    private final KeyTable transitions = new KeyTable(); // (key slot, state) -> offset into next
    private long[] next = new long[64];
    private int transitionRows;
    private long[] total = new long[64];
    private long[] state = new long[16];
    private int[] history = new int[16]; // nodes of history held, capped at order

    MarkovPredictor(KeySlots keys, int nodes, int order) {
        this.keys = keys;
        this.nodes = nodes;
        this.order = order;
        long count = 1;
        for (int i = 0; i < order; i++) {
            count = Math.multiplyExact(count, nodes);
        }
        this.stateCount = count;
    }

    @Override
    public int predict(AllocationContext ctx) {
        int slot = keys.find(ctx);
        if (slot < 0) {
            return ctx.node();
        }
        if (history[slot] >= order) {
            int row = transitions.get(slot, state[slot]);
            if (row != KeyTable.ABSENT) {
                return NodeChoice.argmax(next, row * nodes, nodes, ctx.node());
            }
        }
        return NodeChoice.argmax(total, slot * nodes, nodes, ctx.node());
    }

    @Override
    public void onConsumption(ConsumptionFeedback fb) {
        int slot = keys.findOrAdd(fb);
        total = KeySlots.ensure(total, (slot + 1) * nodes, 0);
        state = KeySlots.ensure(state, slot + 1, 0);
        history = KeySlots.ensure(history, slot + 1, 0);
        int c = fb.node();
        if (history[slot] >= order) {
            int row = transitions.get(slot, state[slot]);
            if (row == KeyTable.ABSENT) {
                row = transitionRows++;
                transitions.put(slot, state[slot], row);
                next = KeySlots.ensure(next, transitionRows * nodes, 0);
            }
            next[row * nodes + c]++;
        }
        state[slot] = (state[slot] * nodes + c) % stateCount;
        if (history[slot] < order) {
            history[slot]++;
        }
        total[slot * nodes + c]++;
    }

    @Override
    public long stateSizeBytes() {
        return keys.sizeBytes() + transitions.sizeBytes() + 8L * (next.length + total.length + state.length)
                + 4L * history.length;
    }

    /** Registers {@code markov}. */
    public static final class Provider implements PredictorProvider {
        /** True: state per key, and every key includes the device (DESIGN.md), so a sweep may split a trace by device. */
        @Override public boolean stateIsPerDevice() { return true; }

        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return "markov"; }
        @Override public String description() { return "order-k Markov chain over the key's consumer nodes, falling back to majority"; }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.key(),
                    ParameterSpec.of("order", "1", "how many past consumer nodes form a state, 1..16"));
        }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            int order = config.integer("order");
            config.require(order >= 1 && order <= 16, "order", "an integer in 1..16");
            config.require(Math.pow(topology.nodes(), order) < 0x1p62, "order",
                    "small enough that nodes^order fits in a long (" + topology.nodes() + " nodes)");
            return new MarkovPredictor(new KeySlots(config.keyMode()), topology.nodes(), order);
        }
    }
}
