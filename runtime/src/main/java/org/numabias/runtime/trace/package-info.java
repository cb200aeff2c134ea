/**
 * Traces as a library: {@link org.numabias.runtime.trace.Traces#open} opens a trace directory or a CSV
 * file as a {@link org.numabias.api.trace.TraceSource}. For the CLI, notebooks, the live runtime and
 * sweeps.
 */
package org.numabias.runtime.trace;
