package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.numabias.tools.cli.CliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.runtime.replay.ReplayJson;
import org.numabias.runtime.replay.ReplayReport;

/** compare's --budget-ns, --window and remoteBytesAvoided as a user sees them. */
class CompareOptionsTest {
    @TempDir
    Path tmp;

    private Path tiny() throws IOException {
        Path f = tmp.resolve("tiny.csv");
        Files.copy(Path.of("../examples/traces/tiny.csv"), f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return f;
    }

    @Test
    void aBudgetThatIsNotPositiveIsAUsageError() throws IOException {
        CliTest.Run r = run("compare", tiny().toString(), "--budget-ns", "0");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("time budget per predictor call must be a positive number of ns, got 0"), r.err());
        assertEquals(2, run("compare", tiny().toString(), "--window", "-3").code());
    }

    @Test
    void windowsAndRemoteBytesAvoidedAreInEveryFormat() throws IOException {
        CliTest.Run json = run("compare", tiny().toString(), "-p", "producer-local", "-p", "last-consumer", "-p", "oracle",
                "--window", "3", "--format", "json");
        assertEquals(0, json.code(), json.err());
        JsonNode results = new ObjectMapper().readTree(json.out()).path("results");
        // 4 scored consumptions in windows of 3: two windows, of 3 and 1
        JsonNode windows = results.path(1).path("windows");
        assertEquals(2, windows.size());
        assertEquals(3, windows.path(0).path("consumptions").asLong());
        assertEquals(1, windows.path(1).path("consumptions").asLong());
        // last-consumer moved 1500 of 3500 scored bytes from remote to local against producer-local
        assertEquals(1500.0 / 3500, results.path(1).path("remoteBytesAvoided").asDouble(), 1e-15);
        ReplayReport back = ReplayJson.read(json.out());
        assertEquals(3, back.window());
        assertEquals(2, back.results().get(2).windows().size());

        CliTest.Run csv = run("compare", tiny().toString(), "-p", "last-consumer", "--format", "csv");
        assertTrue(csv.out().lines().findFirst().orElseThrow().contains(",capturedGain,remoteBytesAvoided,kappa,"), csv.out());
        CliTest.Run table = run("compare", tiny().toString(), "-p", "last-consumer");
        assertTrue(table.out().contains("avoided = remoteBytesAvoided"), table.out());
    }
}
