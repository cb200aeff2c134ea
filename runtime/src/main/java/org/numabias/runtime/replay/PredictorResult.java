package org.numabias.runtime.replay;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One predictor's results on one trace: who it is (label, provider name, effective parameters,
 * origin), every {@link Measurement} (DESIGN.md, "Metrics"; a ratio whose denominator is 0 is
 * null), the guard's findings, its {@link PredictionMatrix} (scored consumptions and bytes by predicted
 * and consumer node; null beyond {@link PredictionMatrix#MAX_NODES} nodes, or when read from JSON
 * written before it existed), and, when asked for, the windowed measurements in trace order.
 * {@code nsPerCall} and {@code stateBytes} are measured costs of the predictor itself: wall-clock ns
 * inside its calls on this machine, sampled ({@link org.numabias.runtime.guard.PredictorGuard}), and
 * its own estimate of its state (-1 if it gives none).
 *
 * <p>JSON (through Jackson): one object with {@code predictor}, {@code label}, {@code params},
 * {@code origin}, every measurement by its key, {@code firstFault}, {@code nsPerCall},
 * {@code stateBytes}, {@code overBudget}, {@code trainedOn} for a predictor trained offline,
 * {@code nodeMatrix} when there is one, {@code windows} (a list of objects of the windowed measurements)
 * when windows were asked for, and {@code intervals} (measurement key to {@code [lower, upper]},
 * {@link BlockBootstrap}) when there are any. Reading it back gives an equal value.
 *
 * @param measurements every measurement (null values allowed); held in an {@link EnumMap}
 * @param nodeMatrix   scored consumptions and bytes by (predicted node, consumer node), or null
 * @param windows      per window of scored consumptions, the {@link Measurement#windowed()} ones; empty when not asked for
 * @param trainedOn    for a predictor trained offline, what it was fitted on and how the scored events relate to
 *                     it (JSON: {@code trainedOn}, an object with {@code sampling} and the provenance); else null
 * @param intervals    95% intervals of measurements ({@link BlockBootstrap}); empty when there are none
 */
public record PredictorResult(String label, String predictor, Map<String, String> params, String origin,
                              Map<Measurement, Number> measurements, String firstFault, double nsPerCall,
                              long stateBytes, boolean overBudget, PredictionMatrix nodeMatrix,
                              List<Map<Measurement, Number>> windows, TrainedOn trainedOn,
                              Map<Measurement, Interval> intervals) {

    public PredictorResult {
        intervals = Collections.unmodifiableMap(intervals.isEmpty() ? new EnumMap<>(Measurement.class)
                : new EnumMap<>(intervals));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        measurements = Collections.unmodifiableMap(typed(measurements));
        List<Map<Measurement, Number>> w = new ArrayList<>();
        for (Map<Measurement, Number> window : windows) {
            w.add(Collections.unmodifiableMap(typed(window)));
        }
        windows = Collections.unmodifiableList(w);
    }

    /** A result of a predictor not trained offline, without intervals. */
    public PredictorResult(String label, String predictor, Map<String, String> params, String origin,
                           Map<Measurement, Number> measurements, String firstFault, double nsPerCall,
                           long stateBytes, boolean overBudget, PredictionMatrix nodeMatrix,
                           List<Map<Measurement, Number>> windows) {
        this(label, predictor, params, origin, measurements, firstFault, nsPerCall, stateBytes, overBudget, nodeMatrix,
                windows, null, Map.of());
    }

    /** The label with its sampling when the predictor was trained offline, e.g. {@code tribuo:model=m [in-sample]}. */
    public String labelWithSampling() {
        return trainedOn == null ? label : label + " [" + trainedOn.sampling().label() + "]";
    }

    private static Map<Measurement, Number> typed(Map<Measurement, Number> values) {
        Map<Measurement, Number> m = new EnumMap<>(Measurement.class);
        values.forEach((k, v) -> m.put(k, k.coerce(v)));
        return m;
    }

    /** The 95% interval of {@code m}, or null if it has none. */
    public Interval interval(Measurement m) {
        return intervals.get(m);
    }

    /** The value of {@code m} (null if undefined or not measured). */
    public Number value(Measurement m) {
        return measurements.get(m);
    }

    private long count(Measurement m) {
        Number v = measurements.get(m);
        return v == null ? 0 : v.longValue();
    }

    private Double ratio(Measurement m) {
        return (Double) measurements.get(m);
    }

    /** Scored consumptions. */
    public long consumptions() { return count(Measurement.CONSUMPTIONS); }
    /** Their bytes. */
    public long bytes() { return count(Measurement.BYTES); }
    /** Alloc events of the trace. */
    public long allocs() { return count(Measurement.ALLOCS); }
    /** Buffer instances never consumed. */
    public long unconsumedAllocs() { return count(Measurement.UNCONSUMED_ALLOCS); }
    /** Consumes of buffers that were not live. */
    public long unknownConsumes() { return count(Measurement.UNKNOWN_CONSUMES); }
    /** See {@link Measurement#ACCURACY}. */
    public Double accuracy() { return ratio(Measurement.ACCURACY); }
    /** See {@link Measurement#LOCAL_BYTE_RATIO}. */
    public Double localByteRatio() { return ratio(Measurement.LOCAL_BYTE_RATIO); }
    /** See {@link Measurement#REMOTE_BYTES}. */
    public long remoteBytes() { return count(Measurement.REMOTE_BYTES); }
    /** See {@link Measurement#COST}. */
    public double cost() { return ratio(Measurement.COST); }
    /** See {@link Measurement#REGRET}. */
    public Double regret() { return ratio(Measurement.REGRET); }
    /** See {@link Measurement#CAPTURED_GAIN}. */
    public Double capturedGain() { return ratio(Measurement.CAPTURED_GAIN); }
    /** See {@link Measurement#REMOTE_BYTES_AVOIDED}. */
    public Double remoteBytesAvoided() { return ratio(Measurement.REMOTE_BYTES_AVOIDED); }
    /** See {@link Measurement#KAPPA}. */
    public Double kappa() { return ratio(Measurement.KAPPA); }
    /** See {@link Measurement#KAPPA_M}. */
    public Double kappaM() { return ratio(Measurement.KAPPA_M); }
    /** See {@link Measurement#KAPPA_TEMPORAL}. */
    public Double kappaTemporal() { return ratio(Measurement.KAPPA_TEMPORAL); }
    /** See {@link Measurement#MPKS}. */
    public Double mpks() { return ratio(Measurement.MPKS); }
    /** Predictor faults. */
    public long faults() { return count(Measurement.FAULTS); }

    /** The JSON object, fields in report order. */
    @JsonValue
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("predictor", predictor);
        m.put("label", label);
        m.put("params", params);
        m.put("origin", origin);
        for (Measurement x : Measurement.values()) {
            m.put(x.key(), measurements.get(x));
        }
        m.put("firstFault", firstFault);
        m.put("nsPerCall", nsPerCall);
        m.put("stateBytes", stateBytes);
        m.put("overBudget", overBudget);
        if (trainedOn != null) {
            m.put("trainedOn", trainedOn.toJson());
        }
        if (nodeMatrix != null) {
            m.put("nodeMatrix", nodeMatrix);
        }
        if (!windows.isEmpty()) {
            List<Map<String, Object>> w = new ArrayList<>();
            for (Map<Measurement, Number> window : windows) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (Measurement x : Measurement.values()) {
                    if (x.windowed()) {
                        values.put(x.key(), window.get(x));
                    }
                }
                w.add(values);
            }
            m.put("windows", w);
        }
        if (!intervals.isEmpty()) {
            Map<String, double[]> i = new LinkedHashMap<>();
            intervals.forEach((x, interval) -> i.put(x.key(), new double[] {interval.lower(), interval.upper()}));
            m.put("intervals", i);
        }
        return m;
    }

    /** Reads the JSON object {@link #toJson()} writes. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    @SuppressWarnings("unchecked")
    public static PredictorResult fromJson(Map<String, Object> json) {
        List<Map<Measurement, Number>> windows = new ArrayList<>();
        for (Object window : (List<Object>) json.getOrDefault("windows", List.of())) {
            windows.add(measurements((Map<String, Object>) window));
        }
        return new PredictorResult((String) json.get("label"), (String) json.get("predictor"),
                (Map<String, String>) json.get("params"), (String) json.get("origin"), measurements(json),
                (String) json.get("firstFault"), ((Number) json.get("nsPerCall")).doubleValue(),
                ((Number) json.get("stateBytes")).longValue(), (Boolean) json.get("overBudget"),
                json.get("nodeMatrix") == null ? null : PredictionMatrix.fromJson((Map<String, Object>) json.get("nodeMatrix")),
                windows, json.get("trainedOn") == null ? null : TrainedOn.fromJson((Map<String, Object>) json.get("trainedOn")),
                intervals((Map<String, List<Number>>) json.getOrDefault("intervals", Map.of())));
    }

    private static Map<Measurement, Interval> intervals(Map<String, List<Number>> json) {
        Map<Measurement, Interval> m = new EnumMap<>(Measurement.class);
        json.forEach((key, bounds) -> {
            Measurement x = Measurement.byKey(key);
            if (x != null) {
                m.put(x, new Interval(bounds.get(0).doubleValue(), bounds.get(1).doubleValue()));
            }
        });
        return m;
    }

    private static Map<Measurement, Number> measurements(Map<String, Object> json) {
        Map<Measurement, Number> m = new EnumMap<>(Measurement.class);
        json.forEach((key, value) -> {
            Measurement x = Measurement.byKey(key);
            if (x != null) {
                m.put(x, (Number) value);
            }
        });
        return m;
    }
}
