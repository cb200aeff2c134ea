package org.numabias.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.numabias.api.ParameterSpec;
import org.numabias.api.trace.TraceCursor;

/**
 * A {@link Scenario} defined by its documentation, its parameters (the common ones plus its own)
 * and a generator over a checked {@link Workload} (one generator pass per read of the trace).
 */
public record SyntheticScenario(String name, String summary, String documentation, String expectedWinner,
                                List<String> beats, double margin, List<ParameterSpec> parameters,
                                Function<Workload, TraceCursor> generator) implements Scenario {

    /** A scenario with the common parameters (given defaults) followed by {@code extra}. */
    static SyntheticScenario of(String name, String summary, String documentation, String expectedWinner,
                                List<String> beats, double margin, List<ParameterSpec> common,
                                List<ParameterSpec> extra, Function<Workload, TraceCursor> generator) {
        List<ParameterSpec> all = new ArrayList<>(common);
        all.addAll(extra);
        return new SyntheticScenario(name, summary, documentation, expectedWinner, List.copyOf(beats), margin,
                List.copyOf(all), generator);
    }

    /**
     * Checks the parameters now (a bad one is an error here, not at the first read) and returns a
     * trace that runs the generator again on every pass.
     */
    @Override
    public GeneratedTrace generate(long seed, Map<String, String> params) {
        Map<String, String> given = Map.copyOf(params);
        Workload workload = new Workload(name, parameters, given, seed);
        generator.apply(workload).close(); // the scenario's own parameter checks
        return new GeneratedTrace(workload.header(), name + "(seed=" + seed + ")",
                () -> generator.apply(new Workload(name, parameters, given, seed)));
    }
}
