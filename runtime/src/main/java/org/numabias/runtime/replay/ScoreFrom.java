package org.numabias.runtime.replay;

import org.numabias.api.ConfigurationException;

/**
 * Where scoring starts ({@code --score-from X}): a non-negative integer is an event index (events
 * are A, C and F rows, 0-based); anything else must be a fraction strictly inside (0, 1), giving
 * index {@code floor(X * events)}. Consumes with a lower index are fed back but not scored.
 */
public record ScoreFrom(String text, long index, double fraction) {

    /** Score every consumption. */
    public static final ScoreFrom START = new ScoreFrom("0", 0, -1);

    /** Parses X, or throws a {@link ConfigurationException} naming the accepted forms. */
    public static ScoreFrom parse(String text) {
        return parse(text, "--score-from");
    }

    /** {@link #parse(String)} for an option of another name with the same syntax (e.g. train's {@code --until}). */
    public static ScoreFrom parse(String text, String option) {
        String t = text.trim();
        if (t.matches("[0-9]+")) {
            try {
                return new ScoreFrom(t, Long.parseLong(t), -1);
            } catch (NumberFormatException e) {
                throw new ConfigurationException(option + " " + text + ": event index too large");
            }
        }
        double f;
        try {
            f = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            f = Double.NaN;
        }
        if (!(f > 0 && f < 1)) {
            throw new ConfigurationException(option + " must be a non-negative event index or a fraction in (0,1), got '"
                    + text + "'");
        }
        return new ScoreFrom(t, -1, f);
    }

    /** The first scored event index in a trace of {@code events} events. */
    public long resolve(long events) {
        return index >= 0 ? index : (long) Math.floor(fraction * events);
    }
}
