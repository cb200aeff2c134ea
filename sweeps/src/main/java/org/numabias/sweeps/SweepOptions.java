package org.numabias.sweeps;

import java.io.Serializable;
import java.util.List;

/**
 * The replay options of a sweep, defaults filled in (see {@link Experiment.Options}); serializable so
 * that Spark ships it with each task.
 *
 * @param scoreFrom    as {@code compare --score-from}
 * @param distances    a distance matrix replacing each trace's, or null
 * @param distancesFile the absolute path of a distance matrix file replacing each trace's, or null
 * @param budgetNs     per-call time budget
 * @param splitDevices the most parts a trace is split into by device (1 = never split)
 * @param plugins      absolute plugin jar or folder paths
 * @param allowPartial replay the readable prefix of a damaged trace instead of failing it
 * @param allowInSample score a trained predictor on events it was fitted on (labelled in-sample) instead of refusing the trace
 */
public record SweepOptions(String scoreFrom, int[][] distances, String distancesFile, long budgetNs, int splitDevices, List<String> plugins,
                           boolean allowPartial, boolean allowInSample)
        implements Serializable {
    public SweepOptions {
        plugins = List.copyOf(plugins);
    }
}
