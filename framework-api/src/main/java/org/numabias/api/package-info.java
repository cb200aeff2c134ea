/**
 * The framework's public API, the one every other module depends on: the predictor SPI
 * ({@link org.numabias.api.AllocationPredictor}, {@link org.numabias.api.PredictorProvider},
 * versioned by {@link org.numabias.api.Spi}; plugins are written against it and it stays stable), the
 * contexts and feedback predictors see, {@link org.numabias.api.Topology}, predictor specs and
 * parameters, keyed state helpers for predictor authors ({@link org.numabias.api.KeySlots}), and
 * {@link org.numabias.api.PredictorRegistry}, which finds providers on the class path and in plugin jars.
 * For every module and for plugins.
 */
package org.numabias.api;
