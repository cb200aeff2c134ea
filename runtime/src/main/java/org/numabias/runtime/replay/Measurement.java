package org.numabias.runtime.replay;

import java.util.function.Function;

/**
 * Every metric of DESIGN.md ("Metrics") as a named measurement, computed here and nowhere else.
 * Reports iterate {@link #values()} in order (JSON fields, CSV columns); adding a metric is adding a
 * constant. A value is a {@link Long} or a {@link Double} ({@link #type()}), or null where its
 * denominator is 0. {@link #windowed()} measurements are also computed per window of scored
 * consumptions; the others describe the whole trace or the predictor.
 */
public enum Measurement {
    /** Scored Consume events N. */
    CONSUMPTIONS("consumptions", Long.class, true, in -> in.lane().consumptions),
    /** Their bytes B. */
    BYTES("bytes", Long.class, true, in -> in.lane().bytes),
    /** Alloc events of the trace. */
    ALLOCS("allocs", Long.class, false, in -> in.summary().allocs()),
    /** Buffer instances never consumed. */
    UNCONSUMED_ALLOCS("unconsumedAllocs", Long.class, false, in -> in.summary().unconsumedAllocs()),
    /** Consumes of a buffer that was not live. */
    UNKNOWN_CONSUMES("unknownConsumes", Long.class, false, in -> in.summary().unknownConsumes()),
    /** Consumes with predicted == consumer node, over N. */
    ACCURACY("accuracy", Double.class, true, in -> in.lane().accuracy()),
    /** Bytes with predicted == consumer node, over B. */
    LOCAL_BYTE_RATIO("localByteRatio", Double.class, true, in -> in.lane().consumptions == 0 || in.lane().bytes == 0
            ? null : (double) in.lane().localBytes / in.lane().bytes),
    /** B minus the local bytes. */
    REMOTE_BYTES("remoteBytes", Long.class, true, in -> in.lane().remoteBytes()),
    /** Sum of bytes x distance / 10. */
    COST("cost", Double.class, true, in -> in.lane().cost()),
    /** cost / cost(oracle) - 1. */
    REGRET("regret", Double.class, true, in -> in.oracle().cost() == 0 ? null
            : in.lane().cost() / in.oracle().cost() - 1),
    /** The share of the achievable improvement over producer-local that this predictor captured. */
    CAPTURED_GAIN("capturedGain", Double.class, true, in -> {
        long denominator = in.producerLocal().remoteBytes() - in.oracle().remoteBytes();
        return denominator == 0 ? null
                : (double) (in.producerLocal().remoteBytes() - in.lane().remoteBytes()) / denominator;
    }),
    /** The share of all scored bytes moved from remote to local against producer-local. */
    REMOTE_BYTES_AVOIDED("remoteBytesAvoided", Double.class, true, in -> in.lane().bytes == 0 ? null
            : (double) (in.producerLocal().remoteBytes() - in.lane().remoteBytes()) / in.lane().bytes),
    /** MOA's kappa against chance agreement of the predicted and actual node distributions. */
    KAPPA("kappa", Double.class, true, Measurement::kappa),
    /** Kappa against majority (key=device, weight=count). */
    KAPPA_M("kappaM", Double.class, true, in -> in.lane().consumptions == 0 ? null
            : kappa(in.lane().accuracy(), in.majority().accuracy())),
    /** Kappa against last-consumer (key=device). */
    KAPPA_TEMPORAL("kappaTemporal", Double.class, true, in -> in.lane().consumptions == 0 ? null
            : kappa(in.lane().accuracy(), in.lastConsumer().accuracy())),
    /** Mispredictions per 1000 scored consumptions. */
    MPKS("mpks", Double.class, true, in -> in.lane().consumptions == 0 ? null
            : 1000.0 * (in.lane().consumptions - in.lane().hits) / in.lane().consumptions),
    /** Predictor faults (throws, nodes out of range, calls refused while disabled). */
    FAULTS("faults", Long.class, false, Inputs::faults);

    private final String key;
    private final Class<? extends Number> type;
    private final boolean windowed;
    private final Function<Inputs, Number> compute;

    Measurement(String key, Class<? extends Number> type, boolean windowed, Function<Inputs, Number> compute) {
        this.key = key;
        this.type = type;
        this.windowed = windowed;
        this.compute = compute;
    }

    /** The name in JSON, CSV and DESIGN.md. */
    public String key() {
        return key;
    }

    /** {@code Long.class} or {@code Double.class}. */
    public Class<? extends Number> type() {
        return type;
    }

    /** Whether it is also computed per window. */
    public boolean windowed() {
        return windowed;
    }

    /** The measurement called {@code key}, or null. */
    public static Measurement byKey(String key) {
        for (Measurement m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        return null;
    }

    /** {@code value} (e.g. an Integer read from JSON) as this measurement's type; null stays null. */
    public Number coerce(Number value) {
        if (value == null) {
            return null;
        }
        return type == Long.class ? (Number) value.longValue() : (Number) value.doubleValue();
    }

    Number compute(Inputs in) {
        return compute.apply(in);
    }

    private static Double kappa(Inputs in) {
        Tally lane = in.lane();
        long n = lane.consumptions;
        if (n == 0) {
            return null;
        }
        double pc = 0;
        for (int node = 0; node < in.actualByNode().length; node++) {
            pc += ((double) lane.predictedByNode[node] / n) * ((double) in.actualByNode()[node] / n);
        }
        return kappa(lane.accuracy(), pc);
    }

    /** MOA's kappa: (p0 - pc) / (1 - pc); null when pc is 1 (the denominator is 0). */
    private static Double kappa(Double p0, Double pc) {
        if (p0 == null || pc == null || pc == 1.0) {
            return null;
        }
        return (p0 - pc) / (1 - pc);
    }

    /**
     * What measurements are computed from: a predictor's tally, the references' tallies over the same
     * scored consumptions, the actual consumer nodes, the trace summary (null for a window) and the
     * predictor's fault count.
     */
    record Inputs(Tally lane, Tally oracle, Tally producerLocal, Tally majority, Tally lastConsumer,
                  long[] actualByNode, TraceSummary summary, long faults) {
    }
}
