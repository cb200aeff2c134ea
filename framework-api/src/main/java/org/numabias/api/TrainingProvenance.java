package org.numabias.api;

import java.util.Objects;

/**
 * What a trained predictor was fitted on, declared through {@link AllocationPredictor#trainedOn()} so
 * that an evaluation can check its protocol: the runtime refuses to score the predictor on events it
 * was fitted on (unless asked explicitly, and then labels the result {@code in-sample}), refuses a
 * topology with another node count, and labels a result on another trace {@code transfer}.
 *
 * <p><b>Versions.</b> {@code version} is the version of this description's contract, {@link #VERSION}
 * for code compiled against this API. The fields below are those of version 1; a later version adds
 * fields (with a new constructor, keeping this one) and a runtime reads a description of any version
 * from 1 to its own {@link #VERSION}. A version outside that range is refused when the description is
 * created, naming both.
 *
 * @param version        the contract's version, 1..{@link #VERSION}
 * @param traceDigest    SHA-256 (lower-case hex) of the training trace's events as numabias computes it (the
 *                       {@code eventsSha256} of {@code compare --format json} and {@code numabias stats}):
 *                       the whole trace's, not only the fitted part's
 * @param trace          the training trace's name, for messages (may be empty)
 * @param fromEvent      the first event index the predictor was fitted on, {@code >= 0}
 * @param untilEvent     the first event index after the fitted range, {@code >= fromEvent}: events
 *                       {@code fromEvent..untilEvent-1} (A, C and F rows, 0-based, as {@code --score-from}
 *                       counts them) were seen in fitting
 * @param cut            the end of the fitted range as the user gave it (e.g. {@code 0.5} or {@code 5000}), for
 *                       messages (may be empty)
 * @param nodes          the node count of the training trace's topology (the node ids the predictor knows), or 0
 *                       if unknown (then not checked)
 * @param featureVersion the version of the features the predictor reads (may be empty)
 */
public record TrainingProvenance(int version, String traceDigest, String trace, long fromEvent, long untilEvent,
                                 String cut, int nodes, String featureVersion) {
    /** The version of this contract in this API. */
    public static final int VERSION = 1;

    /**
     * @throws IllegalArgumentException for an unknown version, a blank digest, a negative or reversed range, or
     *                                  a negative node count
     */
    public TrainingProvenance {
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("training provenance version " + version + " is not known to this "
                    + "numabias, which reads versions 1.." + VERSION);
        }
        Objects.requireNonNull(traceDigest, "traceDigest");
        trace = Objects.requireNonNullElse(trace, "");
        cut = Objects.requireNonNullElse(cut, "");
        featureVersion = Objects.requireNonNullElse(featureVersion, "");
        if (traceDigest.isBlank()) {
            throw new IllegalArgumentException("training provenance needs the training trace's digest");
        }
        if (fromEvent < 0 || untilEvent < fromEvent) {
            throw new IllegalArgumentException("training provenance: fitted range " + fromEvent + ".." + untilEvent
                    + " must satisfy 0 <= from <= until");
        }
        if (nodes < 0) {
            throw new IllegalArgumentException("training provenance: nodes must be >= 1, or 0 if unknown, got " + nodes);
        }
    }

    /** A version-{@value #VERSION} description. */
    public static TrainingProvenance of(String traceDigest, String trace, long fromEvent, long untilEvent, String cut,
                                        int nodes, String featureVersion) {
        return new TrainingProvenance(VERSION, traceDigest, trace, fromEvent, untilEvent, cut, nodes, featureVersion);
    }

    /** Whether the predictor was fitted on any event at or after {@code scoreFrom} (on the same trace). */
    public boolean overlapsScoringFrom(long scoreFrom) {
        return untilEvent > fromEvent && untilEvent > scoreFrom;
    }
}
