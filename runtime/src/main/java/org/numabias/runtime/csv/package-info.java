/**
 * DESIGN.md's CSV trace format: {@link org.numabias.runtime.csv.CsvTraceSource} reads a file as a
 * streaming trace, {@link org.numabias.runtime.csv.CsvTraceWriter} writes one. For any module that
 * reads or writes CSV traces (CLI import/export, notebooks, sweeps); most callers open traces through
 * {@code org.numabias.runtime.trace.Traces} instead.
 */
package org.numabias.runtime.csv;
