package org.numabias.runtime.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.Topology;
import org.numabias.api.trace.EventDigest;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.runtime.guard.PredictorGuard;
import org.numabias.runtime.store.EventBlock;

/**
 * One pass over a trace that does everything a replay needs (DESIGN.md, "Replay"): validates each
 * event (node ids in range, time never decreasing, consumed bytes known), counts and digests the
 * trace ({@link TraceSummary}), joins each Consume to its live buffer instance ({@link LiveInstances}),
 * runs its {@link Lane}s (a {@link PredictorLane} per guarded predictor, then the {@link References})
 * and tells the observers. Each lane owns its state and tallies: on an Alloc every predicting lane
 * gives its node for the instance; on a scored Consume each is scored into its tallies, then every
 * lane gets the feedback; the oracle settles when the instance ends. Hand-written loops over
 * primitive arrays: this is the hot path of every comparison. With lane groups ({@link LaneGroups}) the
 * lead pass also hands its steps to the other groups ({@link #lead}), whose passes only run their lanes
 * over them ({@link #follow}). An {@link OutOfMemoryError} that left a predictor's call leaves the pass
 * as that predictor's {@link org.numabias.runtime.guard.PredictorExhaustedJvmError}. One use per
 * instance. Not thread-safe.
 */
final class ReplayPass {
    private final Topology topology;
    private final int nodes;
    private final int[] distance;
    /** The predictors' lanes, in spec order. */
    private final PredictorLane[] predictors;
    private final References references;
    /**
     * The pass whose references the measurements are taken against: this one, or (a pass of a group
     * of lanes, {@link LaneGroups}) the pass that runs them over the same events.
     */
    private final ReplayPass referencesFrom;
    /** The lanes asked on each Alloc and scored on each Consume: the predictors, then the predicting references. */
    private final Lane[] scored;
    private final long scoreFrom;
    private final long expectedEvents;
    private final ProgressListener progress;
    private final ReplayObserver[] observers;
    private final String description;
    private final String phase;

    private final LiveInstances live;
    private final OracleSettlement oracleSettlement;
    private final Windows windows;
    private final long[] actualByNode;
    private final MutableAllocationContext ctx;
    private final MutableConsumptionFeedback fb = new MutableConsumptionFeedback();

    private long events;
    private long allocs;
    private long consumes;
    private long frees;
    private long unknownConsumes;
    private long unconsumedAllocs;
    private long allocBytes;
    private long consumeBytes;
    /**
     * The most consumed bytes a trace may add up to: every byte sum is a part of {@link #consumeBytes}
     * and every weighted one at most it x the largest distance, so keeping it below this keeps every
     * metric's sum exact (checked once per Consume, not in each sum).
     */
    private final long maxConsumeBytes;
    private long matchedConsumeBytes;
    private int maxDevice = -1;
    private final long[] bytesByNodePair;
    private long lastTime = Long.MIN_VALUE;
    /** The digest of the events as read, or null when the source's known digest is trusted. */
    private final EventDigest digest;
    private final String knownDigest;
    /** The lead pass of lane groups: where it hands the steps of the other groups' lanes, else null. */
    private StepChannel followers;

    /**
     * @param guards         the predictors to run, one lane each
     * @param window         W for windowed measurements, 0 for none
     * @param scoreFrom      the first scored event index
     * @param expectedEvents the event count progress reports against, -1 if unknown
     * @param knownDigest    the trace's events digest when the source knows it exactly (then the pass
     *                       does not hash the events), else null
     * @param phase          the name progress reports give the pass
     */
    ReplayPass(String phase, String description, Topology topology, PredictorGuard[] guards, int window, long scoreFrom,
               long expectedEvents, String knownDigest, ProgressListener progress, List<ReplayObserver> observers) {
        this(phase, description, topology, guards, window, scoreFrom, expectedEvents, knownDigest, progress, observers, null);
    }

