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
}
