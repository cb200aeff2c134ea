/**
 * Significance of differences between predictors over many traces or seeds, after Demsar (2006),
 * "Statistical Comparisons of Classifiers over Multiple Data Sets", JMLR 7: ranks within each
 * dataset ({@link org.numabias.reports.stats.Ranks}), the Friedman test with its Iman-Davenport F
 * variant ({@link org.numabias.reports.stats.Friedman}), and the Nemenyi critical difference
 * ({@link org.numabias.reports.stats.Nemenyi}) whose critical values come from the studentized range
 * with infinite degrees of freedom ({@link org.numabias.reports.stats.StudentizedRange}); against a
 * control, the Wilcoxon signed-rank test with Holm's correction and effect sizes
 * ({@link org.numabias.reports.stats.WilcoxonVsControl}, {@link org.numabias.reports.stats.Holm}); and a
 * mean with its t-interval ({@link org.numabias.reports.stats.MeanInterval}).
 *
 * <p>The Wilcoxon test is Apache Commons Statistics'; no maintained Java library has the others, so
 * they are written here on Commons Statistics (ranking, chi-squared, F, t and normal distributions)
 * and Commons Numbers (root finding). All are checked in tests against published values (R's
 * {@code friedman.test}, {@code wilcox.test}, {@code p.adjust} and {@code t.test} figures, Demsar's
 * table of critical values). Plain arrays in, plain records out, so notebooks and sweeps can call them.
 */
package org.numabias.reports.stats;