    /**
     * A pass that, when {@code referencesFrom} is not null, does not run the predicting references
     * itself: its measurements are taken against those of {@code referencesFrom}, a pass over the same
     * events with the same score-from and window (read its results only once both have run).
     */
    ReplayPass(String phase, String description, Topology topology, PredictorGuard[] guards, int window, long scoreFrom,
               long expectedEvents, String knownDigest, ProgressListener progress, List<ReplayObserver> observers,
               ReplayPass referencesFrom) {
        this.phase = phase;
        this.description = description;
        this.topology = topology;
        this.nodes = topology.nodes();
        this.distance = new int[nodes * nodes];
        int maxDistance = 1;
        for (int p = 0; p < nodes; p++) {
            for (int c = 0; c < nodes; c++) {
                distance[p * nodes + c] = topology.distance(p, c);
                maxDistance = Math.max(maxDistance, distance[p * nodes + c]);
            }
        }
        this.maxConsumeBytes = Long.MAX_VALUE / maxDistance;
        this.predictors = new PredictorLane[guards.length];
        for (int l = 0; l < guards.length; l++) {
            predictors[l] = new PredictorLane(guards[l], nodes);
        }
        this.references = new References(topology);
        this.referencesFrom = referencesFrom == null ? this : referencesFrom;
        List<Lane> lanes = new ArrayList<>(List.of(predictors));
        if (referencesFrom == null) {
            references.lanes().stream().filter(Lane::predicts).forEach(lanes::add);
        }
        this.scored = lanes.toArray(Lane[]::new);
        this.scoreFrom = scoreFrom;
        this.expectedEvents = expectedEvents;
        this.progress = progress;
        this.observers = observers.toArray(ReplayObserver[]::new);
        this.live = new LiveInstances(scored.length);
        this.oracleSettlement = references.oracle.settlement;
        // the windows' tally layout: the scored lanes in order, then the oracle;
        // without W, adaptive windows: the blocks of each measurement's bootstrap interval (BlockBootstrap)
        this.windows = window > 0 ? new Windows(window, scored.length + 1, scored.length, nodes)
                : Windows.adaptive(scored.length + 1, scored.length, nodes);
        this.actualByNode = new long[nodes];
        this.bytesByNodePair = new long[nodes * nodes];
        this.ctx = new MutableAllocationContext(topology);
        this.knownDigest = knownDigest;
        this.digest = knownDigest == null ? new EventDigest() : null;
    }

    /** Reads every event of {@code cursor}, then ends the instances still live. */
    void run(TraceCursor cursor) {
        try {
            runEvents(cursor);
        } catch (OutOfMemoryError e) {
            throw named(e);
        }
    }

    private void runEvents(TraceCursor cursor) {
        start();
        while (cursor.hasNext()) {
            switch (cursor.next()) {
                case TraceEvent.Alloc a -> onAlloc(a.timeNs(), a.bufferId(), a.device(), a.queue(), a.flow(), a.cpu(), a.node(),
                        a.bytes());
                case TraceEvent.Consume c -> onConsume(c.timeNs(), c.bufferId(), c.cpu(), c.node(), c.bytes());
                case TraceEvent.Free f -> onFree(f.timeNs(), f.bufferId());
            }
            if ((events & 0xFFFF) == 0) {
                progress.onProgress(phase, events, expectedEvents);
            }
        }
        finish();
    }

    /** Reads every event of a store's checked blocks (no object per event), then ends the instances still live. */
    void run(EventBlock.Cursor blocks) {
        try {
            runBlocks(blocks);
        } catch (OutOfMemoryError e) {
            throw named(e);
        }
    }

    private void runBlocks(EventBlock.Cursor blocks) {
        start();
        for (EventBlock b = blocks.next(); b != null; b = blocks.next()) {
            long before = events;
            for (int i = 0, n = b.size(); i < n; i++) {
                switch (b.kind[i]) {
                    case EventBlock.ALLOC -> onAlloc(b.time[i], b.buffer[i], b.device[i], b.queue[i], b.flow[i], b.cpu[i],
                            b.node[i], b.bytes[i]);
                    case EventBlock.CONSUME -> onConsume(b.time[i], b.buffer[i], b.cpu[i], b.node[i], b.bytes[i]);
                    default -> onFree(b.time[i], b.buffer[i]);
                }
            }
            if ((before >>> 16) != (events >>> 16)) {
                progress.onProgress(phase, events, expectedEvents);
            }
        }
        finish();
    }

