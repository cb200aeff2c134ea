package org.numabias.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed predictor spec {@code name[:k=v,k=v]}, e.g. {@code ewma:alpha=0.5,key=flow}. Whitespace
 * around names and values is ignored; a parameter may appear once.
 */
public record PredictorSpec(String name, Map<String, String> params) {

    public PredictorSpec {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Parses a spec, or throws a {@link ConfigurationException} saying what the form is. */
    public static PredictorSpec parse(String text) {
        String spec = text == null ? "" : text.trim();
        int colon = spec.indexOf(':');
        String name = (colon < 0 ? spec : spec.substring(0, colon)).trim();
        if (name.isEmpty()) {
            throw new ConfigurationException("empty predictor name in spec '" + text + "'; the form is name[:k=v,k=v]");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String pair : spec.substring(colon + 1).split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || pair.substring(0, eq).isBlank()) {
                    throw new ConfigurationException("bad parameter '" + pair.trim() + "' in spec '" + text
                            + "'; the form is name[:k=v,k=v]");
                }
                String key = pair.substring(0, eq).trim();
                if (params.put(key, pair.substring(eq + 1).trim()) != null) {
                    throw new ConfigurationException("parameter '" + key + "' given twice in spec '" + text + "'");
                }
            }
        }
        return new PredictorSpec(name, params);
    }

    /** The spec written back as text, parameters in the order given. */
    @Override
    public String toString() {
        if (params.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append(':');
        params.forEach((k, v) -> sb.append(k).append('=').append(v).append(','));
        return sb.substring(0, sb.length() - 1);
    }
}
