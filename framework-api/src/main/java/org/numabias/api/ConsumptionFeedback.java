package org.numabias.api;

/**
 * One consumption of a buffer, reported back to the predictor that placed it: a consumer on
 * {@link #node()} copied {@link #bytes()} from a buffer of key (device, queue, flow) that had been
 * allocated on {@link #allocNode()}. Instances are reused by the runtime: read them during
 * {@link AllocationPredictor#onConsumption} only. Unknown integer fields are -1.
 */
public interface ConsumptionFeedback {
    /** Time of the consumption in nanoseconds (trace clock). */
    long timeNs();

    /** The consumed buffer's id. */
    long bufferId();

    /** The device of the buffer's allocation. */
    int device();

    /** The receive queue of the buffer's allocation, or -1. */
    int queue();

    /** The flow hash of the buffer's allocation, or -1. */
    long flow();

    /** The node the producer ran on when it allocated the buffer. */
    int producerNode();

    /** The node this predictor chose for the buffer (after any fault fallback). */
    int allocNode();

    /** The consumer's CPU, or -1. */
    int cpu();

    /** The consumer's node. */
    int node();

    /** Bytes copied by this consumption. */
    long bytes();
}
