package org.numabias.api;

/**
 * What a predictor knows when it is asked where to allocate a buffer. Unknown integer fields are
 * -1. Instances are reused by the runtime: read them during {@link AllocationPredictor#predict}
 * only, never keep a reference.
 */
public interface AllocationContext {
    /** Time of the allocation in nanoseconds (trace clock). */
    long timeNs();

    /** Ordinal of this allocation in its trace (0 for the first Alloc event), or -1 in live mode. */
    long allocIndex();

    /** The buffer's id (an skb address, or a live-mode buffer number). */
    long bufferId();

    /** The producing device (0-based, in order of first appearance), or -1. */
    int device();

    /** The receive queue, or -1. */
    int queue();

    /** The flow hash (a 32-bit unsigned value held in a long), or -1. */
    long flow();

    /** The producer's CPU, or -1. */
    int cpu();

    /** The producer's NUMA node: the kernel's default choice and the predictor's cold answer. */
    int node();

    /** The buffer's length in bytes, or -1. */
    long bytes();

    /** The topology predictions must fit: nodes, CPU map and distances. */
    Topology topology();
}
