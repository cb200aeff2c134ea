package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Spi;
import org.numabias.api.Topology;
import org.numabias.api.TrainingProvenance;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;

/**
 * The engine's protocol guard for trained predictors ({@link TrainingCheck}): a predictor declaring a
 * {@link TrainingProvenance} over a hand-made trace of 10 buffers (A, C, F each: 30 events, consumes at
 * event indexes 1, 4, ..., 28).
 */
class TrainingCheckTest {
    private static final Topology TWO = Topology.uniform(2, "test");
    private static final InMemoryTrace TRACE = trace();
    private static final String DIGEST = TraceScan.summarize(TRACE, TWO, ProgressListener.NONE).eventsSha256();
    private static final String OTHER = "0".repeat(64);

    private static InMemoryTrace trace() {
        List<TraceEvent> events = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 10; i++) {
            events.add(new TraceEvent.Alloc(t++, i, 0, 0, 7, 0, 0, 100));
            events.add(new TraceEvent.Consume(t++, i, 2, 1, 100));
            events.add(new TraceEvent.Free(t++, i));
        }
        return new InMemoryTrace(TraceHeader.of(TWO, List.of(), Map.of(), Map.of()), events, "hand.csv");
    }

    /** {@code trained}: predicts node 1 and declares what {@code provenance} supplies (or throws it). */
    private record Trained(Supplier<TrainingProvenance> provenance) implements PredictorProvider {
        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return "trained"; }
        @Override public String description() { return "a predictor that declares its training"; }
        @Override public List<ParameterSpec> parameters() { return List.of(); }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            return new AllocationPredictor() {
                @Override
                public int predict(AllocationContext ctx) {
                    return 1;
                }

                @Override
                public void onConsumption(ConsumptionFeedback fb) {
                }

                @Override
                public Optional<TrainingProvenance> trainedOn() {
                    return Optional.of(provenance.get());
                }
            };
        }
    }

    private static ReplayReport replay(TrainingProvenance p, String scoreFrom, boolean allow) {
        PredictorRegistry registry = PredictorRegistry.builtIn().add(new Trained(() -> p), "test");
        return new ReplayEngine(registry).run(TRACE, TWO, List.of("trained", "majority"),
                new ReplayEngine.Options(ScoreFrom.parse(scoreFrom), ReplayEngine.DEFAULT_BUDGET_NS, ProgressListener.NONE)
                        .withAllowInSample(allow));
    }

    private static TrainingProvenance fitted(String digest, long until, int nodes) {
        return TrainingProvenance.of(digest, "hand.csv", 0, until, Long.toString(until), nodes, "1");
    }

    @Test
    void scoringTheFittedEventsIsRefusedSayingWhatOverlapsAndHowToScoreTheRest() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> replay(fitted(DIGEST, 15, 2), "0", false));
        assertTrue(e.getMessage().contains("fitted on events 0..14 of trace digest " + DIGEST), e.getMessage());
        assertTrue(e.getMessage().contains("scoring starts at event 0"), e.getMessage());
        assertTrue(e.getMessage().contains("--score-from 15 to score only the unseen part"), e.getMessage());
        assertTrue(e.getMessage().contains("--allow-in-sample"), e.getMessage());
    }

    @Test
    void aPartialOverlapIsRefusedTooAndNamesTheOverlappingEvents() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> replay(fitted(DIGEST, 15, 2), "14", false));
        assertTrue(e.getMessage().contains("events 14..14 would be scored in-sample"), e.getMessage());
    }

    @Test
    void aFractionalCutIsSuggestedAsTheUserWroteIt() {
        TrainingProvenance p = TrainingProvenance.of(DIGEST, "hand.csv", 0, 15, "0.5", 2, "1");
        ProtocolException e = assertThrows(ProtocolException.class, () -> replay(p, "0.3", false));
        assertTrue(e.getMessage().contains("scoring starts at event 9 (--score-from 0.3)"), e.getMessage());
        assertTrue(e.getMessage().contains("Use --score-from 0.5 (event 15)"), e.getMessage());
    }

    @Test
    void allowedInSampleScoringIsLabelledInSampleInTheResultAndItsJson() {
        ReplayReport r = replay(fitted(DIGEST, 15, 2), "0", true);
        PredictorResult trained = r.results().getFirst();
        assertEquals(TrainedOn.Sampling.IN_SAMPLE, trained.trainedOn().sampling());
        assertEquals(10, trained.consumptions()); // every consume scored
        assertEquals("trained [in-sample]", trained.labelWithSampling());
        assertNull(r.results().get(1).trainedOn()); // majority learns online: nothing declared
        String json = ReplayJson.write(r);
        assertTrue(json.contains("\"sampling\": \"in-sample\""), json);
        assertEquals(r.results(), ReplayJson.read(json).results()); // read back equal, trainedOn included
    }

    @Test
    void theResultCountsTheScoredConsumptionsBeforeTheTrainingCut() {
        // consumes at 1, 4, 7, 10, 13 come before event 15: five in-sample scored consumptions of ten
        TrainedOn inSample = replay(fitted(DIGEST, 15, 2), "0", true).results().getFirst().trainedOn();
        assertEquals(5, inSample.scoredBeforeCut());
        // scored from event 9: 10 and 13 before the cut
        assertEquals(2, replay(fitted(DIGEST, 15, 2), "9", true).results().getFirst().trainedOn().scoredBeforeCut());
        // held-out: none (scoring starts at the cut)
        assertEquals(0, replay(fitted(DIGEST, 15, 2), "15", false).results().getFirst().trainedOn().scoredBeforeCut());
        ReplayReport r = replay(fitted(DIGEST, 15, 2), "0", true);
        assertEquals(5, ReplayJson.read(ReplayJson.write(r)).results().getFirst().trainedOn().scoredBeforeCut());
    }

    @Test
    void scoringFromTheEndOfTheFittedRangeIsHeldOut() {
        ReplayReport r = replay(fitted(DIGEST, 15, 2), "15", false);
        assertEquals(TrainedOn.Sampling.HELD_OUT, r.results().getFirst().trainedOn().sampling());
        assertEquals(5, r.results().getFirst().consumptions()); // consumes at 16, 19, 22, 25, 28
    }

    @Test
    void anotherTracesModelIsScoredAndLabelledTransferEvenFromEventZero() {
        ReplayReport r = replay(fitted(OTHER, 30, 2), "0", false);
        TrainedOn t = r.results().getFirst().trainedOn();
        assertEquals(TrainedOn.Sampling.TRANSFER, t.sampling());
        assertEquals(OTHER, t.provenance().traceDigest());
        assertTrue(t.describe().startsWith("transfer; fitted on events 0..29 (cut 30) of sha256 0000000000000000"),
                t.describe());
    }

    @Test
    void beforeTheTraceIsReadToItsEndTheSamplingIsPending() {
        assertEquals(TrainedOn.Sampling.PENDING, TrainedOn.classify(fitted(DIGEST, 15, 2), "", 15));
        assertEquals(TrainedOn.Sampling.HELD_OUT, TrainedOn.classify(fitted(DIGEST, 15, 2), DIGEST, 15));
        assertEquals(TrainedOn.Sampling.TRANSFER, TrainedOn.classify(fitted(DIGEST, 15, 2), OTHER, 15));
    }

    @Test
    void anotherNodeCountIsRefusedEvenWhenInSampleScoringIsAllowed() {
        for (boolean allow : new boolean[]{false, true}) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> replay(fitted(OTHER, 30, 4), "0", allow));
            assertTrue(e.getMessage().contains("trained on a 4-node topology"), e.getMessage());
            assertTrue(e.getMessage().contains("hand.csv has 2 nodes"), e.getMessage());
        }
    }

    @Test
    void anUnknownNodeCountIsNotChecked() {
        ReplayReport r = replay(fitted(DIGEST, 15, 0), "15", false);
        assertEquals(TrainedOn.Sampling.HELD_OUT, r.results().getFirst().trainedOn().sampling());
    }

    @Test
    void aTrainedOnThatThrowsMakesEveryCallOfThatPredictorAFaultAndTheOthersRun() {
        PredictorRegistry registry = PredictorRegistry.builtIn()
                .add(new Trained(() -> { throw new IllegalStateException("model file gone"); }), "test");
        ReplayReport r = new ReplayEngine(registry).run(TRACE, TWO, List.of("trained", "majority"),
                ReplayEngine.Options.defaults());
        assertEquals(20, r.results().getFirst().faults()); // 10 predicts + 10 feedbacks
        assertTrue(r.results().getFirst().firstFault().contains("trainedOn() failed"), r.results().getFirst().firstFault());
        assertEquals(0, r.results().get(1).faults());
        assertEquals(0.9, r.results().get(1).accuracy()); // every consumer is on node 1; the first buffer, cold, goes to producer node 0
    }

    @Test
    void provenanceOfAnUnknownVersionOrAReversedRangeIsRefused() {
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                () -> new TrainingProvenance(TrainingProvenance.VERSION + 1, DIGEST, "", 0, 1, "", 2, ""));
        assertTrue(v.getMessage().contains("reads versions 1..1"), v.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingProvenance.of(DIGEST, "", 5, 4, "", 2, ""));
        assertThrows(IllegalArgumentException.class, () -> TrainingProvenance.of(" ", "", 0, 4, "", 2, ""));
    }
}
