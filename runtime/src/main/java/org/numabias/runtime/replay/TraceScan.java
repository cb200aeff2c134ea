package org.numabias.runtime.replay;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.numabias.api.KeySlots;
import org.numabias.api.Lookahead;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceSource;

/**
 * One streaming pass over a trace before replay: validates it (node ids in range, time never
 * decreasing, consumed bytes known), counts what every predictor's results share, joins each
 * Consume to its buffer instance for {@link TraceSummary#bytesByNodePair()}, digests the events, and
 * computes each Alloc's oracle node (the {@link Lookahead}). Memory: the live buffers, plus one int
 * per Alloc for the oracle table.
 */
public final class TraceScan implements Lookahead {
    private final Topology topology;
    private final int nodes;
    private final LiveBuffers live = new LiveBuffers();
    private long[] slotAllocIndex = new long[64];
    private int[] slotProducerNode = new int[64];
    private int[] slotFirstConsumer = new int[64];
    private long[] slotBytesByNode;
    private int[] oracleByAlloc = new int[1024];
    private final long[] costs;

    private long events;
    private long allocs;
    private long consumes;
    private long frees;
    private long unknownConsumes;
    private long unconsumedAllocs;
    private long allocBytes;
    private long consumeBytes;
    private long matchedConsumeBytes;
    private int maxDevice = -1;
    private final long[][] bytesByNodePair;
    private long lastTime = Long.MIN_VALUE;

    private final MessageDigest digest;
    private final ByteBuffer record = ByteBuffer.allocate(64);

