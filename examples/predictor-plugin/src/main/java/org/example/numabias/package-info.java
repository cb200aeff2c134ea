/**
 * An example predictor plugin, built against the public SPI only: {@code sliding-majority}
 * ({@link org.example.numabias.SlidingMajorityPredictor}) and its provider, registered in
 * {@code META-INF/services/org.numabias.api.PredictorProvider}. A template to copy for new plugins
 * (load the jar with {@code --plugin}); nothing in numabias uses its classes directly.
 */
package org.example.numabias;
