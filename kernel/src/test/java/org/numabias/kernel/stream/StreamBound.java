package org.numabias.kernel.stream;

import java.util.List;
import java.util.Map;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.topology.CpuNodeMap;

/**
 * Streams {@code args[0]} synthetic datagrams through {@link StreamingTraceSource} and the replay
 * engine (as watch does) and prints the events replayed; run in a JVM with a small heap by
 * {@link StreamingMemoryTest}.
 */
public final class StreamBound {
    private StreamBound() {
    }

    public static void main(String[] args) {
        SyntheticPerfText text = new SyntheticPerfText(Long.parseLong(args[0]));
        Topology topology = CpuNodeMap.projection(1).topology(3);
        StreamingTraceSource source = new StreamingTraceSource(text, CpuNodeMap.projection(1), topology, "synthetic",
                Map.of(), null, false);
        ReplayReport report = new ReplayEngine(PredictorRegistry.builtIn()).run(source, topology,
                List.of("producer-local", "last-consumer", "ewma", "oracle"), ReplayEngine.Options.defaults());
        System.out.println("events " + report.summary().events() + " expected " + text.events());
    }
}
