package org.numabias.runtime.replay;

import java.util.EnumMap;
import java.util.Map;

/**
 * The integer sums every {@link Measurement} of one predictor is computed from (DESIGN.md, "Metrics"):
 * its own tally over the scored consumptions, what it is compared against (the oracle, producer-local,
 * majority and last-consumer references, scored over the same consumptions, so their hit counts share
 * {@link #consumptions}), the actual consumer nodes, the trace's counts and the predictor's faults. The
 * engine computes its results from these, and so may anyone who adds up the sums of parts (sweeps merge
 * the device parts of a trace this way): sums of parts give exactly the whole's measurements. The arrays
 * are not copied; a window's sums leave the trace counts and faults at 0 (only {@link Measurement#windowed()}
 * measurements are computed per window).
 *
 * @param consumptions             scored consumptions N
 * @param bytes                    their bytes B
 * @param hits                     consumptions with predicted == consumer node
 * @param localBytes               their bytes
 * @param weightedDistance         sum of bytes x distance(predicted, consumer): cost x 10
 * @param predictedByNode          scored consumptions per predicted node
 * @param actualByNode             scored consumptions per consumer node (same length)
 * @param oracleWeightedDistance   the oracle's weightedDistance
 * @param oracleRemoteBytes        the oracle's B minus its local bytes
 * @param producerLocalRemoteBytes producer-local's B minus its local bytes
 * @param majorityHits             hits of majority (key=device, weight=count)
 * @param lastConsumerHits         hits of last-consumer (key=device)
 * @param allocs                   Alloc events of the trace
 * @param unconsumedAllocs         buffer instances never consumed
 * @param unknownConsumes          consumes of a buffer that was not live
 * @param faults                   the predictor's faults
 */
public record RawSums(long consumptions, long bytes, long hits, long localBytes, long weightedDistance,
                      long[] predictedByNode, long[] actualByNode, long oracleWeightedDistance, long oracleRemoteBytes,
                      long producerLocalRemoteBytes, long majorityHits, long lastConsumerHits, long allocs,
                      long unconsumedAllocs, long unknownConsumes, long faults) {

    /** Every measurement computed from these sums, in {@link Measurement} order. */
    public Map<Measurement, Number> measurements() {
        Map<Measurement, Number> values = new EnumMap<>(Measurement.class);
        for (Measurement m : Measurement.values()) {
            values.put(m, m.of(this));
        }
        return values;
    }

    /** B minus the local bytes. */
    long remoteBytes() {
        return bytes - localBytes;
    }

    /** Sum of bytes x distance / 10: all-local costs {@link #bytes}. */
    double cost() {
        return weightedDistance / 10.0;
    }

    /** The oracle's cost. */
    double oracleCost() {
        return oracleWeightedDistance / 10.0;
    }

    /** {@code count} over the scored consumptions, or null without consumptions. */
    Double share(long count) {
        return consumptions == 0 ? null : (double) count / consumptions;
    }

    /** The sums of {@code lane} against the references, over the consumptions they were all scored on. */
    static RawSums of(Tally lane, Tally oracle, Tally producerLocal, Tally majority, Tally lastConsumer,
                      long[] actualByNode, TraceSummary summary, long faults) {
        return new RawSums(lane.consumptions, lane.bytes, lane.hits, lane.localBytes, lane.weightedDistance,
                lane.predictedByNode, actualByNode, oracle.weightedDistance, oracle.remoteBytes(),
                producerLocal.remoteBytes(), majority.hits, lastConsumer.hits,
                summary == null ? 0 : summary.allocs(), summary == null ? 0 : summary.unconsumedAllocs(),
                summary == null ? 0 : summary.unknownConsumes(), faults);
    }
}
