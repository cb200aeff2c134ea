package org.numabias.runtime.replay;

import java.util.Arrays;
import org.numabias.api.KeySlots;
import org.numabias.api.KeyTable;

/**
 * The buffer join of a pass: the buffer instances that are live (DESIGN.md: from an Alloc of an id
 * to the next Free or Alloc of that id, or to the end), each in a slot, with its Alloc's columns
 * (device, queue, flow, producer node, Alloc index) and every lane's prediction for it. A Consume
 * finds its instance by buffer id; slots are reused after an instance ends, so per-instance data of
 * other parts of the pass lives in arrays indexed by slot, sized by {@link #capacity()}. Memory is
 * proportional to the live instances. One per pass, filled once per Alloc. Not thread-safe.
 */
final class LiveInstances {
    private final int lanes;
    private final KeyTable byId = new KeyTable(1024);
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int highWater;
    private boolean[] live = new boolean[64];

    int[] device = new int[64];
    int[] queue = new int[64];
    long[] flow = new long[64];
    int[] producerNode = new int[64];
    long[] allocIndex = new long[64];
    /** Lane {@code l}'s prediction for the instance in slot {@code s} is at {@code s * lanes + l}. */
    int[] predictions;

    /** A join that keeps a prediction per instance for each of {@code lanes} lanes. */
    LiveInstances(int lanes) {
        this.lanes = lanes;
        this.predictions = new int[64 * Math.max(lanes, 1)];
    }

    /** The slot of the live instance of {@code bufferId}, or -1. */
    int find(long bufferId) {
        return byId.get(bufferId, 0);
    }

    /** Starts the instance an Alloc of {@code bufferId} begins (end the previous one of its id first) and fills its columns; returns its slot. */
    int open(long bufferId, int allocDevice, int allocQueue, long allocFlow, int node, long index) {
        int slot = freeCount > 0 ? freeSlots[--freeCount] : highWater++;
        if (slot >= live.length) {
            int n = live.length * 2;
            live = Arrays.copyOf(live, n);
            device = KeySlots.ensure(device, n, -1);
            queue = KeySlots.ensure(queue, n, -1);
            flow = KeySlots.ensure(flow, n, -1);
            producerNode = KeySlots.ensure(producerNode, n, -1);
            allocIndex = KeySlots.ensure(allocIndex, n, -1);
            predictions = KeySlots.ensure(predictions, n * Math.max(lanes, 1), -1);
        }
        live[slot] = true;
        byId.put(bufferId, 0, slot);
        device[slot] = allocDevice;
        queue[slot] = allocQueue;
        flow[slot] = allocFlow;
        producerNode[slot] = node;
        allocIndex[slot] = index;
        return slot;
    }

    /**
     * Ends the live instance of {@code bufferId}, if any, and returns its slot (or -1). The slot's
     * data stays readable until the next {@link #open}, which may reuse it.
     */
    int end(long bufferId) {
        int slot = byId.remove(bufferId, 0);
        if (slot >= 0) {
            live[slot] = false;
            if (freeCount == freeSlots.length) {
                freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
            }
            freeSlots[freeCount++] = slot;
        }
        return slot;
    }

    /** The length every per-slot array must have (at least one more than the highest slot in use). */
    int capacity() {
        return live.length;
    }

    /** Whether {@code slot} holds a live instance. */
    boolean isLive(int slot) {
        return slot < highWater && live[slot];
    }

    /** One more than the highest slot in use so far. */
    int highWater() {
        return highWater;
    }
}
