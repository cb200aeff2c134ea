package org.numabias.api;

/**
 * Predicts the NUMA node on which the next buffer of a device should be allocated, and learns from
 * where buffers were consumed. This is the whole SPI a predictor plugin implements.
 *
 * <p><b>Lifecycle.</b> A {@link PredictorProvider} creates one instance per trace replay or live
 * run. The instance lives until that replay or run ends; nothing is reset in between.
 *
 * <p><b>Threads.</b> The runtime never calls one instance from two threads at once, and every call
 * happens-after the previous one (the live runtime hands feedback to the thread that owns the
 * predictor). Implementations need no locks and should not start threads.
 *
 * <p><b>Hot path.</b> Both methods are called once per event, millions of times a second. Once
 * warm (every key seen once) they must not allocate, block, do I/O or log. They may not keep a
 * reference to the {@link AllocationContext} or {@link ConsumptionFeedback} they are given: the
 * runtime reuses those objects for the next call. Copy the fields you need.
 *
 * <p><b>Faults.</b> If {@link #predict} throws or returns a node outside {@code 0..nodes-1}, the
 * runtime allocates on the producer's node for that call and counts a fault; if
 * {@link #onConsumption} throws, the feedback is dropped and a fault is counted. Faults are
 * reported with the results; they never stop a replay, a live run or another predictor.
 */
public interface AllocationPredictor {

    /**
     * Called by the runtime when a producer is about to allocate (or has received) a buffer.
     *
     * @param ctx the allocation: time, device, queue, flow, producer CPU and node, bytes and topology;
     *            valid only during this call
     * @return the node to allocate on, in {@code 0..ctx.topology().nodes()-1}
     */
    int predict(AllocationContext ctx);

    /**
     * Called by the runtime each time a consumer copies data out of a buffer that this predictor
     * placed, in the order the copies happened; a buffer may be consumed several times or never.
     * Feedback is never delivered ahead of the trace: it arrives when the copy happens.
     *
     * @param fb the consumption: the consumer's node and bytes, the buffer's key (device, queue,
     *           flow) and the node this predictor chose for it; valid only during this call
     */
    void onConsumption(ConsumptionFeedback fb);

    /**
     * Optional: the approximate size in bytes of this predictor's state, reported with the results
     * as a measured cost. Called rarely (at the end of a replay), may allocate.
     *
     * @return bytes of state, or -1 if the predictor does not say
     */
    default long stateSizeBytes() {
        return -1;
    }

    /**
     * Optional: what this predictor was fitted on, if it was trained offline (a model fitted on part of a
     * trace): its trace's digest, the fitted event range, the node count and the feature version. The
     * runtime uses it to keep evaluations honest (see {@link TrainingProvenance}); a predictor that learns
     * only online from feedback declares nothing. Called once per replay, after creation and before the
     * first {@link #predict}; may allocate. If it throws, the predictor is not run: every call counts as a
     * fault, with the reason.
     *
     * @return the training provenance, or empty (the default) if the predictor was not trained offline
     * @since SPI version 1 (added without a version change: a default method, optional to implement)
     */
    default java.util.Optional<TrainingProvenance> trainedOn() {
        return java.util.Optional.empty();
    }
}
