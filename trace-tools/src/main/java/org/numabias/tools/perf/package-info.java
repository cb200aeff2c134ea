/**
 * Linux {@code perf}: {@link org.numabias.tools.perf.PerfRecorder} records the network tracepoints
 * numabias imports, {@link org.numabias.tools.perf.PerfScriptImporter} turns {@code perf script} text into
 * trace events with DESIGN.md's parse and join rules (its line scanner is the measured hot path), and
 * {@link org.numabias.tools.perf.PerfImport} writes them to a sealed trace. Public for the CLI, the catalog,
 * benchmarks and tests.
 */
package org.numabias.tools.perf;
