/**
 * Datasets shipped with numabias: synthetic scenarios with a documented winner
 * ({@link org.numabias.datasets.Scenarios}; their traces are generated while read, so memory does
 * not grow with their length) and real recorded {@code perf script} captures
 * ({@link org.numabias.datasets.RecordedTrace}). Used by the CLI, tests, benchmarks and notebooks.
 */
package org.numabias.datasets;
