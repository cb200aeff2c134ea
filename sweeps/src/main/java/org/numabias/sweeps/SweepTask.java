package org.numabias.sweeps;

import java.io.Serializable;
import java.util.List;

/**
 * One unit of work, shipped to a worker thread or a Spark executor: one trace (or one device part of
 * it) replayed once through several configurations.
 *
 * @param experiment    the experiment's name
 * @param traceIndex    the trace's position in the sweep
 * @param trace         the trace
 * @param configIndexes the configurations' positions in the sweep
 * @param specs         the configurations, as specs, same order
 * @param options       replay options
 * @param part          the device part (0 when unsplit)
 * @param parts         how many parts the trace is split into for these configurations (1 = unsplit)
 */
public record SweepTask(String experiment, int traceIndex, TraceRef trace, List<Integer> configIndexes,
                        List<String> specs, SweepOptions options, int part, int parts) implements Serializable {
    public SweepTask {
        configIndexes = List.copyOf(configIndexes);
        specs = List.copyOf(specs);
    }
}
