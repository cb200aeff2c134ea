package org.numabias.api;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a predictor: its name, default value (as written in a spec), a one-line
 * description and, for enumerations, the accepted values (empty when any value may be given).
 */
public record ParameterSpec(String name, String defaultValue, String description, List<String> choices) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices);
        if (!choices.isEmpty() && !choices.contains(defaultValue)) {
            throw new IllegalArgumentException("default '" + defaultValue + "' of parameter '" + name
                    + "' is not one of " + choices);
        }
    }

    /** A free-form parameter (a number, a path). */
    public static ParameterSpec of(String name, String defaultValue, String description) {
        return new ParameterSpec(name, defaultValue, description, List.of());
    }

    /** A parameter that takes one of {@code choices}. */
    public static ParameterSpec choice(String name, String defaultValue, String description, String... choices) {
        return new ParameterSpec(name, defaultValue, description, List.of(choices));
    }

    /** The {@code key} parameter shared by every keyed predictor. */
    public static ParameterSpec key() {
        return choice("key", "device", "what state is kept per: device, (device, queue) or (device, flow)",
                "device", "queue", "flow");
    }
}
