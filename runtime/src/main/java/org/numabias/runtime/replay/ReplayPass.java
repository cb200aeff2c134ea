package org.numabias.runtime.replay;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.runtime.guard.PredictorGuard;

/**
 * One pass over a trace that does everything a replay needs (DESIGN.md, "Replay"): validates each
 * event (node ids in range, time never decreasing, consumed bytes known), counts and digests the
 * trace ({@link TraceSummary}), joins each Consume to its live buffer instance ({@link LiveInstances}),
 * asks every guarded predictor for a node on each Alloc, scores and feeds back each Consume of a
 * live instance, runs the references (producer-local: the Alloc's node; {@link DeviceReferences};
 * the {@link OracleSettlement}) and tells the observers.
 *
 * <p>Tallies are laid out as: the guarded lanes {@code 0..L-1}, then producer-local, majority,
 * last-consumer and the oracle; the guarded lanes and the oracle also count their
 * {@link PredictionMatrix} (up to {@link PredictionMatrix#MAX_NODES} nodes). Hand-written loops over
 * primitive arrays: this is the hot path of every comparison. One use per instance. Not thread-safe.
 */
final class ReplayPass {
    private static final int DIGEST_BUFFER = 8192;
    private static final int MAX_RECORD = 64;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final Topology topology;
    private final int nodes;
    private final int[] distance;
    private final PredictorGuard[] guards;
    private final int lanes;
    private final int producerLocal;
    private final int majority;
    private final int lastConsumer;
    private final int oracle;
    private final int width;
    private final long scoreFrom;
    private final long expectedEvents;
    private final ProgressListener progress;
    private final ReplayObserver[] observers;
    private final String description;
    private final String phase;

    private final LiveInstances live;
    private final OracleSettlement oracleSettlement;
    private final DeviceReferences references;
    private final Tally[] totals;
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
    private long scored;
    private int maxDevice = -1;
    private final long[] bytesByNodePair;
    private long lastTime = Long.MIN_VALUE;
    private final MessageDigest digest;
    /** Canonical event records waiting for the digest: big-endian, as {@code ByteBuffer} would write them. */
    private final byte[] block = new byte[DIGEST_BUFFER];
    private int blockLength;

