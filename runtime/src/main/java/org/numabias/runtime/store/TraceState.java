package org.numabias.runtime.store;

import java.util.Locale;
import org.numabias.api.trace.TraceHeader;

/**
 * Whether a trace holds everything its writer wrote, read from the provenance {@link
 * ChronicleTraceSource} gives it: {@link #COMPLETE}; {@link #INCOMPLETE}, not sealed because the
 * writer stopped (every event up to its last checksum readable); or {@link #DAMAGED}, events its
 * writer finished are no longer readable (its seal or its queue file's write position says more
 * than is there, e.g. after a power loss zeroed the tail). Every output that shows results carries
 * the state, so a partial trace is never taken for a whole one.
 */
public enum TraceState {
    /** Sealed and intact (or a source without a seal, such as CSV, read to its end). */
    COMPLETE,
    /** Not sealed: the writer stopped before finishing; what it checksummed is readable. */
    INCOMPLETE,
    /** Written events are missing: only a prefix is readable. */
    DAMAGED;

    /** Provenance key of an unsealed trace's note. */
    public static final String INCOMPLETE_KEY = "incomplete";
    /** Provenance key of a damaged trace's note. */
    public static final String DAMAGED_KEY = "damaged";

    /** The state {@code header}'s provenance records. */
    public static TraceState of(TraceHeader header) {
        if (header.provenance().containsKey(DAMAGED_KEY)) {
            return DAMAGED;
        }
        return header.provenance().containsKey(INCOMPLETE_KEY) ? INCOMPLETE : COMPLETE;
    }

    /** What is missing, for a warning; null for a complete trace. */
    public static String note(TraceHeader header) {
        return switch (of(header)) {
            case COMPLETE -> null;
            case INCOMPLETE -> "the trace is incomplete: " + header.provenance().get(INCOMPLETE_KEY);
            case DAMAGED -> "the trace is DAMAGED, only a prefix is readable: " + header.provenance().get(DAMAGED_KEY);
        };
    }

    /**
     * Refuses a {@link #DAMAGED} trace unless the user asked for its readable prefix.
     *
     * @param name         the trace as the user named it
     * @param allowPartial whether the user asked for the readable prefix
     * @param howToAllow   how the user asks for it, for the message (e.g. {@code --allow-partial})
     * @throws org.numabias.api.trace.TraceFormatException naming the trace and what is missing
     */
    public static void requireWhole(TraceHeader header, String name, boolean allowPartial, String howToAllow) {
        if (of(header) == DAMAGED && !allowPartial) {
            throw new org.numabias.api.trace.TraceFormatException(name + ": " + note(header)
                    + "; refusing to score a partial trace as if whole (" + howToAllow + " scores the readable prefix)");
        }
    }

    /** The state's name in outputs: complete, incomplete or damaged. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
