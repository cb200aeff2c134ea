/**
 * The trace model (DESIGN.md, "Trace model"): events, the self-describing header, and the
 * streaming {@link org.numabias.api.trace.TraceSource}/{@link org.numabias.api.trace.TraceCursor}
 * pair every reader and writer of traces uses. Part of the public API.
 */
package org.numabias.api.trace;
