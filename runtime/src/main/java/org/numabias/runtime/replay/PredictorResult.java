package org.numabias.runtime.replay;

import java.util.Map;

/**
 * One predictor's metrics on one trace (DESIGN.md, "Metrics"). Ratios whose denominator is 0 are
 * null. {@code nsPerCall} and {@code stateBytes} are measured costs of the predictor itself (time
 * inside its calls, wall clock on this machine; its own estimate of its state, -1 if it gives none).
 */
public record PredictorResult(
        String label, String predictor, Map<String, String> params, String origin,
        long consumptions, long bytes, long allocs, long unconsumedAllocs, long unknownConsumes,
        Double accuracy, Double localByteRatio, long remoteBytes, double cost, Double regret, Double capturedGain,
        Double kappa, Double kappaM, Double kappaTemporal, Double mpks,
        long faults, String firstFault, double nsPerCall, long stateBytes, boolean overBudget) {
}
