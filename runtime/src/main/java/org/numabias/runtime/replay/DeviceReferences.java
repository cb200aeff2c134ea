package org.numabias.runtime.replay;

import org.numabias.api.AllocationContext;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.KeyMode;
import org.numabias.api.KeySlots;
import org.numabias.api.NodeChoice;

/**
 * The two references kappaM and kappaTemporal are measured against (DESIGN.md, "Metrics"), run by
 * the engine itself with DESIGN.md's semantics: {@code majority} with key=device, weight=count (argmax
 * of the device's consumer-node counts, ties to the producer's node, else the lowest id) and
 * {@code last-consumer} with key=device; both predict the producer's node for a device without
 * feedback. They share one key table, so a reference prediction costs one lookup. Trusted code: no
 * guard, no budget. Not thread-safe.
 */
final class DeviceReferences {
    private final int nodes;
    private final KeySlots devices = new KeySlots(KeyMode.DEVICE);
    private long[] counts;
    private int[] last = new int[16];

    DeviceReferences(int nodes) {
        this.nodes = nodes;
        this.counts = new long[16 * nodes];
    }

    /** The device's row, or -1 before its first feedback. */
    int row(AllocationContext ctx) {
        return devices.find(ctx);
    }

    /** majority's prediction for an Alloc whose device has row {@code row}. */
    int majority(int row, int producerNode) {
        return row < 0 ? producerNode : NodeChoice.argmax(counts, row * nodes, nodes, producerNode);
    }

    /** last-consumer's prediction for an Alloc whose device has row {@code row}. */
    int lastConsumer(int row, int producerNode) {
        return row < 0 ? producerNode : last[row];
    }

    /** Feedback to both: one more consumption on {@code fb.node()} for the buffer's device. */
    void feedback(ConsumptionFeedback fb) {
        int row = devices.findOrAdd(fb);
        counts = KeySlots.ensure(counts, (row + 1) * nodes, 0);
        last = KeySlots.ensure(last, row + 1, -1);
        counts[row * nodes + fb.node()]++;
        last[row] = fb.node();
    }
}
