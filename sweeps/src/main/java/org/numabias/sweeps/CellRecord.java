package org.numabias.sweeps;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.numabias.runtime.replay.BlockBootstrap;
import org.numabias.runtime.replay.Interval;
import org.numabias.runtime.replay.Measurement;

/**
 * One result of a sweep: one predictor configuration on one trace (or on one device part of a trace,
 * before merging). The metric fields are exactly those of {@code compare --format json}'s results,
 * with the same meaning (DESIGN.md, "Metrics"); the record adds the experiment, trace and configuration
 * identity, provenance, and the raw sums that merging device parts needs (kappa's pc is not a sum of
 * the parts' pc). Flat, so that Parquet columns are plain ({@code params} in spec form {@code k=v,...};
 * Spark SQL's {@code str_to_map(params, ',', '=')} turns it into a map).
 *
 * <p>{@code nsPerCall}, {@code stateBytes}, {@code overBudget} (from nsPerCall), {@code engine} and {@code host} are measurements and
 * provenance of one run; every other field is a function of the trace, the configuration and the options.
 *
 * @param experiment        the experiment's name
 * @param traceIndex        the trace's position in the expanded trace list
 * @param trace             the trace's identity ({@link TraceRef#id()})
 * @param traceKind         path, scenario or recorded
 * @param seed              the scenario seed, or null
 * @param eventsSha256      the digest of the trace's events (null for a split trace: no part reads all of it)
 * @param events            events in the trace (in this part, before merging)
 * @param devices           devices named in the trace's header
 * @param nodes             NUMA nodes of the topology the metrics use
 * @param topology          that topology, described
 * @param scoreFrom         the score-from option as given
 * @param scoreFromIndex    the whole-trace event index scoring starts at
 * @param parts             how many device parts the trace was replayed in for this configuration (1 = unsplit)
 * @param part              this record's part (-1 once merged or when unsplit)
 * @param configIndex       the configuration's position in the expanded configuration list
 * @param label             the configuration as a spec, {@code name:k=v,...}
 * @param predictor         the provider name
 * @param params            the effective parameters, defaults filled in, {@code k=v,...}
 * @param origin            built-in or the plugin jar
 * @param firstFault        the first fault's description, or null
 * @param nsPerCall         measured mean time inside the predictor per call, this run, this machine
 * @param stateBytes        the predictor's own estimate of its state (summed over parts), -1 if none
 * @param overBudget        flagged as over the time budget
 * @param hits              raw: scored consumptions with predicted == actual
 * @param localBytes        raw: their bytes
 * @param weightedDistance  raw: sum of bytes x distance (cost x 10)
 * @param predictedByNode   raw: scored consumptions per predicted node
 * @param actualByNode      raw: scored consumptions per consumer node
 * @param oracleWeightedDistance   raw: the oracle's weightedDistance (its cost x 10)
 * @param oracleRemoteBytes        raw: the oracle's remoteBytes
 * @param producerLocalRemoteBytes raw: producer-local's remoteBytes
 * @param majorityHits      raw: hits of majority:key=device,weight=count (kappaM)
 * @param lastConsumerHits  raw: hits of last-consumer:key=device (kappaTemporal)
 * @param rawComplete       true when the raw sums cover every scored consumption (false if the
 *                          predictor was disabled or failed to start: its parts cannot be merged)
 * @param frameworkVersion  numabias version
 * @param engine            local or spark
 * @param host              the machine that replayed it
 * @param trainedOn         for a predictor trained offline, its sampling ({@code held-out}, {@code in-sample} or
 *                          {@code transfer}) and what it was fitted on, as {@code compare}'s table note gives it;
 *                          else null (and in results written before this field)
 * @param traceState        complete, incomplete (unsealed) or damaged (a readable prefix): see {@code TraceState}
 * @param accuracyLower95   the lower bound of accuracy's 95% interval on this trace ({@link BlockBootstrap}), as
 *                          {@code compare}'s CSV column of that name; likewise each {@code <metric>Lower95} and
 *                          {@code <metric>Upper95} below, one pair per measurement of {@link BlockBootstrap#WITH_INTERVAL}.
 *                          Null where there is none: a trace too short to resample, an undefined measurement, a
 *                          trace replayed in device parts (their windows cannot be recombined), and results written
 *                          before these fields
 */
