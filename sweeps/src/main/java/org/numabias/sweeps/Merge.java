package org.numabias.sweeps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up the device parts of a trace into one record per configuration. Every metric is a function of
 * sums over scored consumptions (DESIGN.md, "Metrics"), so the merged metrics are computed from the
 * summed raw counts with {@link org.numabias.runtime.replay.Measurement}'s formulas in the same
 * operation order, and equal the unsplit replay's exactly (tested for every built-in). Kappa's pc comes
 * from the summed per-node counts, never from the parts' kappas. (The formulas are written again here
 * because runtime computes them from its package-private tallies; a public way to compute measurements
 * from raw sums would let this class call it.)
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
        long n = consumptions;
        Double accuracy = null, localByteRatio = null, regret = null, capturedGain = null, avoided = null, kappa = null,
                kappaM = null, kappaT = null, mpks = null;
        if (!complete) {
            firstFault = (firstFault == null ? "" : firstFault + "; ")
                    + "ratios not merged: a part's raw sums miss consumptions (predictor disabled or failed to start)";
        } else {
            accuracy = n == 0 ? null : (double) hits / n;
            localByteRatio = n == 0 || bytes == 0 ? null : (double) localBytes / bytes;
            double oracleCost = owd / 10.0;
            long remote = bytes - localBytes;
            long gainDenominator = plRemote - oracleRemote;
            regret = oracleCost == 0 ? null : (wd / 10.0) / oracleCost - 1;
            capturedGain = gainDenominator == 0 ? null : (double) (plRemote - remote) / gainDenominator;
            avoided = bytes == 0 ? null : (double) (plRemote - remote) / bytes;
            if (n > 0) {
                double pc = 0;
                for (int k = 0; k < nodes; k++) {
                    pc += ((double) predicted[k] / n) * ((double) actual[k] / n);
                }
                kappa = kappa(accuracy, pc);
                kappaM = kappa(accuracy, (double) majorityHits / n);
                kappaT = kappa(accuracy, (double) lastHits / n);
                mpks = 1000.0 * (n - hits) / n;
            }
        }
        return new CellRecord(first.experiment(), first.traceIndex(), first.trace(), first.traceKind(), first.seed(),
                null, events, first.devices(), nodes, first.topology(), first.scoreFrom(), first.scoreFromIndex(),
                first.parts(), -1, first.configIndex(), first.label(), first.predictor(), first.params(), first.origin(),
                n, bytes, allocs, unconsumed, unknown, accuracy, localByteRatio, bytes - localBytes, wd / 10.0, regret,
                capturedGain, avoided, kappa, kappaM, kappaT, mpks, faults, firstFault,
                events == 0 ? 0 : nsWeighted / events, stateBytes, overBudget, hits, localBytes, wd, predicted, actual,
                owd, oracleRemote, plRemote, majorityHits, lastHits, complete, first.frameworkVersion(), first.engine(),
                first.host());
    }

    /** MOA's kappa, as the engine computes it: (p0 - pc) / (1 - pc); null when pc is 1. */
    private static Double kappa(Double p0, Double pc) {
        if (p0 == null || pc == null || pc == 1.0) {
            return null;
        }
        return (p0 - pc) / (1 - pc);
    }
}
