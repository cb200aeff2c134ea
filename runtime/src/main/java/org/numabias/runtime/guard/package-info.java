/**
 * Running untrusted predictors safely: {@link org.numabias.runtime.guard.PredictorGuard} isolates
 * faults, measures time per call by sampling, enforces a time budget and keeps fault counts;
 * {@link org.numabias.runtime.guard.PredictorWatchdog} reports a call that never returns. Used by the
 * replay engine and the live runtime; independent of both (it depends on the SPI only).
 */
package org.numabias.runtime.guard;
