package org.numabias.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.numabias.runtime.contract.RandomTraces;
import org.numabias.runtime.replay.ReplayReport;

class MultiTraceOutputTest {
    @Test
    void jsonAndCsvCarryEveryTraceWithItsGainVerdict() throws Exception {
        List<ReplayReport> reports = List.of(Replays.replay(RandomTraces.generate(3, 3, 300, false)),
                Replays.replay(Replays.nearlyLocal(10_000, 1, 50)));
        List<String> names = List.of("random", "almost-local");
        JsonNode json = new ObjectMapper().readTree(MultiTraceOutput.json(reports, names));
        assertEquals(2, json.size());
        for (int i = 0; i < 2; i++) {
            JsonNode entry = json.get(i);
            assertEquals(names.get(i), entry.get("dataset").asText());
            assertEquals(reports.get(i).summary().eventsSha256(), entry.get("trace").get("eventsSha256").asText());
            assertEquals(Gains.capturedGainMeaningful(reports.get(i)), entry.get("capturedGainMeaningful").asBoolean());
            assertEquals(Gains.achievableShare(reports.get(i)), entry.get("achievableGainShare").asDouble(), 0);
            assertEquals(Replays.SPECS.size(), entry.get("results").size());
            assertEquals(reports.get(i).results().get(2).remoteBytesAvoided(),
                    entry.get("results").get(2).get("remoteBytesAvoided").asDouble(), 0);
        }
        assertEquals(false, json.get(1).get("capturedGainMeaningful").asBoolean());
        List<String> csv = MultiTraceOutput.csv(reports, names).lines().toList();
        assertEquals(1 + 2 * Replays.SPECS.size(), csv.size());
        assertTrue(csv.getFirst().startsWith("dataset,predictor,"), csv.getFirst());
        assertTrue(csv.get(1).startsWith("random,producer-local,"), csv.get(1));
        assertTrue(csv.getLast().startsWith("almost-local,interleave,"), csv.getLast());
    }
}