public record CellRecord(
        String experiment, int traceIndex, String trace, String traceKind, Long seed, String eventsSha256, long events,
        int devices, int nodes, String topology, String scoreFrom, long scoreFromIndex, int parts, int part,
        int configIndex, String label, String predictor, String params, String origin,
        long consumptions, long bytes, long allocs, long unconsumedAllocs, long unknownConsumes,
        Double accuracy, Double localByteRatio, long remoteBytes, double cost, Double regret, Double capturedGain,
        Double remoteBytesAvoided, Double kappa, Double kappaM, Double kappaTemporal, Double mpks, long faults,
        String firstFault, double nsPerCall, long stateBytes, boolean overBudget,
        long hits, long localBytes, long weightedDistance, long[] predictedByNode, long[] actualByNode,
        long oracleWeightedDistance, long oracleRemoteBytes, long producerLocalRemoteBytes,
        long majorityHits, long lastConsumerHits, boolean rawComplete,
        String frameworkVersion, String engine, String host, String trainedOn, String traceState,
        Double accuracyLower95, Double accuracyUpper95, Double localByteRatioLower95, Double localByteRatioUpper95,
        Double remoteBytesLower95, Double remoteBytesUpper95, Double costLower95, Double costUpper95,
        Double regretLower95, Double regretUpper95, Double capturedGainLower95, Double capturedGainUpper95,
        Double remoteBytesAvoidedLower95, Double remoteBytesAvoidedUpper95, Double kappaLower95, Double kappaUpper95,
        Double kappaMLower95, Double kappaMUpper95, Double kappaTemporalLower95, Double kappaTemporalUpper95,
        Double mpksLower95, Double mpksUpper95) implements Serializable {

    /** The metric fields: every {@link Measurement}, named and ordered as in {@code compare --format json}. */
    public static final List<String> METRICS = java.util.Arrays.stream(Measurement.values()).map(Measurement::key).toList();

    /**
     * A record whose interval fields are {@code intervals}' bounds (a measurement missing there: null); the
     * other parameters are the fields of the same names.
     */
    public CellRecord(
            String experiment, int traceIndex, String trace, String traceKind, Long seed, String eventsSha256, long events,
            int devices, int nodes, String topology, String scoreFrom, long scoreFromIndex, int parts, int part,
            int configIndex, String label, String predictor, String params, String origin,
            long consumptions, long bytes, long allocs, long unconsumedAllocs, long unknownConsumes,
            Double accuracy, Double localByteRatio, long remoteBytes, double cost, Double regret, Double capturedGain,
            Double remoteBytesAvoided, Double kappa, Double kappaM, Double kappaTemporal, Double mpks, long faults,
            String firstFault, double nsPerCall, long stateBytes, boolean overBudget,
            long hits, long localBytes, long weightedDistance, long[] predictedByNode, long[] actualByNode,
            long oracleWeightedDistance, long oracleRemoteBytes, long producerLocalRemoteBytes,
            long majorityHits, long lastConsumerHits, boolean rawComplete,
            String frameworkVersion, String engine, String host, String trainedOn, String traceState,
            Map<Measurement, Interval> intervals) {
        this(experiment, traceIndex, trace, traceKind, seed, eventsSha256, events, devices, nodes, topology, scoreFrom,
                scoreFromIndex, parts, part, configIndex, label, predictor, params, origin, consumptions, bytes, allocs,
                unconsumedAllocs, unknownConsumes, accuracy, localByteRatio, remoteBytes, cost, regret, capturedGain,
                remoteBytesAvoided, kappa, kappaM, kappaTemporal, mpks, faults, firstFault, nsPerCall, stateBytes,
                overBudget, hits, localBytes, weightedDistance, predictedByNode, actualByNode, oracleWeightedDistance,
                oracleRemoteBytes, producerLocalRemoteBytes, majorityHits, lastConsumerHits, rawComplete,
                frameworkVersion, engine, host, trainedOn, traceState,
                lower(intervals, Measurement.ACCURACY), upper(intervals, Measurement.ACCURACY),
                lower(intervals, Measurement.LOCAL_BYTE_RATIO), upper(intervals, Measurement.LOCAL_BYTE_RATIO),
                lower(intervals, Measurement.REMOTE_BYTES), upper(intervals, Measurement.REMOTE_BYTES),
                lower(intervals, Measurement.COST), upper(intervals, Measurement.COST),
                lower(intervals, Measurement.REGRET), upper(intervals, Measurement.REGRET),
                lower(intervals, Measurement.CAPTURED_GAIN), upper(intervals, Measurement.CAPTURED_GAIN),
                lower(intervals, Measurement.REMOTE_BYTES_AVOIDED), upper(intervals, Measurement.REMOTE_BYTES_AVOIDED),
                lower(intervals, Measurement.KAPPA), upper(intervals, Measurement.KAPPA),
                lower(intervals, Measurement.KAPPA_M), upper(intervals, Measurement.KAPPA_M),
                lower(intervals, Measurement.KAPPA_TEMPORAL), upper(intervals, Measurement.KAPPA_TEMPORAL),
                lower(intervals, Measurement.MPKS), upper(intervals, Measurement.MPKS));
    }

    private static Double lower(Map<Measurement, Interval> intervals, Measurement m) {
        Interval i = intervals.get(m);
        return i == null ? null : i.lower();
    }

    private static Double upper(Map<Measurement, Interval> intervals, Measurement m) {
        Interval i = intervals.get(m);
        return i == null ? null : i.upper();
    }

    /** The fields that describe one run rather than the result: left out when results are compared. */
    public static final List<String> RUN_FIELDS = List.of("nsPerCall", "stateBytes", "overBudget", "engine", "host");

    /** The value of a metric by name (see {@link #METRICS}). */
    public Object metric(String name) {
        return switch (name) {
            case "consumptions" -> consumptions;
            case "bytes" -> bytes;
            case "allocs" -> allocs;
            case "unconsumedAllocs" -> unconsumedAllocs;
            case "unknownConsumes" -> unknownConsumes;
            case "accuracy" -> accuracy;
            case "localByteRatio" -> localByteRatio;
            case "remoteBytes" -> remoteBytes;
            case "cost" -> cost;
            case "regret" -> regret;
            case "capturedGain" -> capturedGain;
            case "remoteBytesAvoided" -> remoteBytesAvoided;
            case "kappa" -> kappa;
            case "kappaM" -> kappaM;
            case "kappaTemporal" -> kappaTemporal;
            case "mpks" -> mpks;
            case "faults" -> faults;
            default -> throw new IllegalArgumentException("unknown metric " + name);
        };
    }

    /**
     * The 95% interval of a metric on this trace (see {@link #METRICS}), from its {@code <metric>Lower95} and
     * {@code <metric>Upper95} fields; null where there is none or the metric gets none.
     */
    public Interval interval(String name) {
        Double[] bounds = switch (name) {
            case "accuracy" -> new Double[]{accuracyLower95, accuracyUpper95};
            case "localByteRatio" -> new Double[]{localByteRatioLower95, localByteRatioUpper95};
            case "remoteBytes" -> new Double[]{remoteBytesLower95, remoteBytesUpper95};
            case "cost" -> new Double[]{costLower95, costUpper95};
            case "regret" -> new Double[]{regretLower95, regretUpper95};
            case "capturedGain" -> new Double[]{capturedGainLower95, capturedGainUpper95};
            case "remoteBytesAvoided" -> new Double[]{remoteBytesAvoidedLower95, remoteBytesAvoidedUpper95};
            case "kappa" -> new Double[]{kappaLower95, kappaUpper95};
            case "kappaM" -> new Double[]{kappaMLower95, kappaMUpper95};
            case "kappaTemporal" -> new Double[]{kappaTemporalLower95, kappaTemporalUpper95};
            case "mpks" -> new Double[]{mpksLower95, mpksUpper95};
            default -> null;
        };
        return bounds == null || bounds[0] == null || bounds[1] == null ? null : new Interval(bounds[0], bounds[1]);
    }

    /** This record's fields except {@link #RUN_FIELDS}, in order, arrays as lists: what must agree between runs. */
    public List<Object> resultFields() {
        List<Object> values = new java.util.ArrayList<>();
        for (var c : CellRecord.class.getRecordComponents()) {
            if (RUN_FIELDS.contains(c.getName())) {
                continue;
            }
            try {
                Object v = c.getAccessor().invoke(this);
                values.add(v instanceof long[] a ? java.util.Arrays.stream(a).boxed().toList() : v);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }
}
