package org.numabias.runtime.replay;

import java.util.ArrayList;
import java.util.List;
import org.numabias.api.ConfiguredPredictor;
import org.numabias.api.KeySlots;
import org.numabias.api.LookaheadPredictor;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.PredictorStartException;
import org.numabias.api.Topology;
import org.numabias.api.Version;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceSource;

/**
 * Replays a trace through predictors with delayed progressive validation (DESIGN.md, "Replay"):
 * events in trace order; on an Alloc every predictor predicts and the prediction is remembered for
 * that buffer instance; on a Consume of a live instance every predictor is scored against its
 * prediction (if the event index is at or after {@code scoreFrom}) and then gets the feedback. A
 * Consume of a buffer that is not live is counted, not scored, not fed back.
 *
 * <p>Besides the predictors asked for, the engine always replays the references that the metrics
 * need: {@code oracle} (regret, capturedGain), {@code producer-local} (capturedGain),
 * {@code majority:key=device,weight=count} (kappaM) and {@code last-consumer:key=device}
 * (kappaTemporal), created from the registry. Two passes: a {@link TraceScan}, then the replay.
 */
public final class ReplayEngine {
    /** Default per-call time budget: a predictor slower than this on average is flagged. */
    public static final long DEFAULT_BUDGET_NS = 10_000;

    private static final String ORACLE = "oracle";
    private static final String PRODUCER_LOCAL = "producer-local";
    private static final String MAJORITY = "majority:key=device,weight=count";
    private static final String LAST_CONSUMER = "last-consumer:key=device";

    /**
     * How to replay.
     *
     * @param scoreFrom where scoring starts
     * @param budgetNs  per-call time budget in ns; predictors over it on average are flagged
     * @param progress  told about progress of both passes
     */
    public record Options(ScoreFrom scoreFrom, long budgetNs, ProgressListener progress) {
        /** Score everything, default budget, no progress. */
        public static Options defaults() {
            return new Options(ScoreFrom.START, DEFAULT_BUDGET_NS, ProgressListener.NONE);
        }
    }

    private final PredictorRegistry registry;

    /** An engine that creates its reference predictors from {@code registry}. */
    public ReplayEngine(PredictorRegistry registry) {
        this.registry = registry;
    }

    /**
     * Replays {@code source} through {@code specs} (predictor specs, created fresh for this replay).
     *
     * @param topology the topology the metrics use (the trace's, or with other distances)
     */
    public ReplayReport run(TraceSource source, Topology topology, List<String> specs, Options options) {
        List<Lane> lanes = new ArrayList<>();
        for (String spec : specs) {
            ConfiguredPredictor predictor;
            try {
                predictor = registry.create(spec, topology);
            } catch (PredictorStartException e) {
                predictor = e.placeholder(); // a broken provider is reported as faults, the others still run
            }
            lanes.add(new Lane(predictor, topology.nodes(), options.budgetNs()));
        }
        Lane oracle = reference(ORACLE, topology, options);
        Lane producerLocal = reference(PRODUCER_LOCAL, topology, options);
        Lane majority = reference(MAJORITY, topology, options);
        Lane lastConsumer = reference(LAST_CONSUMER, topology, options);
        List<Lane> all = new ArrayList<>(lanes);
        all.addAll(List.of(oracle, producerLocal, majority, lastConsumer));

        TraceScan scan = TraceScan.run(source, topology, options.progress());
        TraceSummary summary = scan.summary();
        for (Lane lane : all) {
            if (lane.predictor() instanceof LookaheadPredictor lp) {
                lp.useLookahead(scan);
            }
        }
        long scoreFromIndex = options.scoreFrom().resolve(summary.events());
        long[] actualByNode = replay(source, topology, all, scoreFromIndex, summary.events(), options.progress());

        List<PredictorResult> results = new ArrayList<>();
        for (Lane lane : lanes) {
            results.add(result(lane, summary, actualByNode, oracle, producerLocal, majority, lastConsumer));
        }
        return new ReplayReport(source.description(), source.header(), summary, topology, options.scoreFrom().text(),
                scoreFromIndex, options.budgetNs(), Version.FRAMEWORK, results);
    }

    private Lane reference(String spec, Topology topology, Options options) {
        return new Lane(registry.create(spec, topology), topology.nodes(), options.budgetNs());
    }

