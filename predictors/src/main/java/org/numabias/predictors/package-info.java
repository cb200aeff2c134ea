/**
 * The built-in predictors (DESIGN.md, "Predictors"): producer-local, interleave, last-consumer,
 * majority, ewma, markov, two-stage and the oracle, each with its provider, registered through
 * {@code META-INF/services/org.numabias.api.PredictorProvider}. Every module reaches them through
 * {@link org.numabias.api.PredictorRegistry} by spec, never by class (only this module's tests use the
 * classes); keep it that way, so that built-ins and plugins are served alike.
 */
package org.numabias.predictors;