    /** Tells the observers the labels of the predictors' lanes (the first lanes of every instance's predictions). */
    private void start() {
        if (observers.length > 0) {
            List<String> labels = Arrays.stream(predictors).map(l -> l.guard.configured().label()).toList();
            for (ReplayObserver o : observers) {
                o.onStart(labels);
            }
        }
    }

    private void finish() {
        for (int slot = 0; slot < live.highWater(); slot++) {
            if (live.isLive(slot)) {
                end(slot);
            }
        }
        progress.onProgress(phase, events, events);
    }

    /** The next event's index, after checking that its time does not go back. */
    private long next(long timeNs) {
        long index = events++;
        if (timeNs < lastTime) {
            throw invalid(index, "time " + timeNs + " is before the previous event's " + lastTime);
        }
        lastTime = timeNs;
        return index;
    }

    private void onFree(long timeNs, long bufferId) {
        next(timeNs);
        if (digest != null) {
            digest.free(timeNs, bufferId);
        }
        frees++;
        int slot = live.end(bufferId);
        if (slot >= 0) {
            end(slot);
        }
    }

    private void onAlloc(long timeNs, long bufferId, int device, int queue, long flow, int cpu, int node, long bytes) {
        long index = next(timeNs);
        checkNode(node, index, "Alloc");
        if (digest != null) {
            digest.alloc(timeNs, bufferId, device, queue, flow, cpu, node, bytes);
        }
        int previous = live.end(bufferId); // an Alloc of a live id replaces its instance
        if (previous >= 0) {
            end(previous);
        }
        long allocIndex = allocs++;
        int slot = live.open(bufferId, device, queue, flow, node, allocIndex);
        oracleSettlement.open(slot, live.capacity());
        if (bytes > 0) {
            allocBytes = addBytes(allocBytes, bytes, Long.MAX_VALUE, index);
        }
        maxDevice = Math.max(maxDevice, device);
        ctx.set(timeNs, allocIndex, bufferId, device, queue, flow, cpu, node, bytes);
        predict(live.predictions, slot);
        for (ReplayObserver o : observers) {
            o.onAlloc(ctx);
        }
        if (followers != null) {
            LaneSteps steps = followers.sink();
            steps.alloc(index, slot, timeNs, allocIndex, bufferId, device, queue, flow, cpu, node, bytes);
            if (steps.full()) {
                followers.publish();
            }
        }
    }

    /** Every lane's prediction for the instance in {@code slot}, from {@link #ctx}, into {@code predictions}. */
    private void predict(int[] predictions, int slot) {
        int base = slot * scored.length;
        for (int l = 0; l < scored.length; l++) {
            predictions[base + l] = scored[l].predict(ctx);
        }
    }

    private void onConsume(long timeNs, long bufferId, int cpu, int node, long bytes) {
        long index = next(timeNs);
        checkNode(node, index, "Consume");
        if (bytes < 0) {
            throw invalid(index, "Consume has unknown or negative bytes " + bytes);
        }
        if (digest != null) {
            digest.consume(timeNs, bufferId, cpu, node, bytes);
        }
        consumes++;
        consumeBytes = addBytes(consumeBytes, bytes, maxConsumeBytes, index);
        int slot = live.find(bufferId);
        if (slot < 0) {
            unknownConsumes++;
            return;
        }
        int producer = live.producerNode[slot];
        matchedConsumeBytes += bytes;
        bytesByNodePair[producer * nodes + node] += bytes;
        int[] predictions = live.predictions;
        int base = slot * scored.length;
        boolean isScored = index >= scoreFrom;
        int window = scoreAndFeedBack(predictions, base, isScored, timeNs, bufferId, live.device[slot], live.queue[slot],
                live.flow[slot], producer, cpu, node, bytes);
        oracleSettlement.consume(slot, node, bytes, isScored, window);
        if (followers != null) {
            LaneSteps steps = followers.sink();
            steps.consume(index, slot, isScored, timeNs, bufferId, live.device[slot], live.queue[slot], live.flow[slot],
                    producer, cpu, node, bytes);
            if (steps.full()) {
                followers.publish();
            }
        }
        if (observers.length > 0) {
            fb.set(fb.timeNs(), fb.bufferId(), fb.device(), fb.queue(), fb.flow(), producer, producer, fb.cpu(), node, bytes);
            for (ReplayObserver o : observers) {
                o.onConsume(fb, isScored);
                if (isScored) {
                    o.onScored(index, fb, predictions, base);
                }
            }
        }
    }

