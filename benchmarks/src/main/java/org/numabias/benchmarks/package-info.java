/**
 * JMH benchmarks, each beside a raw baseline measured in the same run (hand-written majority,
 * raw Chronicle Queue reads and appends, a plain line read), and {@link org.numabias.benchmarks.Bench},
 * the driver of {@code numabias bench --short|--full} that turns them into the figures of docs/performance.md
 * (value, baseline, ratio, target). Not a library: nothing else depends on this module.
 */
package org.numabias.benchmarks;
