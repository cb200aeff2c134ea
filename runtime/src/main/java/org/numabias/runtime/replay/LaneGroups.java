package org.numabias.runtime.replay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.numabias.runtime.guard.PredictorExhaustedJvmError;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.store.EventBlock;

/**
 * One stored trace replayed through many predictors on several threads: the predictors' lanes are
 * dealt into groups ({@link #deal}), and each group is its own {@link ReplayPass} over its own block
 * cursor of the same store, on its own thread (group 0 on the caller's). Every group runs the same
 * validation and buffer join over the same events, so each predictor's lane sees exactly what it would
 * see on one thread: results are bit for bit those of one pass. Group 0 alone runs the predicting
 * references (the other groups' measurements are taken against its references), hashes the events,
 * reports progress and tells the observers.
 *
 * <p>Each group reads the trace itself rather than sharing one decoded block: a store's reader fills
 * and reuses its block ({@link EventBlock}), and reading is a small part of a many-predictor replay,
 * so k readers cost less than handing blocks across threads. A store is mapped once when opened, so
 * every group reads the same events; a group that saw a different number (a trace still being written
 * into its mapped space) makes {@link #run} return false and the caller replays on one thread.
 *
 * <p>Failures: the replay fails as it would on one thread, with the failure at the earliest event
 * (ties: the lowest group; an {@link OutOfMemoryError} outside a predictor's call only when there is
 * no other), rethrown as it was. When a group fails at an event, the others go on only
 * until they have read that event (an earlier failure of theirs comes first) and stop at their next
 * block; after a predictor exhausted the JVM ({@link PredictorExhaustedJvmError}) they all stop at their
 * next block. After a failure a group that reads no event for {@link #STOP_WAIT} is no longer waited for (a
 * predictor stuck inside a call cannot be stopped; the watchdog reports it). A group's predictors are only ever called on
 * that group's thread.
 */
final class LaneGroups {
    /** Predictor lanes a group needs to pay for its own join, references and read. */
    static final int MIN_LANES_PER_GROUP = 2;
    /** How long a group that reads no event is waited for once another has failed. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private LaneGroups() {
    }

    /**
     * The number of groups for {@code lanes} predictor lanes on up to {@code threads} threads: 1 (one
     * pass, as before) unless each group gets at least {@link #MIN_LANES_PER_GROUP} lanes.
     */
    static int count(int threads, int lanes) {
        return Math.max(1, Math.min(threads, lanes / MIN_LANES_PER_GROUP));
    }

    /**
     * Where each predictor lane runs: {@code group[l]}, at place {@code index[l]} of that group's pass.
     *
     * @param groups the number of groups (passes)
     */
    record Deal(int groups, int[] group, int[] index) {
        /** The lanes of group {@code g}, in lane order. */
        <T> List<T> of(int g, List<T> lanes) {
            return IntStream.range(0, lanes.size()).filter(l -> group[l] == g).mapToObj(lanes::get).toList();
        }
    }

    /**
     * Deals {@code lanes} predictor lanes, in order, into {@link #count} groups for {@code threads}
     * threads: each lane to the group with the fewest lanes so far (ties to the lowest group), group 0
     * starting with the {@code referenceLanes} predicting references it runs for every group.
     */
    static Deal deal(int threads, int lanes, int referenceLanes) {
        int groups = count(threads, lanes);
        int[] load = new int[groups]; // lanes run by each group so far
        load[0] = groups > 1 ? referenceLanes : 0;
        int[] sizes = new int[groups]; // predictor lanes of each group so far
        int[] group = new int[lanes];
        int[] index = new int[lanes];
        for (int l = 0; l < lanes; l++) {
            int g = 0;
            for (int h = 1; h < groups; h++) {
                if (load[h] < load[g]) {
                    g = h;
                }
            }
            group[l] = g;
            load[g]++;
            index[l] = sizes[g]++;
        }
        return new Deal(groups, group, index);
    }

