/**
 * The performance figures of the README: JMH benchmarks (replay, compare, perf import, predictors,
 * trace store), each beside a raw baseline in the same run ({@link org.numabias.benchmarks.RawQueue}
 * for the store), the memory probe that runs in a JVM of its own, and {@link org.numabias.benchmarks.Bench},
 * the {@code numabias bench} entry point that prints them as ratios. Not an API: run through the
 * launcher ({@code ./numabias bench}) or JMH; no other module depends on it.
 */
package org.numabias.benchmarks;
