package org.numabias.datasets;

import java.util.List;
import java.util.Map;
import org.numabias.api.ParameterSpec;

/**
 * A synthetic workload with a known answer: deterministic from its seed and parameters, documented
 * with what it models in a real system and which predictor should win, by how much, and why.
 */
public interface Scenario {
    /** The name used on the command line, e.g. {@code static-skew}. */
    String name();

    /** One line: what it models. */
    String summary();

    /** What it models in a real system, which predictor should win and why, and the margin tested. */
    String documentation();

    /** The predictor spec that should win on the default parameters. */
    String expectedWinner();

    /** The predictor specs it should beat by {@link #margin()} in localByteRatio on the defaults. */
    List<String> beats();

    /** The winning margin (in localByteRatio) that the tests check for several seeds. */
    double margin();

    /** Scenario parameters with defaults (common ones first: nodes, devices, flows, length, noise). */
    List<ParameterSpec> parameters();

    /**
     * The trace, generated while it is read (memory independent of its length). {@code params} may
     * hold any subset of {@link #parameters()}; a bad one is a {@link org.numabias.api.ConfigurationException} here.
     */
    GeneratedTrace generate(long seed, Map<String, String> params);
}
