package org.numabias.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;

/** Replays of small traces for the report tests. */
final class Replays {
    static final List<String> SPECS = List.of("producer-local", "oracle", "last-consumer", "majority", "interleave");

    private Replays() {
    }

    static ReplayReport replay(InMemoryTrace trace) {
        return new ReplayEngine(PredictorRegistry.builtIn()).run(trace, trace.header().topology(), SPECS,
                ReplayEngine.Options.defaults());
    }

    /**
     * A recorded-looking trace on 2 nodes: {@code local} buffers of 1000 bytes consumed on their
     * producer's node, then {@code remote} buffers of {@code remoteBytes} consumed on the other node.
     */
    static InMemoryTrace nearlyLocal(int local, int remote, long remoteBytes) {
        List<TraceEvent> events = new ArrayList<>();
        long t = 0;
        long id = 0;
        for (int i = 0; i < local + remote; i++) {
            boolean far = i >= local;
            long bytes = far ? remoteBytes : 1000;
            events.add(new TraceEvent.Alloc(t++, id, 0, 0, 1, 0, 0, bytes, 0));
            events.add(new TraceEvent.Consume(t++, id, far ? 1 : 0, far ? 1 : 0, bytes));
            events.add(new TraceEvent.Free(t++, id));
            id++;
        }
        TraceHeader header = TraceHeader.of(Topology.uniform(2, "test"), List.of("eth0"), Map.of("tool", "test"), Map.of());
        return new InMemoryTrace(header, events, "nearly-local");
    }
}
