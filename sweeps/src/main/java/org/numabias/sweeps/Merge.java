package org.numabias.sweeps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.numabias.runtime.replay.Measurement;
import org.numabias.runtime.replay.RawSums;

/**
 * Adds up the device parts of a trace into one record per configuration. Every metric is a function of
 * sums over scored consumptions (DESIGN.md, "Metrics"), so the merged metrics are computed from the
 * summed raw counts by the engine's own {@link RawSums#measurements()}, and equal the unsplit replay's
 * exactly (tested for every built-in). Kappa's pc comes from the summed per-node counts, never from the
 * parts' kappas. A merged record, like every {@link CellRecord}, carries no
 * {@link org.numabias.runtime.replay.PredictionMatrix} (the replay's per-predictor node matrix): sweeps
 * record metrics, not matrices, so there is nothing per part to sum.
 */
public final class Merge {
    private Merge() {
    }

    /**
     * One record per configuration, ordered by configuration: unsplit records pass through, parts of the
     * same configuration are merged.
     */
    public static List<CellRecord> byConfiguration(List<CellRecord> records) {
        Map<Integer, List<CellRecord>> groups = new LinkedHashMap<>();
        records.stream().sorted(Comparator.comparingInt(CellRecord::configIndex).thenComparingInt(CellRecord::part))
                .forEach(r -> groups.computeIfAbsent(r.configIndex(), k -> new ArrayList<>()).add(r));
        List<CellRecord> merged = new ArrayList<>();
        for (List<CellRecord> g : groups.values()) {
            merged.add(g.size() == 1 && g.getFirst().parts() == 1 ? g.getFirst() : parts(g));
        }
        return merged;
    }

    /** Merges all the parts of one configuration on one trace. */
    static CellRecord parts(List<CellRecord> parts) {
        CellRecord first = parts.getFirst();
        if (parts.size() != first.parts()) {
            throw new IllegalStateException(first.trace() + " " + first.label() + ": " + parts.size() + " of "
                    + first.parts() + " parts");
        }
        int nodes = first.nodes();
        long events = 0, consumptions = 0, bytes = 0, allocs = 0, unconsumed = 0, unknown = 0, faults = 0;
        long hits = 0, localBytes = 0, wd = 0, owd = 0, oracleRemote = 0, plRemote = 0, majorityHits = 0, lastHits = 0;
        long stateBytes = 0;
        double nsWeighted = 0;
        long[] predicted = new long[nodes];
        long[] actual = new long[nodes];
        boolean complete = true;
        boolean overBudget = false;
        String firstFault = null;
        for (CellRecord p : parts) {
            events += p.events();
            consumptions += p.consumptions();
            bytes += p.bytes();
            allocs += p.allocs();
            unconsumed += p.unconsumedAllocs();
            unknown += p.unknownConsumes();
            faults += p.faults();
            hits += p.hits();
            localBytes += p.localBytes();
            wd += p.weightedDistance();
            owd += p.oracleWeightedDistance();
            oracleRemote += p.oracleRemoteBytes();
            plRemote += p.producerLocalRemoteBytes();
            majorityHits += p.majorityHits();
            lastHits += p.lastConsumerHits();
            stateBytes = stateBytes < 0 || p.stateBytes() < 0 ? -1 : stateBytes + p.stateBytes();
            nsWeighted += p.nsPerCall() * p.events();
            for (int k = 0; k < nodes; k++) {
                predicted[k] += p.predictedByNode()[k];
                actual[k] += p.actualByNode()[k];
            }
            complete &= p.rawComplete();
            overBudget |= p.overBudget();
            if (firstFault == null && p.firstFault() != null) {
                firstFault = "part " + p.part() + ": " + p.firstFault();
            }
        }
        Map<Measurement, Number> m = new RawSums(consumptions, bytes, hits, localBytes, wd, predicted, actual, owd,
                oracleRemote, plRemote, majorityHits, lastHits, allocs, unconsumed, unknown, faults).measurements();
        if (!complete) {
            firstFault = (firstFault == null ? "" : firstFault + "; ")
                    + "ratios not merged: a part's raw sums miss consumptions (predictor disabled or failed to start)";
            // the sums and the cost are still added up; no ratio is computed from sums that miss consumptions
            m.replaceAll((k, v) -> k.type() == Double.class && k != Measurement.COST ? null : v);
        }
        return new CellRecord(first.experiment(), first.traceIndex(), first.trace(), first.traceKind(), first.seed(),
                null, events, first.devices(), nodes, first.topology(), first.scoreFrom(), first.scoreFromIndex(),
                first.parts(), -1, first.configIndex(), first.label(), first.predictor(), first.params(), first.origin(),
                consumptions, bytes, allocs, unconsumed, unknown, ratio(m, Measurement.ACCURACY),
                ratio(m, Measurement.LOCAL_BYTE_RATIO), (Long) m.get(Measurement.REMOTE_BYTES),
                (Double) m.get(Measurement.COST), ratio(m, Measurement.REGRET), ratio(m, Measurement.CAPTURED_GAIN),
                ratio(m, Measurement.REMOTE_BYTES_AVOIDED), ratio(m, Measurement.KAPPA), ratio(m, Measurement.KAPPA_M),
                ratio(m, Measurement.KAPPA_TEMPORAL), ratio(m, Measurement.MPKS), faults, firstFault,
                events == 0 ? 0 : nsWeighted / events, stateBytes, overBudget, hits, localBytes, wd, predicted, actual,
                owd, oracleRemote, plRemote, majorityHits, lastHits, complete, first.frameworkVersion(), first.engine(),
                first.host(), first.trainedOn(), first.traceState(), Map.of()); // parts' windows cannot be recombined
    }

    /** A {@code Double} measurement of {@code values} (null stays null). */
    private static Double ratio(Map<Measurement, Number> values, Measurement m) {
        return (Double) values.get(m);
    }
}
