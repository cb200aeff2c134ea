package org.numabias.runtime.replay;

import java.util.List;
import java.util.function.Function;
import org.numabias.api.AllocationContext;
import org.numabias.api.KeyMode;
import org.numabias.api.KeySlots;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.NodeChoice;
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
    /** The number of references that predict at the Alloc (those of {@link #lanes()} but the oracle). */
    static final int PREDICTING = 3;

    /** The oracle: scores itself when each instance ends. */
    final Oracle oracle;
    final Lane producerLocal;
    final Lane majority;
    final Lane lastConsumer;

    /** The references for {@code topology}; {@code windowed} when the pass measures windows. */
    References(Topology topology, boolean windowed) {
        int nodes = topology.nodes();
        this.oracle = new Oracle(topology, windowed);
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

    /** majority with key=device, weight=count. */
    private static final class DeviceMajority extends Lane {
        private final int nodes;
        private final KeySlots devices = new KeySlots(KeyMode.DEVICE);
        private long[] counts;

        DeviceMajority(int nodes) {
            super(nodes, false);
            this.nodes = nodes;
            this.counts = new long[16 * nodes];
        }

        @Override
        int predict(AllocationContext ctx) {
            int row = devices.find(ctx);
            return row < 0 ? ctx.node() : NodeChoice.argmax(counts, row * nodes, nodes, ctx.node());
        }

        @Override
        void feedback(MutableConsumptionFeedback fb, int predicted) {
            int row = devices.findOrAdd(fb);
            counts = KeySlots.ensure(counts, (row + 1) * nodes, 0);
            counts[row * nodes + fb.node()]++;
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

        Oracle(Topology topology, boolean windowed) {
            super(topology.nodes(), true);
            this.settlement = new OracleSettlement(topology, windowed);
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
