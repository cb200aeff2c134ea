package org.numabias.runtime.guard;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports a predictor call that does not return: a daemon thread looks at every watched
 * {@link PredictorGuard} a few times per {@code limit}; when the same call has been running for at
 * least {@code limit}, it tells the {@link StallListener} once for that call. Java cannot stop a
 * thread stuck in a loop, so what happens next is the listener's policy: the CLI reports the
 * predictor and exits with status 1, so a replay never hangs forever. The guard's owner thread pays
 * nothing for being watched beyond the guard's two opaque stores per call.
 *
 * <p>An {@link OutOfMemoryError} that reaches the watchdog's thread (the heap exhausted by another
 * thread) does not end the watching. Thread-safe; {@link #close()} stops the daemon thread.
 */
public final class PredictorWatchdog implements AutoCloseable {

    /** Told about a stalled call, on the watchdog's thread. */
    @FunctionalInterface
    public interface StallListener {
        /**
         * @param guard   the guard whose predictor is inside one call
         * @param running how long that call has been running, at least the limit
         */
        void onStall(PredictorGuard guard, Duration running);
    }

    private final Duration limit;
    private final StallListener listener;
    private final Map<PredictorGuard, long[]> watched = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts watching (no guard yet).
     *
     * @param limit    a call running at least this long is reported (generous: seconds, not micros)
     * @param listener what to do about it
     */
    public PredictorWatchdog(Duration limit, StallListener listener) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the watchdog limit must be positive, got " + limit);
        }
        this.limit = limit;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("numabias-predictor-watchdog").unstarted(this::loop);
        thread.start();
    }

    /** Watches {@code guard} until {@link #unwatch} or {@link #close}. */
    public void watch(PredictorGuard guard) {
        // [0] entries at the last look, [1] when that value was first seen (ns), [2] 1 once reported
        watched.put(guard, new long[] {-1, System.nanoTime(), 0});
    }

    /** Stops watching {@code guard}. */
    public void unwatch(PredictorGuard guard) {
        watched.remove(guard);
    }

    private void loop() {
        long periodMs = Math.max(1, limit.toMillis() / 4);
        while (running) {
            try {
                Thread.sleep(periodMs); // the JDK's sleep may allocate: it too can meet a full heap
                long now = System.nanoTime();
                watched.forEach((guard, seen) -> look(guard, seen, now));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (OutOfMemoryError e) {
                // another thread exhausted the heap (a predictor allocating without bound: its guard reports that);
                // the watchdog holds nothing and keeps watching, so that a stall is still reported
            }
        }
    }

    private void look(PredictorGuard guard, long[] seen, long now) {
        long entries = guard.entries();
        if (entries != seen[0]) {
            seen[0] = entries;
            seen[1] = now;
            seen[2] = 0;
            return;
        }
        Duration stuck = Duration.ofNanos(now - seen[1]);
        if ((entries & 1) == 1 && seen[2] == 0 && stuck.compareTo(limit) >= 0) {
            seen[2] = 1;
            listener.onStall(guard, stuck);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
