package org.numabias.api;

import java.util.List;

/**
 * Describes and creates one kind of predictor. Registered in
 * {@code META-INF/services/org.numabias.api.PredictorProvider} and found with
 * {@link java.util.ServiceLoader}; it needs a public no-argument constructor that does no work.
 * A provider that fails to load or throws is reported and skipped, never fatal to the others.
 */
public interface PredictorProvider {

    /** The SPI version this provider was compiled against: return {@link Spi#VERSION}. */
    int spiVersion();

    /** The unique name used in predictor specs, e.g. {@code ewma}: lower case, digits and '-'. */
    String name();

    /** A one-line description for {@code numabias predictors}. */
    String description();

    /** The parameters the predictor accepts, with their defaults; empty if none. */
    List<ParameterSpec> parameters();

    /**
     * Creates a predictor for one replay or live run.
     *
     * @param config   every parameter of {@link #parameters()}, defaults applied and names checked
     * @param topology the nodes, CPU map and distances of the trace or machine
     * @throws ConfigurationException if a parameter value is not acceptable (say which and why)
     */
    AllocationPredictor create(PredictorConfig config, Topology topology);

    /**
     * Whether a predictor's behaviour for one device depends only on that device's events: its state
     * is kept per key, and every key includes the device (DESIGN.md, "Built-in predictors"). If so,
     * a sweep may replay a trace split by device in separate tasks and add up the results, which then
     * equal the unsplit replay exactly. Default false: a predictor that does not declare it (e.g. one
     * with state shared across devices, or a plugin written before this method) is never split.
     */
    default boolean stateIsPerDevice() {
        return false;
    }
}
