package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.numabias.api.TrainingProvenance;
import org.numabias.runtime.replay.TrainedOn.Sampling;

/** How a trained predictor's provenance is classified against a replay, described, and written as JSON. */
class TrainedOnTest {
    private static final String DIGEST = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void theSamplingFollowsTheDigestAndWhereScoringStarts() {
        TrainingProvenance p = TrainingProvenance.of(DIGEST, "t.csv", 10, 20, "20", 2, "1");
        assertEquals(Sampling.PENDING, TrainedOn.classify(p, "", 0), "no digest yet");
        assertEquals(Sampling.PENDING, TrainedOn.classify(p, null, 0));
        assertEquals(Sampling.TRANSFER, TrainedOn.classify(p, "ff".repeat(32), 0));
        // fitted on 10..19: scoring from 19 overlaps, from 20 does not
        assertEquals(Sampling.IN_SAMPLE, TrainedOn.classify(p, DIGEST, 19));
        assertEquals(Sampling.HELD_OUT, TrainedOn.classify(p, DIGEST, 20));
        assertEquals(Sampling.IN_SAMPLE, TrainedOn.classify(p, DIGEST.toUpperCase(), 0), "digests compare in any case");
        // an empty fitted range overlaps nothing
        assertEquals(Sampling.HELD_OUT, TrainedOn.classify(TrainingProvenance.of(DIGEST, "", 5, 5, "", 0, ""), DIGEST, 0));
    }

    @Test
    void everySamplingHasItsLabelAndAnUnknownLabelIsAnError() {
        assertEquals(List.of("held-out", "in-sample", "transfer", "pending"),
                List.of(Sampling.values()).stream().map(Sampling::label).toList());
        for (Sampling s : Sampling.values()) {
            assertEquals(s, Sampling.of(s.label()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sampling.of("HELD_OUT"));
        assertEquals("unknown sampling 'HELD_OUT' (held-out, in-sample, transfer or pending)", e.getMessage());
    }

    @Test
    void theDescriptionNamesWhatWasFittedAndLeavesOutWhatIsUnknown() {
        TrainedOn full = new TrainedOn(TrainingProvenance.of(DIGEST, "t.csv", 0, 5000, "0.5", 2, "1"), Sampling.HELD_OUT);
        assertEquals("held-out; fitted on events 0..4999 (cut 0.5) of sha256 0123456789abcdef (t.csv), 2 nodes, features v1",
                full.describe());
        TrainedOn bare = new TrainedOn(TrainingProvenance.of("abc", "", 3, 7, "", 0, ""), Sampling.TRANSFER);
        assertEquals("transfer; fitted on events 3..6 of sha256 abc, ? nodes", bare.describe());
        TrainedOn one = new TrainedOn(TrainingProvenance.of(DIGEST.substring(0, 16), "", 0, 1, "", 1, ""),
                Sampling.IN_SAMPLE);
        assertEquals("in-sample; fitted on events 0..0 of sha256 0123456789abcdef, 1 nodes", one.describe());
    }

    @Test
    void itsJsonNamesEveryFieldAndReadsBack() {
        TrainedOn t = new TrainedOn(TrainingProvenance.of(DIGEST, "t.csv", 4, 9, "9", 3, "2"), Sampling.IN_SAMPLE);
        Map<String, Object> json = t.toJson();
        assertEquals(List.of("sampling", "version", "traceDigest", "trace", "fromEvent", "untilEvent", "cut", "nodes",
                "featureVersion"), List.copyOf(json.keySet()));
        assertEquals(List.of("in-sample", 1, DIGEST, "t.csv", 4L, 9L, "9", 3, "2"), List.copyOf(json.values()));
        assertEquals(t, TrainedOn.fromJson(json));
        // as JSON reads it back: small integers
        Map<String, Object> read = new java.util.LinkedHashMap<>(json);
        read.put("fromEvent", 4);
        read.put("untilEvent", 9);
        assertEquals(t, TrainedOn.fromJson(read));
        assertEquals(-1, TrainedOn.fromJson(json).scoredBeforeCut(), "not counted");
        // a count of scored consumptions before the cut, 0 included, is written last and read back
        for (long counted : new long[] {0, 7}) {
            TrainedOn c = new TrainedOn(t.provenance(), Sampling.IN_SAMPLE, counted);
            Map<String, Object> withCount = c.toJson();
            assertEquals("scoredBeforeCut", List.copyOf(withCount.keySet()).getLast());
            assertEquals(counted, withCount.get("scoredBeforeCut"));
            assertEquals(c, TrainedOn.fromJson(withCount));
        }
    }
}
