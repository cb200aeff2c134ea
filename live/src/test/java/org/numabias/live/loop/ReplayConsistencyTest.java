package org.numabias.live.loop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.PredictorRegistry;
import org.numabias.live.workload.Workload;
import org.numabias.runtime.replay.PredictorResult;

/**
 * The replay-consistency property: replaying a live run's recorded trace through the same predictor
 * gives the live run's localByteRatio within {@link #TOLERANCE}.
 *
 * <p>Why they can differ at all: in replay, the feedback of a Consume reaches the predictor right at
 * the Consume's place in the trace; live, it reaches the producer after the feedback delay (it
 * crosses a queue and waits for the producer's next loop), and each socket's next buffer is placed
 * when it is posted, before its datagram arrives. So after a consumer migrates, the live predictor
 * keeps the old answer for the allocations made during that delay; with stable flows the two agree
 * once the first feedback of each flow has arrived. The stateless {@code producer-local} must agree
 * exactly (checked in {@link LiveLoopTest}).
 */
class ReplayConsistencyTest {
    /** Absolute difference allowed between live and replayed localByteRatio. */
    static final double TOLERANCE = 0.05;

    @TempDir
    Path tmp;
    private int runs;

    @Test
    @Timeout(300)
    void replayingTheRecordedTraceGivesTheLiveLocalByteRatio() {
        qt().withExamples(4).withShrinkCycles(0)
                .forAll(integers().between(1000, 6000), integers().between(100, 1400), doubles().between(0.2, 0.5),
                        integers().between(0, 2))
                .checkAssert((rate, bytes, migrateAt, predictorIndex) -> {
                    String spec = List.of("last-consumer:key=flow", "ewma:key=flow", "majority:key=device").get(predictorIndex);
                    Workload w = new Workload("prop", "", 0.6, 5_000, 2048,
                            List.of(new Workload.Device("eth0", 0), new Workload.Device("eth1", 1)),
                            List.of(new Workload.Consumer("a", 0, 0), new Workload.Consumer("b", 1, 0)),
                            List.of(new Workload.Flow("eth0", "b", bytes, rate), new Workload.Flow("eth1", "a", bytes, rate / 2.0),
                                    new Workload.Flow("eth0", "a", bytes, rate / 4.0)),
                            List.of(new Workload.Migration(migrateAt, 0, "a"), new Workload.Migration(migrateAt, 2, "b")))
                            .validate("property");
                    Path dir = tmp.resolve("trace" + runs++);
                    LiveResult live = new LiveRun(LiveConfig.of(w, LiveLoopTest.emulated(2), PredictorRegistry.builtIn(), spec)
                            .withRecord(dir)).run(LiveStatus.Listener.NONE);
                    PredictorResult replay = LiveReplay.replay(dir, PredictorRegistry.builtIn(), spec).results().getFirst();
                    assertTrue(live.consumed() > 50, "too little traffic to compare: " + live.consumed());
                    double diff = Math.abs(live.liveLocalByteRatio() - replay.localByteRatio());
                    assertTrue(diff <= TOLERANCE, spec + " rate " + rate + ": live " + live.liveLocalByteRatio() + " vs replay "
                            + replay.localByteRatio() + " (consumed " + live.consumed() + ", feedback p50 "
                            + live.feedbackDelayNs()[0] + " ns)");
                });
    }
}
