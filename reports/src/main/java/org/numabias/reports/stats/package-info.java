/**
 * Significance of differences between predictors over many traces or seeds, after Demsar (2006),
 * "Statistical Comparisons of Classifiers over Multiple Data Sets", JMLR 7: ranks within each
 * dataset ({@link org.numabias.reports.stats.Ranks}), the Friedman test with its Iman-Davenport F
 * variant ({@link org.numabias.reports.stats.Friedman}), and the Nemenyi critical difference
 * ({@link org.numabias.reports.stats.Nemenyi}) whose critical values come from the studentized range
 * with infinite degrees of freedom ({@link org.numabias.reports.stats.StudentizedRange}).
 *
 * <p>No maintained Java library has these tests, so they are written here on Apache Commons
 * Statistics (ranking, chi-squared, F and normal distributions) and Commons Numbers (root finding),
 * and checked in tests against published values (R's {@code friedman.test} example, Demsar's table
 * of critical values). Plain arrays in, plain records out, so notebooks and sweeps can call them.
 */
package org.numabias.reports.stats;