    /**
     * A joined Consume for the lanes: scored (if it is) into their tallies, then fed back to each;
     * returns its window, or -1 when it is not scored.
     */
    private int scoreAndFeedBack(int[] predictions, int base, boolean isScored, long timeNs, long bufferId, int device,
                                 int queue, long flow, int producer, int cpu, int node, long bytes) {
        int window = -1;
        if (isScored) {
            actualByNode[node]++;
            window = scoreWindow(node, bytes, predictions, base);
        }
        fb.set(timeNs, bufferId, device, queue, flow, producer, producer, cpu, node, bytes);
        for (int l = 0; l < scored.length; l++) {
            scored[l].feedback(fb, predictions[base + l]);
        }
        return window;
    }

    /**
     * The lead pass of lane groups ({@link LaneGroups}): as it reads, it also hands the steps of the other
     * groups' lanes to {@code channel} (the caller closes the channel when the pass ends, also on a failure).
     */
    void lead(StepChannel channel) {
        this.followers = channel;
    }

    /**
     * A follower pass of lane groups: runs its lanes over the steps the lead read, checked and joined, in
     * order; the events it has read are those up to its current step's. Its summary is not a trace's.
     */
    void follow(StepChannel.Follower steps) {
        try {
            followSteps(steps);
        } catch (OutOfMemoryError e) {
            throw named(e);
        }
    }

    /**
     * {@code e} as the exhausted-JVM error of the predictor whose call it left, if it left one before
     * that predictor's guard could name it, else {@code e} itself. Allocates nothing.
     */
    private Error named(OutOfMemoryError e) {
        for (PredictorLane lane : predictors) {
            Error exhausted = lane.guard.exhaustedInCall(e);
            if (exhausted != null) {
                return exhausted;
            }
        }
        return e;
    }

    private void followSteps(StepChannel.Follower steps) {
        start();
        int lanes = scored.length;
        int[] predictions = new int[64 * Math.max(lanes, 1)]; // by slot, as the lead's join numbers them
        for (LaneSteps s = steps.next(); s != null; s = steps.next()) {
            try {
                for (int i = 0, n = s.size; i < n; i++) {
                    events = s.index[i] + 1;
                    int slot = s.slot[i];
                    if (s.op[i] == LaneSteps.ALLOC) {
                        if ((slot + 1) * lanes > predictions.length) {
                            predictions = Arrays.copyOf(predictions,
                                    Math.max(2 * predictions.length, (slot + 1) * lanes));
                        }
                        ctx.set(s.time[i], s.allocIndex[i], s.buffer[i], s.device[i], s.queue[i], s.flow[i], s.cpu[i],
                                s.node[i], s.bytes[i]);
                        predict(predictions, slot);
                    } else {
                        scoreAndFeedBack(predictions, slot * lanes, s.op[i] == LaneSteps.SCORED_CONSUME, s.time[i],
                                s.buffer[i], s.device[i], s.queue[i], s.flow[i], s.producer[i], s.cpu[i], s.node[i],
                                s.bytes[i]);
                    }
                }
            } finally {
                steps.release();
            }
        }
    }

    /**
     * A scored consumption added to its window's tallies (the asked-for windows, or the bootstrap's
     * blocks) and to the lanes' node matrices; the whole-trace tallies are the windows' sums.
     */
    private int scoreWindow(int node, long bytes, int[] predictions, int base) {
        int w = windows.next();
        windows.currentActual()[node]++;
        Tally[] tallies = windows.current();
        for (int l = 0; l < scored.length; l++) {
            int p = predictions[base + l];
            tallies[l].add(p, node, bytes, distance[p * nodes + node]);
            NodePairs pairs = scored[l].pairs;
            if (pairs != null) {
                pairs.add(p, node, bytes);
            }
        }
        return w;
    }

