package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;

/**
 * The replay's moving-block bootstrap intervals: coverage of a known true value by simulation,
 * determinism, the percentile rule and the JSON round trip.
 */
class BlockBootstrapTest {
    private static final Topology TWO = Topology.uniform(2, "test");

    /**
     * A stationary trace with serial dependence and a known true localByteRatio for producer-local:
     * every buffer is produced on node 0 and read once, by node 0 or 1, where the reader's node is a
     * two-state Markov chain that stays on 0 with probability 0.93 and on 1 with 0.86. Its stationary
     * share of node 0 is (1 - 0.86) / ((1 - 0.93) + (1 - 0.86)) = 0.14 / 0.21 = 2/3, and the chain starts
     * in that distribution, so every consumption is local to producer-local with probability 2/3:
     * equal bytes make the true localByteRatio exactly 2/3. Runs of one node last 1/0.07 = 14 and
     * 1/0.14 = 7 consumptions on average, so consumptions are far from independent.
     */
    private static InMemoryTrace markovTrace(long seed, int consumptions) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TraceEvent> events = new ArrayList<>(3 * consumptions);
        int node = random.nextDouble() < 2.0 / 3 ? 0 : 1;
        for (int i = 0; i < consumptions; i++) {
            long t = 3L * i;
            events.add(new TraceEvent.Alloc(t, i % 64, 0, 0, 0, 0, 0, 1500));
            events.add(new TraceEvent.Consume(t + 1, i % 64, node, node, 1500));
            events.add(new TraceEvent.Free(t + 2, i % 64));
            double stay = node == 0 ? 0.93 : 0.86;
            if (random.nextDouble() >= stay) {
                node = 1 - node;
            }
        }
        return new InMemoryTrace(TraceHeader.of(TWO, List.of("dev0"), Map.of("generator", "markov"), Map.of()), events,
                "markov(seed=" + seed + ")");
    }

    private static PredictorResult producerLocal(InMemoryTrace trace, ReplayEngine.Options options) {
        return new ReplayEngine(PredictorRegistry.builtIn()).run(trace, TWO, List.of("producer-local"), options)
                .results().getFirst();
    }

    @Test
    void intervalsCoverTheTrueLocalByteRatioOfAStationaryDependentTrace() {
        int replications = 300;
        int covered = 0;
        for (int seed = 1; seed <= replications; seed++) {
            Interval interval = producerLocal(markovTrace(seed, 4000), ReplayEngine.Options.defaults())
                    .interval(Measurement.LOCAL_BYTE_RATIO);
            if (interval.contains(2.0 / 3)) {
                covered++;
            }
        }
        double coverage = (double) covered / replications;
        // Measured: see DESIGN.md, "Uncertainty" (nominal 0.95; 300 replications give a standard error of about 0.013).
        System.out.printf("block bootstrap coverage of localByteRatio = 2/3: %d of %d = %.3f%n", covered, replications,
                coverage);
        assertTrue(coverage >= 0.90 && coverage <= 0.99, "coverage " + coverage);
    }

    @Test
    void sameSeedSameIntervalsAndTheyHoldThePointEstimateOfThisTrace() {
        InMemoryTrace trace = markovTrace(42, 3000);
        PredictorResult a = producerLocal(trace, ReplayEngine.Options.defaults());
        PredictorResult b = producerLocal(trace, ReplayEngine.Options.defaults());
        assertEquals(a.intervals(), b.intervals());
        Interval ratio = a.interval(Measurement.LOCAL_BYTE_RATIO);
        assertTrue(ratio.contains(a.localByteRatio()), ratio + " vs " + a.localByteRatio());
        assertTrue(ratio.upper() - ratio.lower() > 0.01, "a dependent trace of 3000 reads has a real spread: " + ratio);
        for (Measurement m : List.of(Measurement.ACCURACY, Measurement.REMOTE_BYTES, Measurement.COST,
                Measurement.REGRET, Measurement.MPKS)) {
            assertTrue(a.intervals().containsKey(m), m.key());
        }
        assertTrue(!a.intervals().containsKey(Measurement.CONSUMPTIONS) && !a.intervals().containsKey(Measurement.FAULTS),
                "counts of the trace itself get no interval");
    }

    @Test
    void windowsAskedForAreTheBlocksAndAreStillOutput() {
        PredictorResult r = producerLocal(markovTrace(7, 1000), ReplayEngine.Options.defaults().withWindow(50));
        assertEquals(20, r.windows().size());
        List<RawSums> none = List.of();
        assertTrue(BlockBootstrap.intervals(none, 1, 100).isEmpty());
        assertTrue(r.interval(Measurement.ACCURACY) != null);
        PredictorResult unwindowed = producerLocal(markovTrace(7, 1000), ReplayEngine.Options.defaults());
        assertTrue(unwindowed.windows().isEmpty(), "the bootstrap's own windows are not output");
    }

    @Test
    void percentileIsRsTypeSeven() {
        // R: quantile(1:10, c(0.025, 0.975)) gives 1.225 and 9.775
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(1.225, BlockBootstrap.percentile(v, 0.025), 1e-12);
        assertEquals(9.775, BlockBootstrap.percentile(v, 0.975), 1e-12);
    }

    @Test
    void blockLengthIsTheRoundedCubeRoot() {
        assertEquals(1, BlockBootstrap.blockLength(1));
        assertEquals(5, BlockBootstrap.blockLength(125));
        assertEquals(10, BlockBootstrap.blockLength(1000));
        assertEquals(6, BlockBootstrap.blockLength(250)); // 6.30
    }

    @Test
    void intervalsSurviveJson() {
        PredictorResult r = producerLocal(markovTrace(3, 2000), ReplayEngine.Options.defaults());
        ReplayReport report = new ReplayEngine(PredictorRegistry.builtIn()).run(markovTrace(3, 2000), TWO,
                List.of("producer-local", "last-consumer"), ReplayEngine.Options.defaults());
        ReplayReport back = ReplayJson.read(ReplayJson.write(report));
        assertEquals(report.results().get(1).intervals(), back.results().get(1).intervals());
        assertEquals(r.intervals(), back.results().get(0).intervals());
    }
}
