package org.numabias.live.numa;

import java.lang.foreign.MemorySegment;
import org.numabias.api.Topology;

/**
 * Where the live runtime gets memory and binds threads: real NUMA nodes through libnuma, or N
 * emulated nodes on the one real node. Every output of a run states {@link #mode()}.
 * Implementations are thread-safe.
 */
public sealed interface NodeMemory permits RealNodeMemory, EmulatedNodeMemory {
    /** Number of nodes a predictor may choose from. */
    int nodes();

    /** {@code real} or {@code emulated}. */
    String mode();

    /** True when the nodes are virtual (all memory is on one real node). */
    default boolean emulated() {
        return mode().equals("emulated");
    }

    /** The topology predictions are made in (projected when emulated). */
    Topology topology();

    /** Allocates {@code bytes} on {@code node}; refuses a node outside {@code 0..nodes()-1}. */
    MemorySegment alloc(long bytes, int node);

    /** Frees a segment from {@link #alloc}. */
    void free(MemorySegment segment);

    /** Binds the calling thread to {@code node} (emulated: records nothing, binds nothing). */
    void bindThread(int node);

    /** The CPU the calling thread runs on, or -1 when unknown. */
    int currentCpu();

    /**
     * The real node of the page at {@code address}, or -1 when it cannot be known (emulated without
     * libnuma). In emulated mode this is the real node, not the virtual one.
     */
    int realNodeOfPage(MemorySegment address);

    /** One line describing the nodes, saying "emulated" when they are. */
    String describe();
}
