package org.numabias.reports.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;
import org.apache.commons.statistics.ranking.NaNStrategy;
import org.apache.commons.statistics.ranking.NaturalRanking;
import org.apache.commons.statistics.ranking.TiesStrategy;

/**
 * Each predictor against one control predictor over N independent blocks: the two-sided Wilcoxon
 * signed-rank test of the paired differences (Apache Commons Statistics: exact p-value for fewer than
 * 50 differences without ties, else the normal approximation with continuity correction, as R's
 * {@code wilcox.test(x, y, paired = TRUE)}; zero differences are dropped), the p-values corrected
 * together by {@link Holm}, and two effect sizes: the matched-pairs rank-biserial correlation
 * {@code r = (W+ - W-) / (W+ + W-)} (Kerby 2014; +1 when every non-zero difference favours the
 * predictor's higher value) and the median difference. Demsar (2006) and Benavoli et al. (2016)
 * recommend this over mean-rank post-hoc tests for comparisons with a control: the result for one
 * predictor does not depend on which others are in the set.
 *
 * @param control the control's name
 * @param rows    one per other predictor, in input order
 */
public record WilcoxonVsControl(String control, List<Row> rows) {
    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    /**
     * One predictor against the control.
     *
     * @param predictor        its name
     * @param blocks           N, the paired blocks
     * @param nonZero          blocks whose difference is not 0 (the test's sample)
     * @param wPlus            the sum of the ranks of positive differences (predictor - control)
     * @param wMinus           the sum of the ranks of negative differences
     * @param pValue           the two-sided p-value (1 when every difference is 0)
     * @param holm             the Holm-adjusted p-value
     * @param rankBiserial     (W+ - W-) / (W+ + W-), 0 when every difference is 0
     * @param medianDifference the median of predictor - control
     */
    public record Row(String predictor, int blocks, int nonZero, double wPlus, double wMinus, double pValue, double holm,
                      double rankBiserial, double medianDifference) {
    }

    /**
     * Tests every column against {@code control}'s.
     *
     * @param names   column names
     * @param scores  scores[block][column], finite, at least 2 blocks
     * @param control the control's column
     * @throws IllegalArgumentException with fewer than 2 blocks or columns, or a control out of range
     */
    public static WilcoxonVsControl test(List<String> names, double[][] scores, int control) {
        int k = names.size();
        if (scores.length < 2 || k < 2 || control < 0 || control >= k) {
            throw new IllegalArgumentException("the Wilcoxon test against a control needs at least 2 blocks and 2 "
                    + "predictors, one of them the control; got " + scores.length + " block(s), " + k + " predictor(s)");
        }
        WilcoxonSignedRankTest wilcoxon = WilcoxonSignedRankTest.withDefaults();
        List<Integer> columns = new ArrayList<>();
        List<double[]> differences = new ArrayList<>();
        double[] p = new double[k - 1];
        for (int c = 0; c < k; c++) {
            if (c == control) {
                continue;
            }
            double[] d = new double[scores.length];
            for (int b = 0; b < scores.length; b++) {
                d[b] = scores[b][c] - scores[b][control];
            }
            boolean allZero = Arrays.stream(d).allMatch(x -> x == 0);
            p[columns.size()] = allZero ? 1.0 : wilcoxon.test(d).getPValue();
            columns.add(c);
            differences.add(d);
        }
        double[] holm = Holm.adjust(p);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            double[] d = differences.get(i);
            double[] rankSums = rankSums(d);
            double total = rankSums[0] + rankSums[1];
            int nonZero = (int) Arrays.stream(d).filter(x -> x != 0).count();
            rows.add(new Row(names.get(columns.get(i)), d.length, nonZero, rankSums[0], rankSums[1], p[i], holm[i],
                    total == 0 ? 0 : (rankSums[0] - rankSums[1]) / total, median(d)));
        }
        return new WilcoxonVsControl(names.get(control), rows);
    }

    /** W+ and W-: the ranks of |d| over the non-zero differences (ties share the mean rank), summed by sign. */
    static double[] rankSums(double[] d) {
        double[] nonZero = Arrays.stream(d).filter(x -> x != 0).toArray();
        double[] abs = Arrays.stream(nonZero).map(Math::abs).toArray();
        double[] ranks = RANKING.apply(abs);
        double plus = 0;
        double minus = 0;
        for (int i = 0; i < nonZero.length; i++) {
            if (nonZero[i] > 0) {
                plus += ranks[i];
            } else {
                minus += ranks[i];
            }
        }
        return new double[]{plus, minus};
    }

    private static double median(double[] d) {
        double[] s = d.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
