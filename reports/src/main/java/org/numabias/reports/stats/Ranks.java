package org.numabias.reports.stats;

import org.apache.commons.statistics.ranking.NaNStrategy;
import org.apache.commons.statistics.ranking.NaturalRanking;
import org.apache.commons.statistics.ranking.TiesStrategy;

/**
 * Ranks of treatments (predictors) within each block (dataset or seed): rank 1 is the best, tied
 * scores share the average of the ranks they span (Demsar 2006, section 3.2.2).
 */
public final class Ranks {
    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private Ranks() {
    }

    /**
     * The ranks of every row.
     *
     * @param scores         scores[block][treatment], finite; every row the same length, at least one row
     * @param higherIsBetter whether the highest score gets rank 1 (accuracy) or the lowest (cost)
     * @return ranks[block][treatment] in [1, treatments]; each row sums to t(t+1)/2
     * @throws IllegalArgumentException on ragged rows or a non-finite score, naming the block and treatment
     */
    public static double[][] withinBlocks(double[][] scores, boolean higherIsBetter) {
        int treatments = treatments(scores);
        double[][] ranks = new double[scores.length][];
        for (int b = 0; b < scores.length; b++) {
            double[] row = new double[treatments];
            for (int t = 0; t < treatments; t++) {
                row[t] = higherIsBetter ? -scores[b][t] : scores[b][t];
            }
            ranks[b] = RANKING.apply(row);
        }
        return ranks;
    }

    /** The mean rank of each treatment over the blocks: ranks[..][t] averaged over the rows. */
    public static double[] average(double[][] ranks) {
        int treatments = treatments(ranks);
        double[] mean = new double[treatments];
        for (double[] row : ranks) {
            for (int t = 0; t < treatments; t++) {
                mean[t] += row[t];
            }
        }
        for (int t = 0; t < treatments; t++) {
            mean[t] /= ranks.length;
        }
        return mean;
    }

    /** The common row length, after checking the rows are finite and of one length. */
    static int treatments(double[][] table) {
        if (table.length == 0) {
            throw new IllegalArgumentException("no blocks (datasets or seeds) to rank");
        }
        int treatments = table[0].length;
        for (int b = 0; b < table.length; b++) {
            if (table[b].length != treatments) {
                throw new IllegalArgumentException("block " + b + " has " + table[b].length + " scores, block 0 has "
                        + treatments);
            }
            for (int t = 0; t < treatments; t++) {
                if (!Double.isFinite(table[b][t])) {
                    throw new IllegalArgumentException("block " + b + ", treatment " + t + ": score " + table[b][t]
                            + " is not a finite number");
                }
            }
        }
        return treatments;
    }
}
