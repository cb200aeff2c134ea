package org.numabias.runtime.replay;

import java.util.function.Function;

/**
 * Every metric of DESIGN.md ("Metrics") as a named measurement, computed here from a predictor's
 * {@link RawSums} and nowhere else.
 * Reports iterate {@link #values()} in order (JSON fields, CSV columns); adding a metric is adding a
 * constant. A value is a {@link Long} or a {@link Double} ({@link #type()}), or null where its
 * denominator is 0. {@link #windowed()} measurements are also computed per window of scored
 * consumptions; the others describe the whole trace or the predictor.
 */
public enum Measurement {
    /** Scored Consume events N. */
    CONSUMPTIONS("consumptions", Long.class, true, RawSums::consumptions),
    /** Their bytes B. */
    BYTES("bytes", Long.class, true, RawSums::bytes),
    /** Alloc events of the trace. */
    ALLOCS("allocs", Long.class, false, RawSums::allocs),
    /** Buffer instances never consumed. */
    UNCONSUMED_ALLOCS("unconsumedAllocs", Long.class, false, RawSums::unconsumedAllocs),
    /** Consumes of a buffer that was not live. */
    UNKNOWN_CONSUMES("unknownConsumes", Long.class, false, RawSums::unknownConsumes),
    /** Consumes with predicted == consumer node, over N. */
    ACCURACY("accuracy", Double.class, true, s -> s.share(s.hits())),
    /** Bytes with predicted == consumer node, over B. */
    LOCAL_BYTE_RATIO("localByteRatio", Double.class, true, s -> s.consumptions() == 0 || s.bytes() == 0
            ? null : (double) s.localBytes() / s.bytes()),
    /** B minus the local bytes. */
    REMOTE_BYTES("remoteBytes", Long.class, true, RawSums::remoteBytes),
    /** Sum of bytes x distance / 10. */
    COST("cost", Double.class, true, RawSums::cost),
    /** cost / cost(oracle) - 1. */
    REGRET("regret", Double.class, true, s -> s.oracleCost() == 0 ? null : s.cost() / s.oracleCost() - 1),
    /** The share of the achievable improvement over producer-local that this predictor captured. */
    CAPTURED_GAIN("capturedGain", Double.class, true, s -> {
        long denominator = s.producerLocalRemoteBytes() - s.oracleRemoteBytes();
        return denominator == 0 ? null : (double) (s.producerLocalRemoteBytes() - s.remoteBytes()) / denominator;
    }),
    /** The share of all scored bytes moved from remote to local against producer-local. */
    REMOTE_BYTES_AVOIDED("remoteBytesAvoided", Double.class, true, s -> s.bytes() == 0 ? null
            : (double) (s.producerLocalRemoteBytes() - s.remoteBytes()) / s.bytes()),
    /** MOA's kappa against chance agreement of the predicted and actual node distributions. */
    KAPPA("kappa", Double.class, true, Measurement::kappa),
    /** Kappa against majority (key=device, weight=count). */
    KAPPA_M("kappaM", Double.class, true, s -> s.consumptions() == 0 ? null
            : kappa(s.share(s.hits()), s.share(s.majorityHits()))),
    /** Kappa against last-consumer (key=device). */
    KAPPA_TEMPORAL("kappaTemporal", Double.class, true, s -> s.consumptions() == 0 ? null
            : kappa(s.share(s.hits()), s.share(s.lastConsumerHits()))),
    /** Mispredictions per 1000 scored consumptions. */
    MPKS("mpks", Double.class, true, s -> s.consumptions() == 0 ? null
            : 1000.0 * (s.consumptions() - s.hits()) / s.consumptions()),
    /** Predictor faults (throws, nodes out of range, calls refused while disabled). */
    FAULTS("faults", Long.class, false, RawSums::faults);

    private final String key;
    private final Class<? extends Number> type;
    private final boolean windowed;
    private final Function<RawSums, Number> compute;

    Measurement(String key, Class<? extends Number> type, boolean windowed, Function<RawSums, Number> compute) {
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

    /** This measurement of the predictor whose sums are {@code sums}: a Long, a Double, or null. */
    public Number of(RawSums sums) {
        return compute.apply(sums);
    }

    private static Double kappa(RawSums s) {
        long n = s.consumptions();
        if (n == 0) {
            return null;
        }
        double pc = 0;
        for (int node = 0; node < s.actualByNode().length; node++) {
            pc += ((double) s.predictedByNode()[node] / n) * ((double) s.actualByNode()[node] / n);
        }
        return kappa(s.share(s.hits()), pc);
    }

    /** MOA's kappa: (p0 - pc) / (1 - pc); null when pc is 1 (the denominator is 0). */
    private static Double kappa(Double p0, Double pc) {
        if (p0 == null || pc == null || pc == 1.0) {
            return null;
        }
        return (p0 - pc) / (1 - pc);
    }
}
