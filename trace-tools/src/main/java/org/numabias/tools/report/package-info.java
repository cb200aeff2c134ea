/**
 * What the CLI shows people and writes for tools: comparison tables, CSV and JSON
 * ({@link org.numabias.tools.report.CompareReport}, JSON through the runtime's {@code ReplayJson}), text
 * tables and charts. For the CLI's commands; other modules read reports through the runtime's types.
 */
package org.numabias.tools.report;
