package org.numabias.tribuo.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.replay.ScoreFrom;
import org.numabias.tribuo.features.FeatureSet;
import org.numabias.tribuo.features.FeatureState;

/**
 * Makes training examples from the head of a trace by replaying it as the replay engine does: events
 * in trace order; at each Alloc the features are computed from the feedback delivered so far (a
 * {@link FeatureState}, the same code the predictor runs), never from the future; each Consume of a
 * live buffer instance is fed back. The label of an instance is the node the {@code oracle} chooses
 * for it ({@link OracleLabels}).
 *
 * <p>The head is the events before the cut ({@code --until}, resolved like {@code --score-from}).
 * An example is a buffer instance allocated before the cut and consumed, every Consume before the
 * cut: instances never consumed are left out (the oracle has no opinion on them, and any placement
 * costs nothing), and so are instances consumed at or after the cut, whose label would come from
 * events that a comparison scored from the cut evaluates.
 */
public final class ExamplePass {
    private ExamplePass() {
    }

    /** A live buffer instance during the pass. */
    private static final class Instance {
        final long allocIndex;
        final int device;
        final int queue;
        final long flow;
        final int producerNode;
        final int[] values; // null when allocated at or after the cut
        boolean straddles;
        long bytes; // consumed before the cut

        Instance(long allocIndex, TraceEvent.Alloc a, int[] values) {
            this.allocIndex = allocIndex;
            this.device = a.device();
            this.queue = a.queue();
            this.flow = a.flow();
            this.producerNode = a.node();
            this.values = values;
        }
    }

    /** Distinct feature values, as a map key. */
    private record Values(int[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Values other && Arrays.equals(v, other.v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }

        @Override
        public String toString() {
            return Arrays.toString(v);
        }
    }

    /**
     * Runs the two passes (labels, then features) over {@code source}.
     *
     * @param until where the head ends: events with a lower index are trained on
     */
    public static TrainingSet run(TraceSource source, Topology topology, FeatureSet features, ScoreFrom until,
                                  ProgressListener progress) {
        OracleLabels labels = OracleLabels.of(source, topology, progress);
        long events = labels.summary().events();
        long cut = Math.min(until.resolve(events), events);
        FeatureState state = new FeatureState(features);
        MutableAllocationContext ctx = new MutableAllocationContext(topology);
        MutableConsumptionFeedback fb = new MutableConsumptionFeedback();
        Map<Long, Instance> live = new HashMap<>();
        Map<Values, long[]> counts = new LinkedHashMap<>();
        long[] left = new long[2]; // unconsumed, straddling
        long pendingHead = 0;
        long index = 0;
        long allocIndex = 0;
        try (TraceCursor cursor = source.open()) {
            while (cursor.hasNext() && (index < cut || pendingHead > 0)) {
                TraceEvent event = cursor.next();
                boolean head = index < cut;
                switch (event) {
                    case TraceEvent.Alloc a -> {
                        pendingHead -= end(live.remove(a.bufferId()), labels, counts, left, topology.nodes());
                        int[] values = null;
                        if (head) {
                            ctx.set(a.timeNs(), allocIndex, a.bufferId(), a.device(), a.queue(), a.flow(), a.cpu(),
                                    a.node(), a.bytes());
                            values = new int[features.groups()];
                            state.encode(ctx, values);
                            pendingHead++;
                        }
                        live.put(a.bufferId(), new Instance(allocIndex++, a, values));
                    }
                    case TraceEvent.Consume c -> {
                        Instance in = live.get(c.bufferId());
                        if (in != null && head) {
                            in.bytes += c.bytes();
                            state.observe(fb.set(c.timeNs(), c.bufferId(), in.device, in.queue, in.flow,
                                    in.producerNode, in.producerNode, c.cpu(), c.node(), c.bytes()));
                        } else if (in != null) {
                            in.straddles = true;
                        }
                    }
                    case TraceEvent.Free f -> pendingHead -= end(live.remove(f.bufferId()), labels, counts, left,
                            topology.nodes());
                }
                if ((++index & 0xFFFF) == 0) {
                    progress.onProgress("features", index, cut);
                }
            }
        }
        for (Instance in : live.values()) {
            end(in, labels, counts, left, topology.nodes());
        }
        progress.onProgress("features", cut, cut);
        List<TrainingSet.Example> examples = new ArrayList<>();
        long instances = 0;
        long bytes = 0;
        for (Map.Entry<Values, long[]> e : counts.entrySet()) {
            long[] byNode = e.getValue();
            for (int node = 0; 2 * node < byNode.length; node++) {
                if (byNode[2 * node] > 0) {
                    examples.add(new TrainingSet.Example(e.getKey().v(), node, byNode[2 * node], byNode[2 * node + 1]));
                    instances += byNode[2 * node];
                    bytes += byNode[2 * node + 1];
                }
            }
        }
        return new TrainingSet(features, examples, instances, bytes, left[0], left[1], cut, events,
                labels.summary().eventsSha256(), source.description());
    }

    /** Ends an instance: a head instance becomes an example or is counted as left out; returns 1 if it was one. */
    private static int end(Instance in, OracleLabels labels, Map<Values, long[]> counts, long[] left, int nodes) {
        if (in == null || in.values == null) {
            return 0;
        }
        int node = labels.node(in.allocIndex);
        if (node < 0) {
            left[0]++;
        } else if (in.straddles) {
            left[1]++;
        } else {
            long[] byNode = counts.computeIfAbsent(new Values(in.values), v -> new long[2 * nodes]);
            byNode[2 * node]++;
            byNode[2 * node + 1] += in.bytes;
        }
        return 1;
    }
}
