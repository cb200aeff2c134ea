package org.numabias.runtime.replay;

import java.util.List;
import java.util.function.Function;
import org.numabias.api.AllocationContext;
import org.numabias.api.KeyMode;
import org.numabias.api.KeySlots;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.Topology;

/**
 * The references every predictor's measurements are compared against (DESIGN.md, "Metrics"), each a
 * {@link Lane} the pass runs beside the predictors: producer-local (the Alloc's node), majority
 * (key=device, weight=count: argmax of the device's consumer-node counts, ties to the producer's node,
 * else the lowest id), last-consumer (key=device), both predicting the producer's node for a device
 * without feedback, and the oracle ({@link OracleSettlement}). Trusted code: no guard, no budget.
 *
 * <p>Adding a reference: write its lane here, give it a field and put it in {@link #lanes}; a
 * measurement that needs its sums gets them in {@link #sums} (a {@link RawSums} component). The pass,
 * the windows and the results need no change. Not thread-safe.
 */
final class References {
    /** The oracle: scores itself when each instance ends. */
    final Oracle oracle;
    final Lane producerLocal;
    final Lane majority;
    final Lane lastConsumer;

    /** The references for {@code topology}. */
    References(Topology topology) {
        int nodes = topology.nodes();
        this.oracle = new Oracle(topology);
        this.producerLocal = new ProducerLocal(nodes);
        this.majority = new DeviceMajority(nodes);
        this.lastConsumer = new DeviceLastConsumer(nodes);
    }

    /** Every reference lane, in the order the pass runs them (after the predictors). */
    List<Lane> lanes() {
        return List.of(producerLocal, majority, lastConsumer, oracle);
    }

    /**
     * The sums of {@code lane}'s measurements against the references, each reference's tally picked
     * by {@code tally} (the whole trace's, or a window's).
     */
    RawSums sums(Lane lane, Function<Lane, Tally> tally, long[] actualByNode, TraceSummary summary, long faults) {
        return RawSums.of(tally.apply(lane), tally.apply(oracle), tally.apply(producerLocal), tally.apply(majority),
                tally.apply(lastConsumer), actualByNode, summary, faults);
    }

    /** Producer-local: the Alloc's node. */
    private static final class ProducerLocal extends Lane {
        ProducerLocal(int nodes) {
            super(nodes, false);
        }

        @Override
        int predict(AllocationContext ctx) {
            return ctx.node();
        }
    }

    /**
     * majority with key=device, weight=count. Each device's highest count and the lowest node holding
     * it are kept as the counts grow (counts only grow, so a node's new count either passes the
     * highest, joins it or stays below), which makes the argmax with the tie rule two reads per Alloc
     * instead of a pass over the nodes.
     */
    private static final class DeviceMajority extends Lane {
        private final int nodes;
        private final KeySlots devices = new KeySlots(KeyMode.DEVICE);
        private long[] counts;
        /** Per device row: its highest count, and the lowest node with that count. */
        private long[] highest = new long[16];
        private int[] lowestAtHighest = new int[16];

        DeviceMajority(int nodes) {
            super(nodes, false);
            this.nodes = nodes;
            this.counts = new long[16 * nodes];
        }

        @Override
        int predict(AllocationContext ctx) {
            int row = devices.find(ctx);
            if (row < 0) {
                return ctx.node();
            }
            int producer = ctx.node();
            return counts[row * nodes + producer] == highest[row] ? producer : lowestAtHighest[row];
        }

        @Override
        void feedback(MutableConsumptionFeedback fb, int predicted) {
            int row = devices.findOrAdd(fb);
            counts = KeySlots.ensure(counts, (row + 1) * nodes, 0);
            highest = KeySlots.ensure(highest, row + 1, 0);
            lowestAtHighest = KeySlots.ensure(lowestAtHighest, row + 1, 0);
            int node = fb.node();
            long count = ++counts[row * nodes + node];
            if (count > highest[row]) {
                highest[row] = count;
                lowestAtHighest[row] = node;
            } else if (count == highest[row] && node < lowestAtHighest[row]) {
                lowestAtHighest[row] = node;
            }
        }
    }

    /** last-consumer with key=device. */
    private static final class DeviceLastConsumer extends Lane {
        private final KeySlots devices = new KeySlots(KeyMode.DEVICE);
        private int[] last = new int[16];

        DeviceLastConsumer(int nodes) {
            super(nodes, false);
        }

        @Override
        int predict(AllocationContext ctx) {
            int row = devices.find(ctx);
            return row < 0 ? ctx.node() : last[row];
        }

        @Override
        void feedback(MutableConsumptionFeedback fb, int predicted) {
            int row = devices.findOrAdd(fb);
            last = KeySlots.ensure(last, row + 1, -1);
            last[row] = fb.node();
        }
    }

    /**
     * The oracle without lookahead: not asked at the Alloc; {@link OracleSettlement} settles each
     * instance's node when it ends and adds its scored consumptions to this lane's tallies. Keeps its
     * node matrix.
     */
    static final class Oracle extends Lane {
        final OracleSettlement settlement;

        Oracle(Topology topology) {
            super(topology.nodes(), true);
            this.settlement = new OracleSettlement(topology);
        }

        @Override
        boolean predicts() {
            return false;
        }

        @Override
        int predict(AllocationContext ctx) {
            throw new IllegalStateException("the oracle is settled when an instance ends, not asked at its Alloc");
        }
    }
}
