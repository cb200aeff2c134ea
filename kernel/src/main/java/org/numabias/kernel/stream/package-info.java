/**
 * The running kernel as a stream: {@link org.numabias.kernel.stream.PerfPipe} runs {@code perf record}
 * in pipe mode into {@code perf script}, and {@link org.numabias.kernel.stream.StreamingTraceSource}
 * imports that text online into a {@link org.numabias.api.trace.TraceSource} that a replay (or any
 * caller) reads while the events arrive, optionally keeping them as a trace.
 */
package org.numabias.kernel.stream;