    /** Ends the instance in {@code slot} (already released from the join): settles its oracle node. */
    private void end(int slot) {
        int oracleNode = oracleSettlement.settle(slot, references.oracle, windows);
        if (oracleNode < 0) {
            unconsumedAllocs++;
        }
        for (ReplayObserver o : observers) {
            o.onInstanceEnd(live.allocIndex[slot], oracleNode, oracleSettlement.consumes(slot),
                    oracleSettlement.settledBytes());
        }
    }

    private void checkNode(int node, long index, String what) {
        if (node < 0 || node >= nodes) {
            throw invalid(index, what + " node " + node + " is outside 0.." + (nodes - 1)
                    + " (topology: " + topology.describe() + ")");
        }
    }

    /** {@code sum + bytes}, refused when it would pass {@code limit}: a metric must be exact or not given. */
    private long addBytes(long sum, long bytes, long limit, long index) {
        if (bytes > limit - sum) {
            throw invalid(index, "the trace's bytes add up beyond " + limit + (limit == Long.MAX_VALUE ? " (2^63-1)"
                    : " (2^63-1 over the largest distance)") + ": its byte metrics cannot be computed exactly");
        }
        return sum + bytes;
    }

    private TraceFormatException invalid(long index, String message) {
        return new TraceFormatException(description + ": event " + index + ": " + message);
    }

    /** The events read so far (on a failure: up to and including the event it failed at). */
    long eventsRead() {
        return events;
    }

    /** What the pass found about the trace; call once, after {@link #run}. */
    TraceSummary summary() {
        return summary(digest == null ? knownDigest : digest.hex());
    }

    /** What the pass found so far, while it runs (no digest: it is only known at the end). */
    TraceSummary summarySoFar() {
        return summary("");
    }

    private TraceSummary summary(String digestHex) {
        long[][] pairs = new long[nodes][nodes];
        for (int p = 0; p < nodes; p++) {
            System.arraycopy(bytesByNodePair, p * nodes, pairs[p], 0, nodes);
        }
        return new TraceSummary(events, allocs, consumes, frees, unknownConsumes, unconsumedAllocs, allocBytes,
                consumeBytes, matchedConsumeBytes, maxDevice + 1, pairs, digestHex);
    }

    /** Predictor lane {@code lane}, or the oracle for -1. */
    private Lane lane(int lane) {
        return lane < 0 ? references.oracle : predictors[lane];
    }

    /** The sums of the measurements of lane {@code lane} ({@code -1}: the oracle) over the whole trace. */
    RawSums sums(int lane, TraceSummary summary, long faults) {
        Lane l = lane(lane);
        return referencesFrom.references.sums(l, x -> x == l ? total(x) : referencesFrom.total(x), actualByNode, summary,
                faults);
    }

    /**
     * Lane {@code lane}'s ({@code -1}: the oracle's) scored consumptions and bytes by (predicted node,
     * consumer node) over the whole trace, or null beyond {@link PredictionMatrix#MAX_NODES} nodes.
     */
    PredictionMatrix matrix(int lane) {
        NodePairs pairs = lane(lane).pairs;
        return pairs == null ? null : pairs.matrix();
    }

    /** Number of windows: of W scored consumptions if asked for, else the bootstrap's adaptive ones. */
    int windowCount() {
        return windows.count();
    }

    /** The sums of lane {@code lane}'s ({@code -1}: the oracle's) measurements in {@code window}. */
    RawSums windowSums(int lane, int window) {
        Lane l = lane(lane);
        return referencesFrom.references.sums(l, x -> x == l ? windowTally(window, x) : referencesFrom.windowTally(window, x),
                windows.windowActual(window), null, 0);
    }

    /** Lane {@code l}'s (a lane of this pass) tally over the whole trace: the sum of its windows'. */
    private Tally total(Lane l) {
        return windows.sum(tallyIndex(l));
    }

    /** Lane {@code l}'s (a lane of this pass) tally in {@code window}. */
    private Tally windowTally(int window, Lane l) {
        return windows.windowTally(window, tallyIndex(l));
    }

    /** The place of lane {@code l} of this pass in the windows' tally layout: the predicting lanes in the pass's order, then the oracle. */
    private int tallyIndex(Lane l) {
        if (l == references.oracle) {
            return scored.length;
        }
        for (int i = 0; i < scored.length; i++) {
            if (scored[i] == l) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a predicting lane of this pass");
    }
}
