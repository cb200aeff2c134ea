package org.numabias.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;
import org.numabias.datasets.GeneratedTrace;
import org.numabias.datasets.Scenarios;
import org.numabias.runtime.replay.ReplayEngine;

/**
 * The memory figure's probe, run by {@link Bench} in a JVM of its own (with a small {@code -Xmx}):
 * replays {@code EVENTS} events of the {@code mix} scenario, generated while read, through the
 * replay's public entry point with {@code majority}, and at 90% of every pass over the trace forces
 * a full GC and records the heap in use: the replay's own state, since the generated trace holds
 * nothing. Prints {@code heapAfterGcBytes=N seconds=S}; fails (non-zero exit) if the replay does.
 * Usage: {@code MemoryProbe EVENTS}.
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    /** Runs the probe. */
    public static void main(String[] args) {
        long events = Long.parseLong(args[0]);
        GeneratedTrace generated = Scenarios.byName("mix").generate(1, Map.of("length", Long.toString(events / 3)));
        long sampleAt = events * 9 / 10;
        long[] heap = {0};
        TraceSource sampled = new TraceSource() {
            @Override
            public TraceHeader header() {
                return generated.header();
            }

            @Override
            public String description() {
                return generated.description();
            }

            @Override
            public TraceCursor open() {
                TraceCursor inner = generated.open();
                return new TraceCursor() {
                    private long read;

                    @Override
                    public boolean hasNext() {
                        return inner.hasNext();
                    }

                    @Override
                    public TraceEvent next() {
                        if (++read == sampleAt) {
                            System.gc();
                            heap[0] = Math.max(heap[0], ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                        }
                        return inner.next();
                    }

                    @Override
                    public void close() {
                        inner.close();
                    }
                };
            }
        };
        long start = System.nanoTime();
        new ReplayEngine(PredictorRegistry.builtIn()).run(sampled, generated.header().topology(), List.of("majority"),
                ReplayEngine.Options.defaults());
        System.out.printf("heapAfterGcBytes=%d seconds=%.1f%n", heap[0], (System.nanoTime() - start) / 1e9);
    }
}