    /**
     * @param guards         the predictors to run, one lane each
     * @param window         W for windowed measurements, 0 for none
     * @param scoreFrom      the first scored event index
     * @param expectedEvents the event count progress reports against, -1 if unknown
     * @param phase          the name progress reports give the pass
     */
    ReplayPass(String phase, String description, Topology topology, PredictorGuard[] guards, int window, long scoreFrom,
               long expectedEvents, ProgressListener progress, List<ReplayObserver> observers) {
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
        this.guards = guards.clone();
        this.lanes = guards.length;
        this.producerLocal = lanes;
        this.majority = lanes + 1;
        this.lastConsumer = lanes + 2;
        this.oracle = lanes + 3;
        this.width = window;
        this.scoreFrom = scoreFrom;
        this.expectedEvents = expectedEvents;
        this.progress = progress;
        this.observers = observers.toArray(ReplayObserver[]::new);
        this.live = new LiveInstances(lanes + 2);
        this.oracleSettlement = new OracleSettlement(topology, true);
        this.references = new DeviceReferences(nodes);
        this.totals = new Tally[lanes + 4];
        for (int i = 0; i < totals.length; i++) {
            // the predictors' lanes and the oracle keep their node matrix; the references need none
            totals[i] = new Tally(nodes, nodes <= PredictionMatrix.MAX_NODES && (i < lanes || i == oracle));
        }
        // without W, adaptive windows: the blocks of each measurement's bootstrap interval (BlockBootstrap)
        this.windows = window > 0 ? new Windows(window, totals.length, oracle, nodes)
                : Windows.adaptive(totals.length, oracle, nodes);
        this.actualByNode = new long[nodes];
        this.bytesByNodePair = new long[nodes * nodes];
        this.ctx = new MutableAllocationContext(topology);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Reads every event of {@code cursor}, then ends the instances still live. */
    void run(TraceCursor cursor) {
        if (observers.length > 0) {
            List<String> labels = java.util.Arrays.stream(guards).map(g -> g.configured().label()).toList();
            for (ReplayObserver o : observers) {
                o.onStart(labels);
            }
        }
        while (cursor.hasNext()) {
            accept(cursor.next());
            if ((events & 0xFFFF) == 0) {
                progress.onProgress(phase, events, expectedEvents);
            }
        }
        for (int slot = 0; slot < live.highWater(); slot++) {
            if (live.isLive(slot)) {
                end(slot);
            }
        }
        flushDigest();
        progress.onProgress(phase, events, events);
    }

    private void accept(TraceEvent event) {
        long index = events++;
        if (event.timeNs() < lastTime) {
            throw invalid(index, "time " + event.timeNs() + " is before the previous event's " + lastTime);
        }
        lastTime = event.timeNs();
        switch (event) {
            case TraceEvent.Alloc a -> onAlloc(a, index);
            case TraceEvent.Consume c -> onConsume(c, index);
            case TraceEvent.Free f -> {
                digestFree(f);
                frees++;
                int slot = live.end(f.bufferId());
                if (slot >= 0) {
                    end(slot);
                }
            }
        }
    }

    private void onAlloc(TraceEvent.Alloc a, long index) {
        checkNode(a.node(), index, "Alloc");
        digestAlloc(a);
        int previous = live.end(a.bufferId()); // an Alloc of a live id replaces its instance
        if (previous >= 0) {
            end(previous);
        }
        long allocIndex = allocs++;
        int slot = live.open(a, allocIndex);
        oracleSettlement.open(slot, live.capacity());
        if (a.bytes() > 0) {
            allocBytes = addBytes(allocBytes, a.bytes(), Long.MAX_VALUE, index);
        }
        maxDevice = Math.max(maxDevice, a.device());
        ctx.set(a.timeNs(), allocIndex, a.bufferId(), a.device(), a.queue(), a.flow(), a.cpu(), a.node(), a.bytes());
        int[] predictions = live.predictions;
        int base = slot * (lanes + 2);
        for (int l = 0; l < lanes; l++) {
            predictions[base + l] = guards[l].predict(ctx);
        }
        int row = references.row(ctx);
        predictions[base + lanes] = references.majority(row, a.node());
        predictions[base + lanes + 1] = references.lastConsumer(row, a.node());
        for (ReplayObserver o : observers) {
            o.onAlloc(ctx);
        }
    }

    private void onConsume(TraceEvent.Consume c, long index) {
        int node = c.node();
        checkNode(node, index, "Consume");
        long bytes = c.bytes();
        if (bytes < 0) {
            throw invalid(index, "Consume has unknown or negative bytes " + bytes);
        }
        digestConsume(c);
        consumes++;
        consumeBytes = addBytes(consumeBytes, bytes, maxConsumeBytes, index);
        int slot = live.find(c.bufferId());
        if (slot < 0) {
            unknownConsumes++;
            return;
        }
        int producer = live.producerNode[slot];
        matchedConsumeBytes += bytes;
        bytesByNodePair[producer * nodes + node] += bytes;
        int[] predictions = live.predictions;
        int base = slot * (lanes + 2);
        int window = -1;
        if (index >= scoreFrom) {
            actualByNode[node]++;
            for (int l = 0; l < lanes; l++) {
                int p = predictions[base + l];
                totals[l].add(p, node, bytes, distance[p * nodes + node]);
            }
            totals[producerLocal].add(producer, node, bytes, distance[producer * nodes + node]);
            int pm = predictions[base + lanes];
            totals[majority].add(pm, node, bytes, distance[pm * nodes + node]);
            int pl = predictions[base + lanes + 1];
            totals[lastConsumer].add(pl, node, bytes, distance[pl * nodes + node]);
            window = scoreWindow(node, bytes, producer, predictions, base);
            scored++;
        }
        oracleSettlement.consume(slot, node, bytes, index >= scoreFrom, window);
        int device = live.device[slot];
        int queue = live.queue[slot];
        long flow = live.flow[slot];
        for (int l = 0; l < lanes; l++) {
            fb.set(c.timeNs(), c.bufferId(), device, queue, flow, producer, predictions[base + l], c.cpu(), node, bytes);
            guards[l].feedback(fb);
        }
        fb.set(c.timeNs(), c.bufferId(), device, queue, flow, producer, producer, c.cpu(), node, bytes);
        references.feedback(fb);
        for (ReplayObserver o : observers) {
            o.onConsume(fb, index >= scoreFrom);
            if (index >= scoreFrom) {
                o.onScored(index, fb, predictions, base);
            }
        }
    }

    /** The same consumption added to its window's tallies (the asked-for windows, or the bootstrap's blocks). */
    private int scoreWindow(int node, long bytes, int producer, int[] predictions, int base) {
        int w = windows.windowOf(scored);
        windows.actual(w)[node]++;
        for (int l = 0; l < lanes + 2; l++) {
            int p = predictions[base + l];
            windows.tally(w, l < lanes ? l : l + 1).add(p, node, bytes, distance[p * nodes + node]);
        }
        windows.tally(w, producerLocal).add(producer, node, bytes, distance[producer * nodes + node]);
        return w;
    }

    /** Ends the instance in {@code slot} (already released from the join): settles its oracle node. */
    private void end(int slot) {
        int oracleNode = oracleSettlement.settle(slot, totals[oracle], windows);
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

    // The digest: SHA-256 of each event's canonical encoding (type byte, then its fields big-endian),
    // fed to the digest in 8 KiB blocks. Written into a byte array by hand: a heap ByteBuffer costs a
    // session check per field on this path.

    private void digestAlloc(TraceEvent.Alloc a) {
        int p = recordStart((byte) 'A');
        LONG.set(block, p, a.timeNs());
        LONG.set(block, p + 8, a.bufferId());
        INT.set(block, p + 16, a.device());
        INT.set(block, p + 20, a.queue());
        LONG.set(block, p + 24, a.flow());
        INT.set(block, p + 32, a.cpu());
        INT.set(block, p + 36, a.node());
        LONG.set(block, p + 40, a.bytes());
        blockLength = p + 48;
    }

    private void digestConsume(TraceEvent.Consume c) {
        int p = recordStart((byte) 'C');
        LONG.set(block, p, c.timeNs());
        LONG.set(block, p + 8, c.bufferId());
        INT.set(block, p + 16, c.cpu());
        INT.set(block, p + 20, c.node());
        LONG.set(block, p + 24, c.bytes());
        blockLength = p + 32;
    }

    private void digestFree(TraceEvent.Free f) {
        int p = recordStart((byte) 'F');
        LONG.set(block, p, f.timeNs());
        LONG.set(block, p + 8, f.bufferId());
        blockLength = p + 16;
    }

    /** Writes the record's type byte (after flushing a full block) and returns where its fields go. */
    private int recordStart(byte type) {
        if (blockLength > DIGEST_BUFFER - MAX_RECORD) {
            flushDigest();
        }
        block[blockLength] = type;
        return blockLength + 1;
    }

    private void flushDigest() {
        digest.update(block, 0, blockLength);
        blockLength = 0;
    }

    /** What the pass found about the trace; call after {@link #run}. */
    TraceSummary summary() {
        return summary(HexFormat.of().formatHex(digest.digest()));
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

    /** The sums of the measurements of lane {@code lane} ({@code -1}: the oracle) over the whole trace. */
    RawSums sums(int lane, TraceSummary summary, long faults) {
        return RawSums.of(lane < 0 ? totals[oracle] : totals[lane], totals[oracle], totals[producerLocal],
                totals[majority], totals[lastConsumer], actualByNode, summary, faults);
    }

    /**
     * Lane {@code lane}'s ({@code -1}: the oracle's) scored consumptions and bytes by (predicted node,
     * consumer node) over the whole trace, or null beyond {@link PredictionMatrix#MAX_NODES} nodes.
     */
    PredictionMatrix matrix(int lane) {
        return (lane < 0 ? totals[oracle] : totals[lane]).matrix();
    }

    /** Number of windows: of W scored consumptions if asked for, else the bootstrap's adaptive ones. */
    int windowCount() {
        return windows.count();
    }

    /** The sums of lane {@code lane}'s ({@code -1}: the oracle's) measurements in {@code window}. */
    RawSums windowSums(int lane, int window) {
        return RawSums.of(windows.windowTally(window, lane < 0 ? oracle : lane), windows.windowTally(window, oracle),
                windows.windowTally(window, producerLocal), windows.windowTally(window, majority),
                windows.windowTally(window, lastConsumer), windows.windowActual(window), null, 0);
    }
}
