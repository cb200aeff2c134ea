/**
 * Sweeps: experiments (a YAML file of traces, predictor grids and options) expanded into
 * (trace, configuration) cells, replayed with each trace read once for all its configurations
 * (optionally split by device), stored as Parquet with a manifest so that a sweep resumes. The
 * in-process {@link org.numabias.sweeps.LocalEngine} is the default; {@code spark} runs the same tasks on Spark.
 */
package org.numabias.sweeps;
