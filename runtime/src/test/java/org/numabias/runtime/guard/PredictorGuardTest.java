package org.numabias.runtime.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConfiguredPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.api.Topology;

class PredictorGuardTest {
    private static final Topology TOPOLOGY = Topology.uniform(4, "test");

    private static ConfiguredPredictor configured(ToIntFunction<AllocationContext> predict, Runnable onConsumption) {
        AllocationPredictor p = new AllocationPredictor() {
            @Override
            public int predict(AllocationContext ctx) {
                return predict.applyAsInt(ctx);
            }

            @Override
            public void onConsumption(ConsumptionFeedback fb) {
                onConsumption.run();
            }
        };
        return new ConfiguredPredictor("test", "test", Map.of(), p, "test");
    }

    private static MutableAllocationContext ctx(int producerNode) {
        return new MutableAllocationContext(TOPOLOGY).set(0, 0, 1, 0, -1, -1, 0, producerNode, 64);
    }

    @Test
    void anOutOfMemoryErrorIsNamedAfterThePredictorWhoseCallItLeft() {
        PredictorGuard[] guard = new PredictorGuard[1];
        OutOfMemoryError oom = new OutOfMemoryError("as if it left the call before the guard's handler ran");
        PredictorExhaustedJvmError[] seenInPredict = new PredictorExhaustedJvmError[1];
        PredictorExhaustedJvmError[] seenInFeedback = new PredictorExhaustedJvmError[1];
        guard[0] = PredictorGuard.budgeted(configured(c -> {
            seenInPredict[0] = guard[0].exhaustedInCall(oom);
            return 1;
        }, () -> seenInFeedback[0] = guard[0].exhaustedInCall(oom)), 4, 10_000);
        assertNull(guard[0].exhaustedInCall(oom), "no call yet");
        assertEquals(1, guard[0].predict(ctx(0)));
        assertNull(guard[0].exhaustedInCall(oom), "the call returned");
        assertTrue(seenInPredict[0].getMessage().startsWith("predictor 'test' exhausted the JVM in predict: "
                + "java.lang.OutOfMemoryError: as if it left"), seenInPredict[0].getMessage());
        assertSame(oom, seenInPredict[0].getCause());
        guard[0].feedback(new MutableConsumptionFeedback());
        assertTrue(seenInFeedback[0].getMessage().startsWith("predictor 'test' exhausted the JVM in onConsumption: "),
                seenInFeedback[0].getMessage());
    }

