package org.numabias.live.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.live.workload.Workload;
import org.numabias.runtime.store.ChronicleTraceSource;

/** A throwing or slow predictor never stops the data path; its calls fall back to the producer's node and are counted. */
class FaultyPredictorLiveTest {
    @Test
    @Timeout(60)
    void aThrowingPredictorFallsBackToTheProducersNodeOnEveryCall(@TempDir Path dir) {
        Workload w = LiveLoopTest.shortRun("cross-node", 0.5, 5_000);
        LiveResult r = new LiveRun(LiveConfig.of(w, LiveLoopTest.emulated(2), TestPredictors.registry(), "throwing")
                .withRecord(dir.resolve("t"))).run(LiveStatus.Listener.NONE);
        assertTrue(r.consumed() > 100, "the data path kept going: " + r.consumed());
        assertTrue(r.faults() > 0);
        assertNotNull(r.firstFault());
        assertTrue(r.firstFault().contains("broken on purpose"), r.firstFault());
        // every predict and every feedback faulted
        assertEquals(r.predictorCalls(), r.faults());
        try (ChronicleTraceSource s = ChronicleTraceSource.open(dir.resolve("t")); TraceCursor c = s.open()) {
            while (c.hasNext()) {
                if (c.next() instanceof TraceEvent.Alloc a) {
                    assertEquals(a.node(), a.allocNode(), "fallback: the producer's node");
                }
            }
        }
    }

    @Test
    @Timeout(60)
    void aSlowPredictorIsDisabledAndTheLoopGoesOn() {
        Workload w = LiveLoopTest.shortRun("migration", 1.0, 10_000);
        LiveResult r = new LiveRun(LiveConfig.of(w, LiveLoopTest.emulated(2), TestPredictors.registry(), "slow")
                .withBudgetNs(1_000)).run(LiveStatus.Listener.NONE);
        assertTrue(r.disabled(), "2 ms per call against a 1 us budget: switched off");
        assertTrue(r.firstFault().startsWith("disabled after"), r.firstFault());
        assertTrue(r.faults() > 0, "predicts refused while disabled count as faults");
        assertTrue(r.consumed() > 100, "the data path kept going: " + r.consumed());
        assertEquals(r.received(), r.consumed() + r.drops() - r.dropPoolEmpty());
    }
}
