package org.numabias.runtime.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConfiguredPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.Topology;

/**
 * What the watchdog reports: a call that has not returned for at least the limit, once per call, only for
 * the guards it watches, and nothing after it is closed. Every wait is bounded; no assertion depends on how
 * fast the machine is (a watchdog that looks late reports late, never wrongly).
 */
class PredictorWatchdogTest {
    private static final Topology TWO = Topology.uniform(2, "test");
    private static final Duration LIMIT = Duration.ofMillis(20);
    /** How long a test waits for something that must happen (generous: the machine may be loaded). */
    private static final long PATIENCE_S = 20;

    /** One report: the guard, how long the watchdog said its call ran, and how long it had really run at most. */
    private record Report(PredictorGuard guard, Duration running, long sinceStartNs) {
    }

    /** A predictor whose predict blocks until the test releases it (one permit per call), or 20 s. */
    private static final class Blocking implements AllocationPredictor {
        final Semaphore release = new Semaphore(0);
        final Semaphore entered = new Semaphore(0);

        @Override
        public int predict(AllocationContext ctx) {
            entered.release();
            try {
                release.tryAcquire(PATIENCE_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 1;
        }

        @Override
        public void onConsumption(ConsumptionFeedback fb) {
        }
    }

    private static PredictorGuard guard(AllocationPredictor p) {
        return PredictorGuard.budgeted(new ConfiguredPredictor("p", "p", Map.of(), p, "test"), 2, 10_000);
    }

    private static MutableAllocationContext ctx() {
        return new MutableAllocationContext(TWO).set(0, 0, 1, 0, -1, -1, 0, 0, 64);
    }

    /** Sleeps {@code n} watchdog limits: long enough for several looks on a quiet machine. */
    private static void idle(int n) throws InterruptedException {
        Thread.sleep(LIMIT.toMillis() * n);
    }

    @Test
    void aStalledCallIsReportedOnceWithHowLongItHadRunAndASecondStallAgain() throws Exception {
        Blocking p = new Blocking();
        PredictorGuard guard = guard(p);
        List<Report> reports = new CopyOnWriteArrayList<>();
        Semaphore reported = new Semaphore(0);
        long[] start = new long[1];
        try (PredictorWatchdog watchdog = new PredictorWatchdog(LIMIT, (g, running) -> {
            reports.add(new Report(g, running, System.nanoTime() - start[0]));
            reported.release();
        })) {
            watchdog.watch(guard);
            // one call that returns, then a pause, so that the watchdog has seen the counter settle before the stall
            p.release.release();
            assertEquals(1, guard.predict(ctx()));
            idle(10);
            start[0] = System.nanoTime();
            Thread owner = Thread.ofPlatform().start(() -> guard.predict(ctx()));
            assertTrue(reported.tryAcquire(PATIENCE_S, TimeUnit.SECONDS), "the stalled call is reported");
            idle(10); // still stalled: not reported again
            p.release.release();
            owner.join(PATIENCE_S * 1000);
            assertFalse(owner.isAlive());
            assertEquals(1, reports.size(), "one report per stalled call");
            Report first = reports.getFirst();
            assertSame(guard, first.guard());
            assertTrue(first.running().compareTo(LIMIT) >= 0, "reported only once it ran the limit: " + first.running());
            assertTrue(first.running().toNanos() <= first.sinceStartNs(),
                    "measured from the call's start, not earlier: " + first.running() + " > " + first.sinceStartNs() + " ns");

            // the next call that stalls is a new call: reported again
            start[0] = System.nanoTime();
            Thread again = Thread.ofPlatform().start(() -> guard.predict(ctx()));
            assertTrue(reported.tryAcquire(PATIENCE_S, TimeUnit.SECONDS), "the second stall is reported");
            p.release.release();
            again.join(PATIENCE_S * 1000);
            assertFalse(again.isAlive());
            assertEquals(2, reports.size());
            assertTrue(reports.get(1).running().compareTo(LIMIT) >= 0, reports.get(1).running().toString());
            assertTrue(reports.get(1).running().toNanos() <= reports.get(1).sinceStartNs());
        }
    }

    /** The state-size question the results ask is a call like any other: a stall in it is reported. */
    @Test
    void aStateSizeCallThatStallsIsReported() throws Exception {
        Semaphore release = new Semaphore(0);
        PredictorGuard guard = PredictorGuard.budgeted(PredictorGuardTest.sized(() -> {
            try {
                release.tryAcquire(PATIENCE_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 42;
        }), 2, 10_000);
        List<PredictorGuard> reports = new CopyOnWriteArrayList<>();
        Semaphore reported = new Semaphore(0);
        try (PredictorWatchdog watchdog = new PredictorWatchdog(LIMIT, (g, running) -> {
            reports.add(g);
            reported.release();
        })) {
            watchdog.watch(guard);
            long[] size = new long[1];
            Thread owner = Thread.ofPlatform().start(() -> size[0] = guard.stats().stateBytes());
            assertTrue(reported.tryAcquire(PATIENCE_S, TimeUnit.SECONDS), "the stalled state-size call is reported");
            release.release();
            owner.join(PATIENCE_S * 1000);
            assertFalse(owner.isAlive());
            assertEquals(List.of(guard), reports);
            assertEquals(42, size[0]);
        }
    }

    @Test
    void guardsOutsideACallAreNeverReported() throws Exception {
        List<PredictorGuard> reports = new CopyOnWriteArrayList<>();
        PredictorGuard fresh = guard(new Blocking()); // no call yet: its counter is 0
        Blocking p = new Blocking();
        PredictorGuard returned = guard(p);
        try (PredictorWatchdog watchdog = new PredictorWatchdog(LIMIT, (g, running) -> reports.add(g))) {
            watchdog.watch(fresh);
            watchdog.watch(returned);
            p.release.release();
            returned.predict(ctx()); // counter 2, not in a call
            idle(25);
        }
        assertEquals(List.of(), reports);
    }

    @Test
    void anUnwatchedGuardAndAClosedWatchdogReportNothing() throws Exception {
        List<PredictorGuard> reports = new CopyOnWriteArrayList<>();
        Blocking p = new Blocking();
        PredictorGuard unwatched = guard(p);
        Blocking q = new Blocking();
        PredictorGuard afterClose = guard(q);
        CountDownLatch control = new CountDownLatch(1);
        Blocking c = new Blocking();
        PredictorGuard watched = guard(c);
        PredictorWatchdog watchdog = new PredictorWatchdog(LIMIT, (g, running) -> {
            reports.add(g);
            control.countDown();
        });
        watchdog.watch(unwatched);
        watchdog.watch(watched);
        watchdog.unwatch(unwatched);
        Thread[] owners = {
                Thread.ofPlatform().start(() -> unwatched.predict(ctx())),
                Thread.ofPlatform().start(() -> watched.predict(ctx()))};
        assertTrue(p.entered.tryAcquire(PATIENCE_S, TimeUnit.SECONDS));
        // the watched guard's stall is reported: the watchdog was looking while the unwatched one stalled too
        assertTrue(control.await(PATIENCE_S, TimeUnit.SECONDS));
        idle(10);
        watchdog.watch(afterClose);
        watchdog.close();
        Thread late = Thread.ofPlatform().start(() -> afterClose.predict(ctx()));
        assertTrue(q.entered.tryAcquire(PATIENCE_S, TimeUnit.SECONDS));
        idle(25);
        p.release.release();
        c.release.release();
        q.release.release();
        for (Thread t : List.of(owners[0], owners[1], late)) {
            t.join(PATIENCE_S * 1000);
            assertFalse(t.isAlive());
        }
        assertEquals(List.of(watched), reports);
    }

    @Test
    void anOutOfMemoryErrorOnTheWatchdogsThreadDoesNotEndTheWatching() throws Exception {
        // a predictor exhausting the heap can make any thread's allocation fail, the watchdog's included
        Blocking first = new Blocking();
        Blocking second = new Blocking();
        PredictorGuard a = guard(first);
        PredictorGuard b = guard(second);
        List<PredictorGuard> reports = new CopyOnWriteArrayList<>();
        Semaphore reported = new Semaphore(0);
        try (PredictorWatchdog watchdog = new PredictorWatchdog(LIMIT, (g, running) -> {
            reports.add(g);
            reported.release();
            if (g == a) {
                throw new OutOfMemoryError("Java heap space (thrown by the test)");
            }
        })) {
            watchdog.watch(a);
            watchdog.watch(b);
            Thread owner = Thread.ofPlatform().start(() -> a.predict(ctx()));
            assertTrue(reported.tryAcquire(PATIENCE_S, TimeUnit.SECONDS), "the first stall is reported");
            Thread later = Thread.ofPlatform().start(() -> b.predict(ctx()));
            assertTrue(reported.tryAcquire(PATIENCE_S, TimeUnit.SECONDS), "a stall after the error is still reported");
            first.release.release();
            second.release.release();
            owner.join(PATIENCE_S * 1000);
            later.join(PATIENCE_S * 1000);
            assertFalse(owner.isAlive() || later.isAlive());
        }
        assertEquals(List.of(a, b), reports);
    }

    @Test
    void theLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new PredictorWatchdog(Duration.ZERO, (g, r) -> { }));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PredictorWatchdog(Duration.ofMillis(-1), (g, r) -> { }));
        assertEquals("the watchdog limit must be positive, got PT-0.001S", e.getMessage());
    }
}
