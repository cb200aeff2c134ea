/**
 * Datasets with a known answer: synthetic {@link org.numabias.datasets.Scenario}s over the common
 * {@link org.numabias.datasets.Workload} model ({@link org.numabias.datasets.Scenarios} lists them),
 * generated while read ({@link org.numabias.datasets.GeneratedTrace}), and the bundled real traces'
 * {@code perf script} text with its provenance ({@link org.numabias.datasets.RecordedTrace}). Public API
 * for trace-tools (its dataset catalog and {@code generate}), benchmarks, sweeps and tests; depends only on
 * the framework API, the predictors and the runtime.
 */
package org.numabias.datasets;