    /** The replay pass; returns the scored consumptions per consumer node (for kappa). */
    private static long[] replay(TraceSource source, Topology topology, List<Lane> lanes, long scoreFromIndex,
                                 long totalEvents, ProgressListener progress) {
        LiveBuffers live = new LiveBuffers();
        int[] slotDevice = new int[64];
        int[] slotQueue = new int[64];
        long[] slotFlow = new long[64];
        int[] slotProducerNode = new int[64];
        long[] actualByNode = new long[topology.nodes()];
        MutableAllocationContext ctx = new MutableAllocationContext(topology);
        MutableConsumptionFeedback fb = new MutableConsumptionFeedback();
        long index = 0;
        long allocIndex = 0;
        try (TraceCursor cursor = source.open()) {
            while (cursor.hasNext()) {
                TraceEvent event = cursor.next();
                switch (event) {
                    case TraceEvent.Alloc a -> {
                        live.end(a.bufferId()); // an Alloc of a live id replaces its instance
                        int slot = live.open(a.bufferId());
                        int capacity = live.capacity();
                        slotDevice = KeySlots.ensure(slotDevice, capacity, -1);
                        slotQueue = KeySlots.ensure(slotQueue, capacity, -1);
                        slotFlow = KeySlots.ensure(slotFlow, capacity, -1);
                        slotProducerNode = KeySlots.ensure(slotProducerNode, capacity, -1);
                        slotDevice[slot] = a.device();
                        slotQueue[slot] = a.queue();
                        slotFlow[slot] = a.flow();
                        slotProducerNode[slot] = a.node();
                        ctx.set(a.timeNs(), allocIndex++, a.bufferId(), a.device(), a.queue(), a.flow(), a.cpu(),
                                a.node(), a.bytes());
                        for (Lane lane : lanes) {
                            lane.predict(ctx, slot);
                        }
                    }
                    case TraceEvent.Consume c -> {
                        int slot = live.find(c.bufferId());
                        if (slot >= 0) {
                            boolean scored = index >= scoreFromIndex;
                            if (scored) {
                                actualByNode[c.node()]++;
                            }
                            for (Lane lane : lanes) {
                                int predicted = lane.predictionFor(slot);
                                if (scored) {
                                    lane.score(predicted, c.node(), c.bytes(), topology);
                                }
                                fb.set(c.timeNs(), c.bufferId(), slotDevice[slot], slotQueue[slot], slotFlow[slot],
                                        slotProducerNode[slot], predicted, c.cpu(), c.node(), c.bytes());
                                lane.feedback(fb);
                            }
                        }
                    }
                    case TraceEvent.Free f -> live.end(f.bufferId());
                }
                if ((++index & 0xFFFF) == 0) {
                    progress.onProgress("replay", index, totalEvents);
                }
            }
        }
        progress.onProgress("replay", index, totalEvents);
        return actualByNode;
    }

    private static PredictorResult result(Lane lane, TraceSummary summary, long[] actualByNode, Lane oracle,
                                          Lane producerLocal, Lane majority, Lane lastConsumer) {
        long n = lane.consumptions;
        Double accuracy = lane.accuracy();
        Double kappa = null;
        if (n > 0) {
            double pc = 0;
            for (int node = 0; node < actualByNode.length; node++) {
                pc += ((double) lane.predictedByNode[node] / n) * ((double) actualByNode[node] / n);
            }
            kappa = kappa(accuracy, pc);
        }
        double oracleCost = oracle.cost();
        long gainDenominator = producerLocal.remoteBytes() - oracle.remoteBytes();
        return new PredictorResult(
                lane.configured.label(), lane.configured.name(), lane.configured.params(), lane.configured.origin(),
                n, lane.bytes, summary.allocs(), summary.unconsumedAllocs(), summary.unknownConsumes(),
                accuracy, n == 0 || lane.bytes == 0 ? null : (double) lane.localBytes / lane.bytes,
                lane.remoteBytes(), lane.cost(),
                oracleCost == 0 ? null : lane.cost() / oracleCost - 1,
                gainDenominator == 0 ? null
                        : (double) (producerLocal.remoteBytes() - lane.remoteBytes()) / gainDenominator,
                kappa,
                n == 0 ? null : kappa(accuracy, majority.accuracy()),
                n == 0 ? null : kappa(accuracy, lastConsumer.accuracy()),
                n == 0 ? null : 1000.0 * (n - lane.hits) / n,
                lane.faults, lane.firstFault, lane.nsPerCall(), safeStateSize(lane), lane.overBudget());
    }

    /** MOA's kappa: (p0 - pc) / (1 - pc); null when pc is 1 (the denominator is 0). */
    private static Double kappa(Double p0, Double pc) {
        if (p0 == null || pc == null || pc == 1.0) {
            return null;
        }
        return (p0 - pc) / (1 - pc);
    }

    private static long safeStateSize(Lane lane) {
        try {
            return lane.predictor().stateSizeBytes();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }
}
