package org.numabias.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.numabias.api.ParameterSpec;
import org.numabias.api.trace.InMemoryTrace;

/**
 * A {@link Scenario} defined by its documentation, its parameters (the common ones plus its own)
 * and a generator over a checked {@link Workload}.
 */
public record SyntheticScenario(String name, String summary, String documentation, String expectedWinner,
                                List<String> beats, double margin, List<ParameterSpec> parameters,
                                Function<Workload, InMemoryTrace> generator) implements Scenario {

    /** A scenario with the common parameters (given defaults) followed by {@code extra}. */
    static SyntheticScenario of(String name, String summary, String documentation, String expectedWinner,
                                List<String> beats, double margin, List<ParameterSpec> common,
                                List<ParameterSpec> extra, Function<Workload, InMemoryTrace> generator) {
        List<ParameterSpec> all = new ArrayList<>(common);
        all.addAll(extra);
        return new SyntheticScenario(name, summary, documentation, expectedWinner, List.copyOf(beats), margin,
                List.copyOf(all), generator);
    }

    @Override
    public InMemoryTrace generate(long seed, Map<String, String> params) {
        return generator.apply(new Workload(name, parameters, params, seed));
    }
}
