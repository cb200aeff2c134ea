package org.numabias.tools.report;

import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;

/**
 * Gains against the kernel default (producer-local), and when capturedGain means something.
 *
 * <p>capturedGain divides by the achievable gain, remoteBytes(producer-local) - remoteBytes(oracle).
 * Where producer-local is already almost as good as the oracle that denominator is tiny and the ratio
 * explodes (-110,515 on a real capture with 595 achievable remote bytes out of 134 MB): correct, but
 * not a ranking. It is <em>meaningful</em> only when the achievable gain is at least
 * {@link #MEANINGFUL_SHARE} (1%) of the scored bytes B; elsewhere reports show it as "n/m" and rank by
 * {@code remoteBytesAvoided} = (remoteBytes(producer-local) - remoteBytes(P)) / B (DESIGN.md), which
 * stays in [-1, 1].
 */
public final class Gains {
    /** The smallest achievable gain, as a share of scored bytes, for which capturedGain is meaningful. */
    public static final double MEANINGFUL_SHARE = 0.01;
    static final String PRODUCER_LOCAL = "producer-local";
    static final String ORACLE = "oracle";

    private Gains() {
    }

    /**
     * remoteBytesAvoided of {@code p}, or null when no bytes were scored or the report has no
     * producer-local result to compare with.
     */
    public static Double remoteBytesAvoided(ReplayReport report, PredictorResult p) {
        PredictorResult local = find(report, PRODUCER_LOCAL);
        if (local == null || p.bytes() == 0) {
            return null;
        }
        return (double) (local.remoteBytes() - p.remoteBytes()) / p.bytes();
    }

    /**
     * The achievable gain, remoteBytes(producer-local) - remoteBytes(oracle), as a share of scored bytes;
     * null without bytes or without both reference results.
     */
    public static Double achievableShare(ReplayReport report) {
        PredictorResult local = find(report, PRODUCER_LOCAL);
        PredictorResult oracle = find(report, ORACLE);
        if (local == null || oracle == null || local.bytes() == 0) {
            return null;
        }
        return (double) (local.remoteBytes() - oracle.remoteBytes()) / local.bytes();
    }

    /** Whether capturedGain is meaningful on this report: the achievable gain is at least 1% of scored bytes. */
    public static boolean capturedGainMeaningful(ReplayReport report) {
        Double share = achievableShare(report);
        return share != null && share >= MEANINGFUL_SHARE;
    }

    /** The first result of the predictor named {@code name}, or null. */
    static PredictorResult find(ReplayReport report, String name) {
        for (PredictorResult p : report.results()) {
            if (p.predictor().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
