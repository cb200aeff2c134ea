/**
 * {@code perf}: recording kernel network events with {@code perf record}/{@code perf script} and
 * importing {@code perf script} text into traces with DESIGN.md's parse and join rules
 * ({@link org.numabias.kernel.perf.PerfScriptImporter}, streaming, regex-free). Used by the CLI's
 * {@code record}, {@code import} and bundled-dataset commands (which live in trace-tools).
 */
package org.numabias.kernel.perf;
