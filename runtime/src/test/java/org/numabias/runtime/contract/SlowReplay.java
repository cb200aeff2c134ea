package org.numabias.runtime.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;

/**
 * DESIGN.md's replay and oracle written the slow, obvious way, independently of the engine, for tests
 * to check the engine and predictors against: maps from buffer id to its live instance, every event
 * looked at in order, everything scored. A predictor is called directly (no guard): whatever it throws
 * reaches the test, and {@link #run} refuses a node out of range.
 */
public final class SlowReplay {
    private SlowReplay() {
    }

    /**
     * Sums over the scored consumptions.
     *
     * @param nodes            the node predicted for each Alloc, in trace order
     * @param weightedDistance sum of bytes x distance(predicted, consumer)
     */
    public record Score(long consumptions, long hits, long bytes, long localBytes, long weightedDistance, List<Integer> nodes) {
        /** Bytes read on another node than the predicted one. */
        public long remoteBytes() {
            return bytes - localBytes;
        }
    }

    /** Per live buffer id: the index of its Alloc, its producer's node and the node it was placed on. */
    private record Instance(TraceEvent.Alloc alloc, long allocIndex, int placed) {
    }

    /** Where each Alloc is placed: asked when the Alloc is seen, with the context the engine would give. */
    public interface Placement {
        int place(MutableAllocationContext ctx);
    }

    /** Replays {@code trace} through {@code p}: predict on each Alloc, score then feed back each Consume of a live buffer. */
    public static Score run(InMemoryTrace trace, Topology topology, AllocationPredictor p) {
        return replay(trace, topology, p::predict, p);
    }

    /** Scores a placement decided per Alloc index (e.g. the oracle's: -1 means the producer's node), with no feedback. */
    public static Score score(InMemoryTrace trace, Topology topology, List<Integer> nodeOfAlloc) {
        return replay(trace, topology, ctx -> {
            int node = nodeOfAlloc.get((int) ctx.allocIndex());
            return node < 0 ? ctx.node() : node;
        }, null);
    }

    private static Score replay(InMemoryTrace trace, Topology topology, Placement placement, AllocationPredictor feedback) {
        Map<Long, Instance> live = new HashMap<>();
        MutableAllocationContext ctx = new MutableAllocationContext(topology);
        MutableConsumptionFeedback fb = new MutableConsumptionFeedback();
        List<Integer> nodes = new ArrayList<>();
        long consumptions = 0;
        long hits = 0;
        long bytes = 0;
        long localBytes = 0;
        long weighted = 0;
        for (TraceEvent e : trace.events()) {
            switch (e) {
                case TraceEvent.Alloc a -> {
                    long index = nodes.size();
                    ctx.set(a.timeNs(), index, a.bufferId(), a.device(), a.queue(), a.flow(), a.cpu(), a.node(), a.bytes());
                    int node = placement.place(ctx);
                    if (node < 0 || node >= topology.nodes()) {
                        throw new AssertionError("Alloc " + index + " placed on node " + node + ", outside 0.."
                                + (topology.nodes() - 1));
                    }
                    nodes.add(node);
                    live.put(a.bufferId(), new Instance(a, index, node));
                }
                case TraceEvent.Consume c -> {
                    Instance in = live.get(c.bufferId());
                    if (in == null) {
                        continue; // a buffer that is not live: not scored, not fed back
                    }
                    consumptions++;
                    bytes += c.bytes();
                    weighted += c.bytes() * topology.distance(in.placed(), c.node());
                    if (in.placed() == c.node()) {
                        hits++;
                        localBytes += c.bytes();
                    }
                    if (feedback != null) {
                        TraceEvent.Alloc a = in.alloc();
                        feedback.onConsumption(fb.set(c.timeNs(), c.bufferId(), a.device(), a.queue(), a.flow(), a.node(),
                                in.placed(), c.cpu(), c.node(), c.bytes()));
                    }
                }
                case TraceEvent.Free f -> live.remove(f.bufferId());
            }
        }
        return new Score(consumptions, hits, bytes, localBytes, weighted, nodes);
    }

    /**
     * DESIGN.md's oracle from the whole trace: per Alloc (in trace order), the node p minimising the sum
     * over its instance's Consumes of bytes x distance[p][consumer]; ties to the first consumer's node if
     * it is among the minima, else the lowest id; -1 for an instance never consumed.
     */
    public static List<Integer> oracleNodes(InMemoryTrace trace, Topology topology) {
        Map<Long, Integer> liveAlloc = new HashMap<>();
        List<List<TraceEvent.Consume>> consumes = new ArrayList<>();
        for (TraceEvent e : trace.events()) {
            switch (e) {
                case TraceEvent.Alloc a -> {
                    liveAlloc.put(a.bufferId(), consumes.size());
                    consumes.add(new ArrayList<>());
                }
                case TraceEvent.Consume c -> {
                    Integer alloc = liveAlloc.get(c.bufferId());
                    if (alloc != null) {
                        consumes.get(alloc).add(c);
                    }
                }
                case TraceEvent.Free f -> liveAlloc.remove(f.bufferId());
            }
        }
        List<Integer> oracle = new ArrayList<>();
        for (List<TraceEvent.Consume> list : consumes) {
            if (list.isEmpty()) {
                oracle.add(-1);
                continue;
            }
            long best = Long.MAX_VALUE;
            List<Integer> minima = new ArrayList<>();
            for (int p = 0; p < topology.nodes(); p++) {
                long cost = 0;
                for (TraceEvent.Consume c : list) {
                    cost += c.bytes() * topology.distance(p, c.node());
                }
                if (cost < best) {
                    best = cost;
                    minima.clear();
                }
                if (cost == best) {
                    minima.add(p);
                }
            }
            int first = list.getFirst().node();
            oracle.add(minima.contains(first) ? first : minima.getFirst());
        }
        return oracle;
    }
}
