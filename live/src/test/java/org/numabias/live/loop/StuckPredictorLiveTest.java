package org.numabias.live.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.ConfigurationException;
import org.numabias.live.workload.Workload;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.store.TraceState;

/** A predictor call that never returns stops a live run with a message (the trace sealed) instead of hanging it. */
class StuckPredictorLiveTest {
    @Test
    @Timeout(90)
    void aPredictorThatNeverReturnsEndsTheRunWithItsNameAndASealedTrace(@TempDir Path dir) {
        Workload w = LiveLoopTest.shortRun("cross-node", 60, 1_000_000);
        LiveRun run = new LiveRun(LiveConfig.of(w, LiveLoopTest.emulated(2), TestPredictors.registry(), "stuck")
                .withRecord(dir.resolve("t")));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> run.run(LiveStatus.Listener.NONE));
        assertEquals("predictor stuck has been inside one call for over " + LiveRun.STALL_LIMIT.toSeconds()
                + " s (it does not return); stopping the run", e.getMessage());
        try (ChronicleTraceSource s = ChronicleTraceSource.open(dir.resolve("t"))) {
            assertEquals(TraceState.COMPLETE, TraceState.of(s.header()), "sealed: " + s.header().provenance());
            assertTrue(s.header().provenance().containsKey("stoppedEarly"), s.header().provenance().toString());
        }
    }
}
