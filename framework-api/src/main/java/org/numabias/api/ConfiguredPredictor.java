package org.numabias.api;

import java.util.Map;

/**
 * A predictor created from a spec, with what results must carry: the spec as given, the provider
 * name, the effective parameters (defaults filled in) and the origin (built-in or a plugin jar).
 */
public record ConfiguredPredictor(String label, String name, Map<String, String> params,
                                  AllocationPredictor predictor, String origin) {
    public ConfiguredPredictor {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
