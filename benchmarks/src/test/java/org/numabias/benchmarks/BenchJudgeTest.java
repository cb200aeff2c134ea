package org.numabias.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A figure passes or misses only when its whole range over forks agrees; otherwise it is UNSETTLED. */
class BenchJudgeTest {
    @Test
    void aSpeedTargetIsJudgedOnTheWholeRange() {
        assertEquals("pass", Bench.judge(0.61, 0.70, 0.6, true));
        assertEquals("UNSETTLED", Bench.judge(0.55, 0.65, 0.6, true));
        assertEquals("MISS", Bench.judge(0.40, 0.59, 0.6, true));
    }

    @Test
    void aCostTargetIsJudgedOnTheWholeRange() {
        assertEquals("pass", Bench.judge(1.2, 1.4, 1.5, false));
        assertEquals("UNSETTLED", Bench.judge(1.4, 1.6, 1.5, false));
        assertEquals("MISS", Bench.judge(1.6, 2.0, 1.5, false));
    }

    @Test
    void theMedianOfForks() {
        assertEquals(2.0, Bench.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Bench.median(List.of(4.0, 1.0, 3.0, 2.0)));
    }
}
