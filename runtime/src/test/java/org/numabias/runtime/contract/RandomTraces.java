package org.numabias.runtime.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;

/**
 * Random but valid traces for property tests: a small pool of buffer ids (so ids are reused,
 * replaced and freed), a few devices, queues and flows, consumes of live and unknown buffers,
 * partial reads, zero-byte reads and non-uniform distances. Deterministic from the seed.
 */
public final class RandomTraces {
    private RandomTraces() {
    }

    /** A trace of {@code length} events on {@code nodes} nodes; distances random when {@code skewed}. */
    public static InMemoryTrace generate(long seed, int nodes, int length, boolean skewed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] distances = new int[nodes][nodes];
        for (int a = 0; a < nodes; a++) {
            for (int b = 0; b < nodes; b++) {
                distances[a][b] = a == b ? 10 : skewed ? 11 + rnd.nextInt(30) : 20;
            }
        }
        Topology topology = new Topology(nodes, new int[0], distances, "random", false);
        List<TraceEvent> events = new ArrayList<>();
        int pool = 1 + rnd.nextInt(24);
        long time = rnd.nextLong(1000);
        for (int i = 0; i < length; i++) {
            time += rnd.nextInt(3); // ties happen
            long buffer = rnd.nextInt(pool);
            int kind = rnd.nextInt(10);
            if (kind < 4) {
                int cpu = rnd.nextInt(nodes * 2);
                long flow = rnd.nextInt(5) == 0 ? -1 : rnd.nextLong(1L << 32);
                events.add(new TraceEvent.Alloc(time, buffer, rnd.nextInt(3), rnd.nextInt(3) - (rnd.nextInt(8) == 0 ? 1 : 0),
                        flow % 4, cpu, rnd.nextInt(nodes), rnd.nextInt(1, 9000)));
            } else if (kind < 9) {
                events.add(new TraceEvent.Consume(time, buffer, rnd.nextInt(nodes * 2), rnd.nextInt(nodes),
                        rnd.nextInt(8) == 0 ? 0 : rnd.nextInt(1, 65536)));
            } else {
                events.add(new TraceEvent.Free(time, buffer));
            }
        }
        TraceHeader header = TraceHeader.of(topology, List.of("dev0", "dev1", "dev2"), Map.of("generator", "RandomTraces",
                "seed", Long.toString(seed)), Map.of());
        return new InMemoryTrace(header, events, "random(seed=" + seed + ",nodes=" + nodes + ",length=" + length + ")");
    }
}
