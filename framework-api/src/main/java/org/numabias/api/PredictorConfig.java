package org.numabias.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective parameters of one predictor: every declared parameter, with the user's value or
 * its default. Built by {@link #of}, which rejects unknown names and values outside a choice list;
 * the typed getters reject malformed numbers. Every error names the predictor (or, built by
 * {@link #of(String, String, List, Map)}, the other kind of configured thing, such as a scenario)
 * and the parameter.
 */
public final class PredictorConfig {
    private final String kind;
    private final String predictor;
    private final Map<String, String> values;

    private PredictorConfig(String kind, String predictor, Map<String, String> values) {
        this.kind = kind;
        this.predictor = predictor;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Checks {@code given} against {@code parameters} and fills in defaults.
     *
     * @throws ConfigurationException on an unknown parameter or a value not among the choices
     */
    public static PredictorConfig of(String predictor, List<ParameterSpec> parameters, Map<String, String> given) {
        return of("predictor", predictor, parameters, given);
    }

    /**
     * Checks {@code given} against {@code parameters} of something other than a predictor that is
     * configured the same way; every error calls it a {@code kind} (for example "scenario").
     *
     * @throws ConfigurationException on an unknown parameter or a value not among the choices
     */
    public static PredictorConfig of(String kind, String name, List<ParameterSpec> parameters, Map<String, String> given) {
        Map<String, String> effective = new LinkedHashMap<>();
        for (ParameterSpec p : parameters) {
            effective.put(p.name(), p.defaultValue());
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            ParameterSpec spec = parameters.stream().filter(p -> p.name().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new ConfigurationException("unknown parameter '" + e.getKey()
                            + "' for " + kind + " '" + name + "'; accepted: " + names(parameters)));
            if (!spec.choices().isEmpty() && !spec.choices().contains(e.getValue())) {
                throw new ConfigurationException("parameter '" + e.getKey() + "' of " + kind + " '" + name
                        + "' must be one of " + String.join("|", spec.choices()) + ", got '" + e.getValue() + "'");
            }
            effective.put(e.getKey(), e.getValue());
        }
        return new PredictorConfig(kind, name, effective);
    }

    private static String names(List<ParameterSpec> parameters) {
        return parameters.isEmpty() ? "(none)"
                : String.join(", ", parameters.stream().map(ParameterSpec::name).toList());
    }

    /** The predictor these parameters are for. */
    public String predictor() {
        return predictor;
    }

    /** Every parameter with its effective value, in declaration order. */
    public Map<String, String> values() {
        return values;
    }

    /** The value of a declared parameter. */
    public String string(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new ConfigurationException(kind + " '" + predictor + "' has no parameter '" + name + "'");
        }
        return v;
    }

    /** The value as an int, or a clear error. */
    public int integer(String name) {
        String v = string(name);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, "an integer", v);
        }
    }

    /** The value as a finite double, or a clear error. */
    public double real(String name) {
        String v = string(name);
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "a finite number", v);
    }

    /** The value as a {@link KeyMode} (parameter {@code key}). */
    public KeyMode keyMode() {
        return KeyMode.parse(string("key"));
    }

    /** Throws unless {@code condition}: "parameter NAME of PREDICTOR must be REQUIREMENT, got VALUE". */
    public void require(boolean condition, String name, String requirement) {
        if (!condition) {
            throw invalid(name, requirement, string(name));
        }
    }

    private ConfigurationException invalid(String name, String requirement, String value) {
        return new ConfigurationException("parameter '" + name + "' of " + kind + " '" + predictor + "' must be "
                + requirement + ", got '" + value + "'");
    }

    @Override
    public String toString() {
        return predictor + values;
    }
}
