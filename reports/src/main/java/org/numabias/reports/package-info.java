/**
 * What the CLI shows people and writes for tools: comparison tables, CSV and JSON
 * ({@link org.numabias.reports.CompareReport}, JSON through the runtime's {@code ReplayJson}), text
 * tables and charts. Used by the CLI, sweeps and notebooks; depends only inward (runtime, live, framework-api).
 */
package org.numabias.reports;
