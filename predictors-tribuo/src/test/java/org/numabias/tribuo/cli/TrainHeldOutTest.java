package org.numabias.tribuo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.numabias.tribuo.cli.TrainCommandTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.tribuo.cli.TrainCommandTest.Run;

/**
 * {@code train}'s held-out estimate on hand-made traces of 1000 buffers (A, C, F each: 3000 events), trained on
 * all of them ({@code --until 3000}); the held-out model is fitted on events 0..2399 (buffers 0..799) and scored
 * on the 200 buffers 800..999.
 */
class TrainHeldOutTest {
    @TempDir
    Path tmp;

    /** 2 nodes; buffer i is allocated on node 0 with {@code size(i)} bytes and consumed whole on node {@code onOne(i) ? 1 : 0}. */
    private Path trace(IntPredicate onOne, java.util.function.IntUnaryOperator size) throws IOException {
        StringBuilder sb = new StringBuilder("# nodes=2\ntype,time_ns,buffer,device,queue,flow,cpu,node,bytes\n");
        long t = 0;
        for (int i = 0; i < 1000; i++) {
            int node = onOne.test(i) ? 1 : 0;
            sb.append("A,").append(t++).append(',').append(i).append(",0,0,0x1,0,0,").append(size.applyAsInt(i)).append('\n');
            sb.append("C,").append(t++).append(',').append(i).append(",,,,").append(node).append(',').append(node)
                    .append(',').append(size.applyAsInt(i)).append('\n');
            sb.append("F,").append(t++).append(',').append(i).append(",,,,,,\n");
        }
        Path f = tmp.resolve("t.csv");
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void aRegimeChangeAfterTheHeldOutModelsDataMakesTheWarningFire() throws IOException {
        // "SETs then GETs": every buffer is consumed on node 0 until buffer 849, on node 1 from buffer 850; the
        // held-out model saw only node 0 and is right on buffers 800..849 alone: 50 of 200
        Run r = run("train", trace(i -> i >= 850, i -> 1000).toString(), "-o", tmp.resolve("m").toString(),
                "--until", "3000");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("held-out estimate: trained the same way on events 0..2,399, agreement on the 200 "
                + "instances of events 2,400..2,999 (the last 20% of the training range): 0.2500 of instances, 0.2500 of "
                + "bytes"), r.out());
        assertTrue(r.err().contains("train: warning: the in-sample agreement"), r.err());
        assertTrue(r.err().contains("exceeds the held-out estimate (0.2500)"), r.err());
        assertTrue(r.err().contains("more than 0.10"), r.err());
    }

    @Test
    void aStationaryTraceGivesNoWarning() throws IOException {
        // the size decides the consumer, all along: small buffers on node 0, large ones on node 1
        Run r = run("train", trace(i -> i % 3 == 0, i -> i % 3 == 0 ? 60_000 : 64).toString(), "-o",
                tmp.resolve("m").toString(), "--until", "3000");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("agreement on the 200 instances of events 2,400..2,999"), r.out());
        assertTrue(r.out().contains("1.0000 of instances, 1.0000 of bytes\nwrote"), r.out());
        assertFalse(r.err().contains("warning"), r.err());
    }

    @Test
    void holdoutZeroSkipsTheEstimateAndABadValueIsRefused() throws IOException {
        Path t = trace(i -> false, i -> 100);
        Run skipped = run("train", t.toString(), "-o", tmp.resolve("m").toString(), "--until", "3000", "--holdout", "0");
        assertEquals(0, skipped.code(), skipped.err());
        assertFalse(skipped.out().contains("held-out"), skipped.out());
        Run bad = run("train", t.toString(), "-o", tmp.resolve("n").toString(), "--holdout", "1");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("--holdout must be in [0,1), got 1.0"), bad.err());
    }
}