    private TraceScan(Topology topology) {
        this.topology = topology;
        this.nodes = topology.nodes();
        this.slotBytesByNode = new long[64 * nodes];
        this.costs = new long[nodes];
        this.bytesByNodePair = new long[nodes][nodes];
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Scans {@code source} against {@code topology} (whose node count bounds the node ids).
     *
     * @throws TraceFormatException naming the event index of the first invalid event
     */
    public static TraceScan run(TraceSource source, Topology topology, ProgressListener progress) {
        TraceScan scan = new TraceScan(topology);
        try (TraceCursor cursor = source.open()) {
            while (cursor.hasNext()) {
                scan.accept(cursor.next(), source);
                if ((scan.events & 0xFFFF) == 0) {
                    progress.onProgress("scan", scan.events, -1);
                }
            }
        }
        scan.finishAll();
        progress.onProgress("scan", scan.events, scan.events);
        return scan;
    }

    private void accept(TraceEvent event, TraceSource source) {
        long index = events++;
        if (event.timeNs() < lastTime) {
            throw invalid(source, index, "time " + event.timeNs() + " is before the previous event's " + lastTime);
        }
        lastTime = event.timeNs();
        digest(event);
        switch (event) {
            case TraceEvent.Alloc a -> onAlloc(a, source, index);
            case TraceEvent.Consume c -> onConsume(c, source, index);
            case TraceEvent.Free f -> {
                frees++;
                finish(live.end(f.bufferId()));
            }
        }
    }

    private void onAlloc(TraceEvent.Alloc a, TraceSource source, long index) {
        checkNode(a.node(), source, index, "Alloc");
        finish(live.end(a.bufferId())); // an Alloc of a live id replaces its instance
        int slot = live.open(a.bufferId());
        int capacity = live.capacity();
        slotAllocIndex = KeySlots.ensure(slotAllocIndex, capacity, 0);
        slotProducerNode = KeySlots.ensure(slotProducerNode, capacity, -1);
        slotFirstConsumer = KeySlots.ensure(slotFirstConsumer, capacity, -1);
        slotBytesByNode = KeySlots.ensure(slotBytesByNode, capacity * nodes, 0);
        slotAllocIndex[slot] = allocs;
        slotProducerNode[slot] = a.node();
        slotFirstConsumer[slot] = -1;
        Arrays.fill(slotBytesByNode, slot * nodes, (slot + 1) * nodes, 0);
        allocs++;
        if (a.bytes() > 0) {
            allocBytes += a.bytes();
        }
        maxDevice = Math.max(maxDevice, a.device());
    }

    private void onConsume(TraceEvent.Consume c, TraceSource source, long index) {
        checkNode(c.node(), source, index, "Consume");
        if (c.bytes() < 0) {
            throw invalid(source, index, "Consume has unknown or negative bytes " + c.bytes());
        }
        consumes++;
        consumeBytes += c.bytes();
        int slot = live.find(c.bufferId());
        if (slot < 0) {
            unknownConsumes++;
            return;
        }
        if (slotFirstConsumer[slot] < 0) {
            slotFirstConsumer[slot] = c.node();
        }
        slotBytesByNode[slot * nodes + c.node()] += c.bytes();
        matchedConsumeBytes += c.bytes();
        bytesByNodePair[slotProducerNode[slot]][c.node()] += c.bytes();
    }

    private void checkNode(int node, TraceSource source, long index, String what) {
        if (node < 0 || node >= nodes) {
            throw invalid(source, index, what + " node " + node + " is outside 0.." + (nodes - 1)
                    + " (topology: " + topology.describe() + ")");
        }
    }

    private static TraceFormatException invalid(TraceSource source, long index, String message) {
        return new TraceFormatException(source.description() + ": event " + index + ": " + message);
    }

    /** Ends the instance in {@code slot}: fixes its oracle node (or -1 if never consumed); -1: nothing ended. */
    private void finish(int slot) {
        if (slot < 0) {
            return;
        }
        long allocIndex = slotAllocIndex[slot];
        if (allocIndex >= oracleByAlloc.length) {
            oracleByAlloc = Arrays.copyOf(oracleByAlloc, (int) Math.max(allocIndex + 1, oracleByAlloc.length * 2L));
        }
        int first = slotFirstConsumer[slot];
        if (first < 0) {
            unconsumedAllocs++;
            oracleByAlloc[(int) allocIndex] = -1;
            return;
        }
        int base = slot * nodes;
        long min = Long.MAX_VALUE;
        for (int p = 0; p < nodes; p++) {
            long cost = 0;
            for (int c = 0; c < nodes; c++) {
                cost += slotBytesByNode[base + c] * topology.distance(p, c);
            }
            costs[p] = cost;
            min = Math.min(min, cost);
        }
        int best = first;
        if (costs[first] != min) {
            best = 0;
            while (costs[best] != min) {
                best++;
            }
        }
        oracleByAlloc[(int) allocIndex] = best;
    }

    private void finishAll() {
        for (int slot = 0; slot < live.capacity(); slot++) {
            if (live.isLive(slot)) {
                finish(slot);
            }
        }
    }

    private void digest(TraceEvent event) {
        record.clear();
        switch (event) {
            case TraceEvent.Alloc a -> record.put((byte) 'A').putLong(a.timeNs()).putLong(a.bufferId())
                    .putInt(a.device()).putInt(a.queue()).putLong(a.flow()).putInt(a.cpu()).putInt(a.node())
                    .putLong(a.bytes());
            case TraceEvent.Consume c -> record.put((byte) 'C').putLong(c.timeNs()).putLong(c.bufferId())
                    .putInt(c.cpu()).putInt(c.node()).putLong(c.bytes());
            case TraceEvent.Free f -> record.put((byte) 'F').putLong(f.timeNs()).putLong(f.bufferId());
        }
        record.flip();
        digest.update(record);
    }

    @Override
    public int oracleNode(long allocIndex) {
        return allocIndex >= 0 && allocIndex < allocs ? oracleByAlloc[(int) allocIndex] : -1;
    }

    /** What the scan found. */
    public TraceSummary summary() {
        long[][] pairs = new long[nodes][];
        for (int n = 0; n < nodes; n++) {
            pairs[n] = bytesByNodePair[n].clone();
        }
        return new TraceSummary(events, allocs, consumes, frees, unknownConsumes, unconsumedAllocs, allocBytes,
                consumeBytes, matchedConsumeBytes, maxDevice + 1, pairs, HexFormat.of().formatHex(digest.digest()));
    }
}
