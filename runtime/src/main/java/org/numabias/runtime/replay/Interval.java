package org.numabias.runtime.replay;

/**
 * A confidence interval of one measurement: {@code lower <= upper}, in the measurement's units. In JSON
 * a two-element array {@code [lower, upper]} under the result's {@code intervals} object.
 *
 * @param lower the lower bound
 * @param upper the upper bound
 */
public record Interval(double lower, double upper) {
    /**
     * @throws IllegalArgumentException if a bound is NaN or {@code lower > upper}
     */
    public Interval {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("not an interval: [" + lower + ", " + upper + "]");
        }
    }

    /** Whether {@code x} lies in {@code [lower, upper]}. */
    public boolean contains(double x) {
        return lower <= x && x <= upper;
    }
}
