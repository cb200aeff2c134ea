/**
 * The replay engine (DESIGN.md, "Replay" and "Metrics"): {@link org.numabias.runtime.replay.ReplayEngine}
 * replays a trace through predictors in one pass and returns a {@link org.numabias.runtime.replay.ReplayReport}
 * of {@link org.numabias.runtime.replay.PredictorResult}s, each a set of named
 * {@link org.numabias.runtime.replay.Measurement}s (optionally per window), computed from a
 * {@link org.numabias.runtime.replay.RawSums} (public, so that sums added up elsewhere give the same
 * numbers); {@link org.numabias.runtime.replay.ReplayJson}
 * writes and reads reports; {@link org.numabias.runtime.replay.ReplayObserver} rides on the pass;
 * {@link org.numabias.runtime.replay.TraceScan} gives a trace's summary alone. Public API for the CLI,
 * notebooks, sweeps and training; the pass internals (buffer join, tallies, references) are package-private.
 */
package org.numabias.runtime.replay;