    @Test
    void faultsFallBackToTheProducerNodeAndKeepTheFirstDescription() {
        int[] call = {0};
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> switch (call[0]++) {
            case 0 -> 2;
            case 1 -> 7;
            case 2 -> throw new IllegalStateException("boom");
            default -> -1;
        }, () -> { throw new UnsupportedOperationException("fb"); }), 4, 10_000);

        assertEquals(2, guard.predict(ctx(1)));
        assertEquals(3, guard.predict(ctx(3)), "node 7 is out of range: producer's node");
        assertEquals(1, guard.predict(ctx(1)), "a throw: producer's node");
        assertEquals(0, guard.predict(ctx(0)), "node -1 is out of range");
        guard.feedback(new MutableConsumptionFeedback());

        PredictorGuard.Stats stats = guard.stats();
        assertEquals(4, stats.faults());
        assertEquals("returned node 7, outside 0..3", stats.firstFault());
        assertEquals(5, stats.calls());
        assertFalse(stats.disabled());
    }

    @Test
    void aCallThatLeavesItsThreadInterruptedIsAFaultAndTheInterruptIsCleared() {
        int[] call = {0};
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> {
            if (call[0]++ == 1) {
                Thread.currentThread().interrupt();
            }
            return 2;
        }, () -> Thread.currentThread().interrupt()), 4, 10_000);

        assertEquals(2, guard.predict(ctx(1)));
        assertEquals(1, guard.predict(ctx(1)), "it interrupted its thread: producer's node");
        assertFalse(Thread.currentThread().isInterrupted(), "cleared after predict");
        assertEquals(2, guard.predict(ctx(3)), "the next call is counted on its own");
        guard.feedback(new MutableConsumptionFeedback());
        assertFalse(Thread.currentThread().isInterrupted(), "cleared after onConsumption");

        PredictorGuard.Stats stats = guard.stats();
        assertEquals(2, stats.faults());
        assertEquals("predict interrupted its thread (the interrupt was cleared)", stats.firstFault());
    }

    @Test
    void nonPositiveBudgetsAreUsageErrors() {
        ConfiguredPredictor p = configured(c -> 0, () -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PredictorGuard.budgeted(p, 4, 0));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PredictorGuard.budgeted(p, 4, -5));
    }

    @Test
    void timingIsSampledAfterTheFirstThousandCallsAndWeighted() {
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> 0, () -> { }), 4, 10_000);
        MutableAllocationContext ctx = ctx(0);
        for (int i = 0; i < 2000; i++) {
            guard.predict(ctx);
        }
        PredictorGuard.Stats stats = guard.stats();
        assertEquals(2000, stats.calls());
        // 1000 timed one by one, then calls 1024, 1088, ..., 1984 (16 of them) each stand for 64
        assertEquals(1000 + 16 * 64, stats.timedWeight());
        assertNull(stats.firstFault());
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aFarTooSlowPredictorIsDisabledAndItsLaterPredictsAreFaults() {
        int[] calls = {0};
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> {
            calls[0]++;
            spin(20_000);
            return 1;
        }, () -> { }), 4, 1);
        MutableAllocationContext ctx = ctx(3);
        // 1 ns budget: each 20 us call counts as 200 ns (2 x 100 budgets) for disabling, so the estimate
        // 200 ns x calls passes 100 x 1 ns x max(calls, 1000) at call 501
        int made = 0;
        while (!guard.disabled() && made < 1000) {
            assertEquals(1, guard.predict(ctx));
            made++;
        }
        assertEquals(501, made);
        assertEquals(3, guard.predict(ctx));
        assertEquals(501, calls[0], "a disabled predictor is not called");
        PredictorGuard.Stats stats = guard.stats();
        assertTrue(stats.overBudget());
        assertTrue(stats.nsPerCall() >= 20_000, "ns/call is not clamped: " + stats.nsPerCall());
        assertEquals(1, stats.faults());
        assertTrue(stats.firstFault().startsWith("disabled after 501 calls"), stats.firstFault());
    }

    @Test
    void onePauseDuringASampledCallNeitherFlagsNorDisablesAFastPredictor() {
        int[] calls = {0};
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> {
            if (calls[0]++ == 1088) { // a sampled call, weighted 64 times
                spin(50_000_000);
            }
            return 0;
        }, () -> { }), 4, 10_000);
        for (int i = 0; i < 3000; i++) {
            guard.predict(ctx(0));
        }
        PredictorGuard.Stats stats = guard.stats();
        assertFalse(stats.disabled());
        assertFalse(stats.overBudget());
        assertEquals(0, stats.faults());
        // the honest estimate still carries the pause: 64 x 50 ms over about 3000 calls
        assertTrue(stats.nsPerCall() > 500_000, "ns/call " + stats.nsPerCall());
    }

    @Test
    void feedbackCallsAreCountedAndSampledOnTheSameScheduleAsPredicts() {
        int[] delivered = {0};
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> 3, () -> delivered[0]++), 4, 10_000);
        MutableAllocationContext ctx = ctx(0);
        MutableConsumptionFeedback fb = new MutableConsumptionFeedback();
        // one counter of 2000 calls: feedbacks are calls 0..1099 (0..999 timed one by one, then 1024 and
        // 1088 standing for 64 each), predicts are calls 1100..1999 (1152, 1216, ..., 1984: 14 of them)
        for (int i = 0; i < 1100; i++) {
            guard.feedback(fb);
        }
        for (int i = 0; i < 900; i++) {
            assertEquals(3, guard.predict(ctx), "timed or not, the predictor's answer");
        }
        PredictorGuard.Stats stats = guard.stats();
        assertEquals(1100, delivered[0]);
        assertEquals(2000, stats.calls());
        assertEquals(1000 + 16 * 64, stats.timedWeight());
        assertEquals(10_000, stats.budgetNs());
        assertEquals(0, stats.faults());
    }

    @Test
    void aGuardNeedsAtLeastOneNode() {
        ConfiguredPredictor p = configured(c -> 0, () -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PredictorGuard.reference(p, 0));
        assertEquals("a predictor guard needs at least 1 node, got 0", e.getMessage());
        assertEquals(0, PredictorGuard.reference(p, 1).predict(ctx(0)));
    }

    @Test
    void theDisablingClampScalesWithTheBudget() {
        // 2 ns budget, every call at least 20 us: clamped to 200 x 2 = 400 ns, and 400 ns x calls passes
        // 100 x 2 ns x 1000 at call 501
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> {
            spin(20_000);
            return 1;
        }, () -> { }), 4, 2);
        int made = 0;
        while (!guard.disabled() && made < 1000) {
            guard.predict(ctx(0));
            made++;
        }
        assertEquals(501, made);
    }

    @Test
    void aPredictorThatTurnsSlowAfterSamplingStartsIsDisabledByItsWeightedSamples() {
        // 100 ns budget: clamp 200 x 100 ns = 20 us, disabled once the clamped mean passes 100 x 100 ns = 10 us.
        // Calls 0..999 return at once (each clamped at 20 us, so even a few pauses add little); from call
        // 1000 on every call takes at least 20 us. After k sampled calls (1024, 1088, ...) the clamped mean
        // is (fast + k x 64 x 20 us) / (1000 + 64 k), over 10 us from k > (10,000 us - fast) / 640 us: k = 16
        // (call 1984, the 1985th) when the 1000 fast calls took under 400 us in all, k = 15 or 14 on a machine
        // so loaded that they took up to 1.7 ms; always at a sampled call, with the weight of k samples
        int[] calls = {0};
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> {
            if (calls[0]++ >= 1000) {
                spin(20_000);
            }
            return 1;
        }, () -> { }), 4, 100);
        int made = 0;
        while (!guard.disabled() && made < 3000) {
            guard.predict(ctx(0));
            made++;
        }
        assertEquals(0, (made - 1025) % 64, "disabled at a sampled call: " + made);
        int k = (made - 1025) / 64 + 1;
        assertTrue(k >= 14 && k <= 16, "disabled after " + k + " sampled calls (call " + made + ")");
        assertEquals(1000 + k * 64, guard.stats().timedWeight());
    }

    @Test
    void theEntryCounterIsOddExactlyWhileThePredictorRuns() {
        // the watchdog's view of a guard: incremented on entry and on exit, also when the call throws
        PredictorGuard[] self = new PredictorGuard[1];
        long[] seenInside = new long[4];
        int[] call = {0};
        self[0] = PredictorGuard.budgeted(configured(c -> {
            seenInside[call[0]] = self[0].entries();
            if (call[0]++ == 1) {
                throw new IllegalStateException("boom");
            }
            return 1;
        }, () -> {
            seenInside[call[0]++] = self[0].entries();
            throw new IllegalStateException("fb");
        }), 4, 10_000);
        PredictorGuard guard = self[0];
        assertEquals(0, guard.entries());
        assertEquals(1, guard.predict(ctx(0)));
        assertEquals(2, guard.entries());
        assertEquals(3, guard.predict(ctx(3)), "a throw: producer's node");
        assertEquals(4, guard.entries());
        guard.feedback(new MutableConsumptionFeedback());
        assertEquals(6, guard.entries());
        assertArrayEquals(new long[] {1, 3, 5, 0}, seenInside);

        PredictorGuard[] oom = new PredictorGuard[1];
        oom[0] = PredictorGuard.budgeted(configured(c -> { throw new OutOfMemoryError("heap"); },
                () -> { throw new StackOverflowError(); }), 4, 10_000);
        assertThrows(PredictorExhaustedJvmError.class, () -> oom[0].predict(ctx(0)));
        assertEquals(2, oom[0].entries(), "left also when the JVM failed");
        assertThrows(PredictorExhaustedJvmError.class, () -> oom[0].feedback(new MutableConsumptionFeedback()));
        assertEquals(4, oom[0].entries());
    }

    @Test
    void theNodeRangeIsZeroToNodesMinusOne() {
        int[] answer = {0};
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> answer[0], () -> { }), 4, 10_000);
        assertEquals(0, guard.predict(ctx(3)), "node 0 is in range");
        answer[0] = 3;
        assertEquals(3, guard.predict(ctx(1)), "node 3 is in range");
        answer[0] = 4;
        assertEquals(1, guard.predict(ctx(1)), "node 4 is not: the producer's node");
        assertEquals("returned node 4, outside 0..3", guard.stats().firstFault());
        assertEquals(1, guard.stats().faults());
    }

    @Test
    void aGuardRunsTheConfiguredPredictorItWasGiven() {
        ConfiguredPredictor p = configured(c -> 0, () -> { });
        assertSame(p, PredictorGuard.budgeted(p, 4, 10_000).configured());
        assertSame(p, PredictorGuard.reference(p, 4).configured());
    }

    @Test
    void aPredictorThatTurnsSlowAfterSamplingStartsIsFlaggedByItsWeightedSamples() {
        // 1 us budget: calls 0..999 return at once, calls from 1000 on take at least 12 us, counted 10 us
        // for the flag. After 2000 calls the 16 samples (1024, ..., 1984) stand for 16 x 64 = 1024 calls:
        // a clamped mean of at least 16 x 64 x 10 us / 2024 = 5.06 us, over the budget
        int[] calls = {0};
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> {
            if (calls[0]++ >= 1000) {
                spin(12_000);
            }
            return 1;
        }, () -> { }), 4, 1_000);
        for (int i = 0; i < 2000; i++) {
            guard.predict(ctx(0));
        }
        assertTrue(guard.stats().overBudget());
    }

    @Test
    void aGuardThatHasMadeNoCallReportsZeros() {
        PredictorGuard.Stats stats = PredictorGuard.budgeted(configured(c -> 0, () -> { }), 4, 10_000).stats();
        assertEquals(0, stats.calls());
        assertEquals(0, stats.timedWeight());
        assertEquals(0.0, stats.nsPerCall());
        assertFalse(stats.overBudget());
        assertFalse(stats.disabled());
        assertNull(stats.firstFault());
    }

    @Test
    void aPredictorSlowOnEveryCallIsFlaggedFromTheThousandthCallButNotDisabled() {
        // budget 1 us, every call at least 12 us: clamped to 10 us for the flag (mean 10 us > 1 us); for
        // disabling the mean would have to pass 100 us (each call clamped at 200 us)
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> {
            spin(12_000);
            return 2;
        }, () -> { }), 4, 1_000);
        MutableAllocationContext ctx = ctx(0);
        for (int i = 0; i < 999; i++) {
            guard.predict(ctx);
        }
        assertFalse(guard.stats().overBudget(), "a mean is judged over at least 1000 calls");
        guard.predict(ctx);
        assertTrue(guard.stats().overBudget(), "1000 calls of at least 10 budgets (clamped) each");
    }

    @Test
    void aDisabledPredictorGetsNoFeedbackAndItsRefusedCallsAreNotCounted() {
        int[] delivered = {0};
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> {
            spin(20_000);
            return 1;
        }, () -> delivered[0]++), 4, 1);
        MutableAllocationContext ctx = ctx(2);
        for (int i = 0; i < 501; i++) {
            guard.predict(ctx);
        }
        assertTrue(guard.disabled(), "disabled at call 501 (200 ns x 501 > 100 x 1 ns x 1000)");
        guard.feedback(new MutableConsumptionFeedback());
        assertEquals(0, delivered[0]);
        assertEquals(2, guard.predict(ctx), "the producer's node");
        PredictorGuard.Stats stats = guard.stats();
        assertEquals(501, stats.calls());
        assertEquals(501, stats.timedWeight());
        assertEquals(1, stats.faults());
        assertEquals(1, stats.budgetNs());
        assertTrue(stats.firstFault().matches("disabled after 501 calls: \\d+ ns per call, over 100x the budget of 1 ns"),
                stats.firstFault());
        long nsPerCall = Long.parseLong(stats.firstFault().replaceAll(".*: (\\d+) ns per call.*", "$1"));
        assertTrue(nsPerCall >= 20_000, "the reported figure is not clamped: " + stats.firstFault());
        // a mean, not a total: 501 calls of 20 us average far under 501 x 20 us
        assertTrue(stats.nsPerCall() < 501 * 20_000.0, "ns/call " + stats.nsPerCall());
    }

    @Test
    void aPredictorAtExactlyHalfTheDisablingRateIsStillRunningAfter500Calls() {
        // 200 ns (clamped) x 500 calls = 100 x 1 ns x 1000: equal is not over
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> {
            spin(20_000);
            return 1;
        }, () -> { }), 4, 1);
        for (int i = 0; i < 500; i++) {
            guard.predict(ctx(0));
        }
        assertFalse(guard.disabled());
        assertNull(guard.stats().firstFault());
        assertFalse(guard.stats().overBudget(), "fewer than 1000 calls and not disabled");
    }

    @Test
    void referencesAreNeverDisabledForTime() {
        PredictorGuard guard = PredictorGuard.reference(configured(c -> {
            spin(200_000);
            return 2;
        }, () -> { }), 4);
        for (int i = 0; i < 3; i++) {
            assertEquals(2, guard.predict(ctx(0)));
        }
        assertFalse(guard.disabled());
        PredictorGuard.Stats stats = guard.stats();
        assertFalse(stats.overBudget());
        assertEquals(0, stats.faults());
        assertEquals(0, stats.budgetNs());
        assertEquals(3, stats.timedWeight(), "references are timed too");
        assertTrue(stats.nsPerCall() >= 200_000, "ns/call " + stats.nsPerCall());
    }

    @Test
    void theWatchdogReportsACallThatDoesNotReturn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        AtomicReference<PredictorGuard> stalled = new AtomicReference<>();
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 1;
        }, () -> { }), 4, 10_000);
        PredictorGuard quick = PredictorGuard.budgeted(configured(c -> 0, () -> { }), 4, 10_000);
        try (PredictorWatchdog watchdog = new PredictorWatchdog(Duration.ofMillis(40), (g, running) -> {
            stalled.set(g);
            reported.countDown();
        })) {
            watchdog.watch(guard);
            watchdog.watch(quick);
            quick.predict(ctx(0));
            Thread owner = Thread.ofPlatform().start(() -> guard.predict(ctx(0)));
            assertTrue(reported.await(5, TimeUnit.SECONDS), "the stalled call is reported");
            assertEquals(guard, stalled.get(), "only the stalled guard is reported");
            release.countDown();
            owner.join(5_000);
            assertFalse(owner.isAlive());
        }
    }

    /** Throws {@code t}, checked or not, without declaring it: what a plugin written in another JVM language can do. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /** A throwable that is neither an Exception nor an Error. */
    private static final class Odd extends Throwable {
        private static final long serialVersionUID = 1L;

        Odd() {
            super("odd");
        }
    }

    @Test
    void everyThrowableButTheJvmsOwnErrorsIsAFaultAndTheGuardGoesOn() {
        int[] call = {0};
        int[] feedbacks = {0};
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> switch (call[0]++) {
            case 0 -> throw new AssertionError("invariant broken");
            case 1 -> throw sneaky(new java.io.IOException("disk gone"));
            case 2 -> throw sneaky(new Odd());
            case 3 -> throw new ExceptionInInitializerError("static init");
            default -> 2;
        }, () -> {
            if (feedbacks[0]++ == 0) {
                throw new AssertionError("feedback invariant");
            }
        }), 4, 10_000);

        assertEquals(1, guard.predict(ctx(1)), "AssertionError: the producer's node");
        assertEquals(3, guard.predict(ctx(3)), "a sneaky IOException: the producer's node");
        assertEquals(0, guard.predict(ctx(0)), "a bare Throwable: the producer's node");
        assertEquals(1, guard.predict(ctx(1)), "a LinkageError: the producer's node");
        guard.feedback(new MutableConsumptionFeedback());
        guard.feedback(new MutableConsumptionFeedback());
        assertEquals(2, guard.predict(ctx(1)), "the predictor is still asked after its faults");

        PredictorGuard.Stats stats = guard.stats();
        assertEquals(5, stats.faults(), "four predicts and one feedback threw");
        assertEquals("predict threw java.lang.AssertionError: invariant broken", stats.firstFault());
        assertEquals(7, stats.calls());
        assertEquals(2, feedbacks[0], "both feedbacks were delivered");
        assertFalse(stats.disabled());
    }

    @Test
    void aFeedbackThatThrowsFirstIsTheFirstFault() {
        PredictorGuard guard = PredictorGuard.budgeted(configured(c -> 0,
                () -> { throw sneaky(new java.io.IOException("socket closed")); }), 4, 10_000);
        guard.feedback(new MutableConsumptionFeedback());
        assertEquals(1, guard.stats().faults());
        assertEquals("onConsumption threw java.io.IOException: socket closed", guard.stats().firstFault());
    }

    @Test
    void aVirtualMachineErrorInAnyCallEndsTheRunNamingThePredictor() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        PredictorGuard predicting = PredictorGuard.budgeted(configured(c -> { throw oom; }, () -> { }), 4, 10_000);
        PredictorExhaustedJvmError e = assertThrows(PredictorExhaustedJvmError.class, () -> predicting.predict(ctx(0)));
        assertEquals("test", e.predictor());
        assertEquals(oom, e.getCause());
        assertEquals("predictor 'test' exhausted the JVM in predict: java.lang.OutOfMemoryError: Java heap space; "
                + "the run stopped (fix or leave out that predictor, or give the JVM more memory with "
                + "NUMABIAS_JAVA_OPTS=-Xmx...)", e.getMessage());
        assertEquals(0, e.getStackTrace().length, "made up front, without a stack trace");
        assertEquals(0, predicting.stats().faults(), "not counted as a fault: the run ends");

        PredictorGuard feeding = PredictorGuard.reference(configured(c -> 0,
                () -> { throw new StackOverflowError(); }), 4);
        PredictorExhaustedJvmError f = assertThrows(PredictorExhaustedJvmError.class,
                () -> feeding.feedback(new MutableConsumptionFeedback()));
        assertTrue(f.getMessage().startsWith("predictor 'test' exhausted the JVM in onConsumption: "
                + "java.lang.StackOverflowError;"), f.getMessage());
    }

    @Test
    void theStateSizeOfAPredictorThatThrowsIsUnknownUnlessTheJvmFailed() {
        assertEquals(-1, PredictorGuard.reference(sized(() -> { throw new AssertionError("no size"); }), 4)
                .stats().stateBytes());
        assertEquals(640, PredictorGuard.reference(sized(() -> 640), 4).stats().stateBytes());
        PredictorGuard internal = PredictorGuard.reference(sized(() -> { throw new InternalError("vm"); }), 4);
        PredictorExhaustedJvmError e = assertThrows(PredictorExhaustedJvmError.class, internal::stats);
        assertTrue(e.getMessage().contains("in stateSizeBytes: java.lang.InternalError: vm"), e.getMessage());
    }

    /** A predictor that answers 0 and learns nothing, whose state size is {@code size}'s (shared with the watchdog's tests). */
    static ConfiguredPredictor sized(java.util.function.LongSupplier size) {
        AllocationPredictor p = new AllocationPredictor() {
            @Override
            public int predict(AllocationContext ctx) {
                return 0;
            }

            @Override
            public void onConsumption(ConsumptionFeedback fb) {
            }

            @Override
            public long stateSizeBytes() {
                return size.getAsLong();
            }
        };
        return new ConfiguredPredictor("test", "test", Map.of(), p, "test");
    }
}
