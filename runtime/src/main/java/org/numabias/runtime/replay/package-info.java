/**
 * The replay engine (DESIGN.md, "Replay" and "Metrics"): {@link org.numabias.runtime.replay.ReplayEngine}
 * replays a trace through predictors in one pass and returns a {@link org.numabias.runtime.replay.ReplayReport}
 * of {@link org.numabias.runtime.replay.PredictorResult}s, each a set of named
 * {@link org.numabias.runtime.replay.Measurement}s (optionally per window), computed from a
 * {@link org.numabias.runtime.replay.RawSums} (public, so that sums added up elsewhere give the same
 * numbers); {@link org.numabias.runtime.replay.ReplayJson}
 * writes and reads reports; {@link org.numabias.runtime.replay.ReplayObserver} rides on the pass;
 * {@link org.numabias.runtime.replay.TraceScan} gives a trace's summary alone. Public API for the CLI,
 * notebooks, sweeps and training; the pass internals (buffer join, lanes, tallies) are package-private.
 *
 * <h2>Lanes</h2>
 * The pass ({@code ReplayPass}) runs lanes ({@code Lane}): one per predictor ({@code PredictorLane}),
 * then the references ({@code References}: producer-local, majority and last-consumer by device, the
 * oracle). A lane owns its state and its node matrix ({@code NodePairs}); its tallies are kept per window by
 * {@code Windows}, and its whole-trace tally is their sum, taken when read. The pass only
 * asks it for a node at each Alloc, scores that node into the lane's tallies at each scored Consume of
 * the instance, and then gives the lane the consumption as feedback.
 * <ul>
 * <li><b>Adding a reference</b>: write a {@code Lane} subclass in {@code References} ({@code predict},
 *     and {@code feedback} if it learns), give it a field there and list it in {@code References.lanes()}.
 *     Nothing else changes: the pass, the windows and the results follow the lane list.</li>
 * <li><b>Adding a measurement</b>: add a constant to {@link org.numabias.runtime.replay.Measurement}
 *     computed from the {@link org.numabias.runtime.replay.RawSums}; JSON, CSV and reports iterate the
 *     constants. If it needs a reference's sum that RawSums does not carry yet, add that component to
 *     RawSums and fill it in {@code References.sums} (and, for sweeps, in their merge of device parts).</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * A replay given several threads deals its predictors' lanes into groups ({@code LaneGroups}), each a
 * pass on its own thread. The lead pass (group 0) alone reads the trace, checks and joins every event,
 * runs the predicting references and the oracle; it hands each Alloc and each joined Consume, with the
 * instance's slot, to the other groups ({@code LaneSteps} through a {@code StepChannel}), whose passes
 * only run their lanes over those steps and take their measurements against the lead's references
 * ({@code ReplayPass}'s {@code referencesFrom}). Lanes never see each other, so the results are those
 * of one pass.
 */
package org.numabias.runtime.replay;
