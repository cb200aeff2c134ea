/**
 * The built-in predictors (DESIGN.md's exact semantics), each registered through its
 * {@code Provider} as a {@link org.numabias.api.PredictorProvider} service. Their per-key state is
 * kept in primitive arrays indexed by {@link org.numabias.api.KeySlots} slots: no allocation per
 * event. Reached only through the SPI.
 */
package org.numabias.predictors;
