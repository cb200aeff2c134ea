package org.numabias.reports;

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
 * {@code remoteBytesAvoided} = (remoteBytes(producer-local) - remoteBytes(P)) / B (DESIGN.md, computed by
 * the replay engine), which stays in [-1, 1].
 */
public final class Gains {
    /** The smallest achievable gain, as a share of scored bytes, for which capturedGain is meaningful. */
    public static final double MEANINGFUL_SHARE = 0.01;
    static final String PRODUCER_LOCAL = "producer-local";
    static final String ORACLE = "oracle";

    private Gains() {
    }

    /**
     * The achievable gain, remoteBytes(producer-local) - remoteBytes(oracle), as a share of scored bytes B.
     * The engine always runs both references but reports only the predictors asked for, so this is
     * read off the results: the oracle's remoteBytesAvoided is exactly that share; without the oracle,
     * any result with a non-zero capturedGain g and remoteBytesAvoided a gives it as a / g; a null
     * capturedGain means the achievable gain is 0. Null without scored bytes, or when every result has a
     * capturedGain of exactly 0 and no oracle was asked for (nothing tells the gain then).
     */
    public static Double achievableShare(ReplayReport report) {
        PredictorResult oracle = find(report, ORACLE);
        if (oracle != null) {
            return oracle.remoteBytesAvoided();
        }
        for (PredictorResult p : report.results()) {
            if (p.bytes() > 0 && p.capturedGain() == null) {
                return 0.0;
            }
            if (p.capturedGain() != null && p.capturedGain() != 0 && p.remoteBytesAvoided() != null) {
                return p.remoteBytesAvoided() / p.capturedGain();
            }
        }
        return null;
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
