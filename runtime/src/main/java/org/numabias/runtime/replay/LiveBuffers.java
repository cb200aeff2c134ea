package org.numabias.runtime.replay;

import org.numabias.api.KeyTable;

/**
 * The buffer instances that are live during a pass (DESIGN.md: from an Alloc of an id to the next
 * Free or Alloc of that id, or to the end). Each live instance has a slot number; slots are reused
 * after release, so callers keep per-instance data in arrays indexed by slot (see
 * {@link #capacity()}). Not thread-safe.
 */
final class LiveBuffers {
    private final KeyTable byId = new KeyTable(1024);
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int highWater;
    private boolean[] inUse = new boolean[64];

    /** The slot of the live instance of {@code bufferId}, or -1. */
    int find(long bufferId) {
        return byId.get(bufferId, 0);
    }

    /** Starts an instance of {@code bufferId} (end the previous one first) and returns its slot. */
    int open(long bufferId) {
        int slot = freeCount > 0 ? freeSlots[--freeCount] : highWater++;
        if (slot >= inUse.length) {
            inUse = java.util.Arrays.copyOf(inUse, inUse.length * 2);
        }
        inUse[slot] = true;
        byId.put(bufferId, 0, slot);
        return slot;
    }

    /**
     * Ends the live instance of {@code bufferId}, if any, and returns its slot (or -1). The slot's
     * data stays readable until the next {@link #open}, which may reuse it.
     */
    int end(long bufferId) {
        int slot = byId.remove(bufferId, 0);
        if (slot >= 0) {
            inUse[slot] = false;
            if (freeCount == freeSlots.length) {
                freeSlots = java.util.Arrays.copyOf(freeSlots, freeCount * 2);
            }
            freeSlots[freeCount++] = slot;
        }
        return slot;
    }

    /** One more than the highest slot ever handed out: per-slot arrays need this many entries. */
    int capacity() {
        return highWater;
    }

    /** Whether {@code slot} holds a live instance. */
    boolean isLive(int slot) {
        return inUse[slot];
    }
}