    /**
     * Runs every pass of {@code passes} (one per group, group 0 first) over its own block cursor of
     * {@code store}, group 0 on this thread.
     *
     * @return true when every group read the same number of events (else the results must not be used)
     * @throws RuntimeException or {@link Error}: the first failing group's, as thrown
     */
    static boolean run(ReplayPass[] passes, ChronicleTraceSource store) {
        AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE); // the groups stop once they have read this many events
        Throwable[] failures = new Throwable[passes.length];
        Thread[] threads = new Thread[passes.length];
        for (int g = 1; g < passes.length; g++) {
            int group = g;
            threads[g] = Thread.ofPlatform().daemon().name("numabias-lanes-", g)
                    .start(() -> failures[group] = runGroup(passes[group], store, stopAt));
        }
        failures[0] = runGroup(passes[0], store, stopAt);
        boolean interrupted = false;
        for (int g = 1; g < passes.length; g++) {
            long seen = -1;
            long since = System.nanoTime();
            while (threads[g].isAlive()) {
                try {
                    threads[g].join(200); // no allocation here: the heap may be full (a predictor exhausted it)
                } catch (InterruptedException e) {
                    interrupted = true;
                    stopAt.set(0);
                }
                long read = passes[g].eventsRead(); // racy but only a sign of progress
                if (read != seen) {
                    seen = read;
                    since = System.nanoTime();
                } else if (stopAt.get() != Long.MAX_VALUE && System.nanoTime() - since > STOP_WAIT.toNanos()) {
                    break; // stuck in a predictor call after another group failed: that failure is reported
                }
            }
        }
        int first = -1;
        for (int g = 0; g < passes.length; g++) {
            if (failures[g] != null && !(failures[g] instanceof Stopped) && (first < 0
                    || rank(failures[g], passes[g]) < rank(failures[first], passes[first]))) {
                first = g;
            }
        }
        if (first >= 0) {
            if (failures[first] instanceof Error e) {
                throw e;
            }
            throw (RuntimeException) failures[first]; // a pass throws nothing checked
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the replay was interrupted");
        }
        for (ReplayPass pass : passes) {
            if (pass.eventsRead() != passes[0].eventsRead()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The order of failures: by the events read when it failed; an {@link OutOfMemoryError} outside any
     * predictor's call after every other failure (the groups share one heap: the predictor that filled
     * it is named by its guard in its own group).
     */
    private static double rank(Throwable failure, ReplayPass pass) {
        return failure instanceof OutOfMemoryError ? Double.POSITIVE_INFINITY : pass.eventsRead();
    }

    /** Runs {@code pass} over a new block cursor of {@code store}; returns what it threw, or null. */
    private static Throwable runGroup(ReplayPass pass, ChronicleTraceSource store, AtomicLong stopAt) {
        try (EventBlock.Cursor blocks = store.blocks()) {
            pass.run(new Stoppable(blocks, pass, stopAt));
            return null;
        } catch (Throwable e) { // an Error too: rethrown by the caller if it is the earliest
            if (e instanceof PredictorExhaustedJvmError) {
                stopAt.set(0); // the JVM may be in no state to go on: every group stops now
            } else if (!(e instanceof Stopped) && !(e instanceof OutOfMemoryError)) {
                // (the heap is shared: after an OutOfMemoryError the others go on, so that the predictor
                // filling it is named by its guard)
                stopAt.accumulateAndGet(pass.eventsRead(), Math::min);
            }
            return e;
        }
    }

    /** Thrown in a group that another group's failure stopped (never leaves {@link #run}). */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped: another group of lanes failed", null, false, false);
        }
    }

    /**
     * A block cursor that ends its group's {@code pass} (with {@link Stopped}) once it has read as many
     * events as another group had when it failed.
     */
    private record Stoppable(EventBlock.Cursor blocks, ReplayPass pass, AtomicLong stopAt) implements EventBlock.Cursor {
        @Override
        public EventBlock next() {
            if (pass.eventsRead() >= stopAt.get()) {
                throw new Stopped();
            }
            return blocks.next();
        }

        @Override
        public void close() {
            blocks.close();
        }
    }
}
