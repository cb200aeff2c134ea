package org.numabias.reports;

import java.util.function.BiFunction;
import org.numabias.runtime.replay.Interval;
import org.numabias.runtime.replay.Measurement;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;

/**
 * A per-predictor metric as reports chart and rank it: its name, one-line meaning, direction, value
 * (from a result in its report) and whether a value is meaningful there.
 */
public enum ResultMetric {
    /** Share of scored bytes consumed on the node they were allocated on. */
    LOCAL_BYTE_RATIO("localByteRatio", "share of consumed bytes that were local (higher is better)", true,
            (r, p) -> p.localByteRatio()),
    /** Share of scored bytes moved from remote to local against producer-local. */
    REMOTE_BYTES_AVOIDED("remoteBytesAvoided",
            "share of all consumed bytes moved from remote to local against producer-local, the kernel default "
                    + "(higher is better; 0 = as good as the default)", true, (r, p) -> p.remoteBytesAvoided()),
    /** Share of the achievable improvement captured. */
    CAPTURED_GAIN("capturedGain", "share of the achievable improvement (producer-local to oracle) captured "
            + "(1 = as good as the oracle, 0 = as good as the default)", true, (r, p) -> p.capturedGain()),
    /** Share of scored consumes predicted exactly. */
    ACCURACY("accuracy", "share of consumes whose node was predicted exactly (higher is better)", true,
            (r, p) -> p.accuracy()),
    /** Cost over the oracle's, minus 1. */
    REGRET("regret", "cost over the oracle's cost, minus 1 (lower is better; 0 = as good as the oracle)", false,
            (r, p) -> p.regret());

    private final String key;
    private final String meaning;
    private final boolean higherIsBetter;
    private final BiFunction<ReplayReport, PredictorResult, Double> value;

    ResultMetric(String key, String meaning, boolean higherIsBetter, BiFunction<ReplayReport, PredictorResult, Double> value) {
        this.key = key;
        this.meaning = meaning;
        this.higherIsBetter = higherIsBetter;
        this.value = value;
    }

    /** The metric's name in JSON and DESIGN.md. */
    public String key() {
        return key;
    }

    /** One line: what the value means and which way is better. */
    public String meaning() {
        return meaning;
    }

    /** Whether a higher value ranks better. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The value for {@code p} in {@code report}, null if undefined. */
    public Double value(ReplayReport report, PredictorResult p) {
        return value.apply(report, p);
    }

    /** The 95% interval of {@code p}'s value (the replay's block bootstrap), or null if it has none. */
    public Interval interval(PredictorResult p) {
        return p.interval(Measurement.byKey(key));
    }

    /** Whether values on {@code report} can be compared and ranked (capturedGain: see {@link Gains}). */
    public boolean meaningful(ReplayReport report) {
        return this != CAPTURED_GAIN || Gains.capturedGainMeaningful(report);
    }

    /** The metric named {@code key}. */
    public static ResultMetric of(String key) {
        for (ResultMetric m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + key + "'");
    }
}
