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
 * feedback. They share one row per device: devices {@code -1..}{@value #DIRECT}{@code -2} (the
 * usual, dense ids) find it by direct index, others through a key table. Trusted code: no guard, no
 * budget. Not thread-safe.
 */
final class DeviceReferences {
    /** Devices below this (and -1, unknown) are looked up by index. */
    static final int DIRECT = 4096;

    private final int nodes;
    private final KeySlots devices = new KeySlots(KeyMode.DEVICE);
    /** Row of device {@code d} at {@code d + 1}, or -1; grown on demand up to {@link #DIRECT}. */
    private int[] directRow = new int[0];
    private int rows;
    private long[] counts;
    private int[] last = new int[16];
    /** Row of the key table's slot {@code s}, for devices not looked up directly. */
    private int[] indirect = new int[0];

    DeviceReferences(int nodes) {
        this.nodes = nodes;
        this.counts = new long[16 * nodes];
    }

    /** The device's row, or -1 before its first feedback. */
    int row(AllocationContext ctx) {
        int d = ctx.device() + 1;
        if (d >= 0 && d < DIRECT) {
            return d < directRow.length ? directRow[d] : -1;
        }
        int slot = devices.find(ctx);
        return slot < 0 ? -1 : indirectRow(slot);
    }

    private int indirectRow(int slot) {
        return slot < indirect.length ? indirect[slot] : -1;
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
        int row;
        int d = fb.device() + 1;
        if (d >= 0 && d < DIRECT) {
            directRow = KeySlots.ensure(directRow, d + 1, -1);
            row = directRow[d];
            if (row < 0) {
                row = directRow[d] = rows++;
            }
        } else {
            int slot = devices.findOrAdd(fb);
            indirect = KeySlots.ensure(indirect, slot + 1, -1);
            if (indirect[slot] < 0) {
                indirect[slot] = rows++;
            }
            row = indirect[slot];
        }
        counts = KeySlots.ensure(counts, (row + 1) * nodes, 0);
        last = KeySlots.ensure(last, row + 1, -1);
        counts[row * nodes + fb.node()]++;
        last[row] = fb.node();
    }
}
