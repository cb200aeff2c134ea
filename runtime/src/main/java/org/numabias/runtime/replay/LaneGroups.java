package org.numabias.runtime.replay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.numabias.runtime.guard.PredictorExhaustedJvmError;
import org.numabias.api.trace.TraceSource;

/**
 * One trace replayed through many predictors on several threads: the predictors' lanes are dealt into
 * groups ({@link #deal}), each group a {@link ReplayPass} on its own thread (group 0, the lead, on the
 * caller's). The lead alone reads the trace, checks and joins each event once, runs the references and
 * the oracle, hashes the events, reports progress and tells the observers; it hands what the other
 * groups' lanes need from each event ({@link LaneSteps}: an Alloc with its instance's slot, a joined
 * Consume) to them in order ({@link StepChannel}), and their measurements are taken against its
 * references. Each predictor's lane sees exactly what it would see on one thread: results are bit for
 * bit those of one pass.
 *
 * <p>Failures: the replay fails as it would on one thread, with the failure at the earliest event
 * (ties: the lowest group; an {@link OutOfMemoryError} outside a predictor's call only when there is
 * no other), rethrown as it was. When the lead fails at an event, the others read every step before it
 * and end; when another group fails at an event, the lead and the rest go on only until they have read
 * that event (an earlier failure of theirs comes first); after a predictor exhausted the JVM
 * ({@link PredictorExhaustedJvmError}) they all stop at their next hand-off. After a failure a group
 * that reads no event for {@link #STOP_WAIT} is no longer waited for (a predictor stuck inside a call
 * cannot be stopped; the watchdog reports it). A group's predictors are only ever called on that
 * group's thread.
 */
final class LaneGroups {
    /** Predictor lanes a group needs to pay for its hand-offs. */
    static final int MIN_LANES_PER_GROUP = 2;
    /**
     * The lead's own work (read, check and join every event, the three predicting references and the
     * oracle, the hand-offs) in predictor lanes' worth: in a profile of {@code compare} with every
     * built-in on two threads, the lead's pass with no predictor took about 4.6 times the samples of a
     * predictor's lane in the other group.
     */
    static final int LEAD_LOAD = 5;
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
     * threads: each lane to the group with the least load so far (a lane is 1; ties to the lowest
     * group), the lead (group 0) starting with {@code leadLoad} for the work it does for every group.
     */
    static Deal deal(int threads, int lanes, int leadLoad) {
        int groups = count(threads, lanes);
        int[] load = new int[groups]; // lanes' worth of work of each group so far
        load[0] = groups > 1 ? leadLoad : 0;
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
     * Runs every pass of {@code passes} (one per group, the lead first) over {@code source}: the lead
     * reads it on this thread, the others follow the lead's steps on their own.
     *
     * @throws RuntimeException or {@link Error}: the first failing group's, as thrown
     */
    static void run(ReplayPass[] passes, TraceSource source) {
        AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE); // the groups stop once they have read this many events
        Throwable[] failures = new Throwable[passes.length];
        Thread[] threads = new Thread[passes.length];
        ReplayPass lead = passes[0];
        // made up front: a group may have to stop, or report its failure, with the heap full
        Stopped stopped = new Stopped();
        StepChannel channel = new StepChannel(passes.length - 1, waited -> stopIfAsked(lead, stopAt, waited, stopped));
        for (int g = 1; g < passes.length; g++) {
            int group = g;
            StepChannel.Follower steps = channel.follower(g - 1, waited -> stopIfAsked(passes[group], stopAt, 0, stopped));
            threads[g] = Thread.ofPlatform().daemon().name("numabias-lanes-", g)
                    .start(() -> failures[group] = follow(passes[group], steps, stopAt));
        }
        failures[0] = lead(lead, source, channel, stopAt);
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
    }

    /**
     * Ends a group's wait (and its pass, with {@link Stopped}) once it has read as many events as another
     * group had when it failed, or, after a failure, once it has waited {@link #STOP_WAIT} (for a group
     * stuck in a predictor's call).
     */
    private static void stopIfAsked(ReplayPass pass, AtomicLong stopAt, long waitedNanos, Stopped stopped) {
        long stop = stopAt.get();
        if (pass.eventsRead() >= stop || (stop != Long.MAX_VALUE && waitedNanos > STOP_WAIT.toNanos())) {
            throw stopped;
        }
    }

    /**
     * The order of failures: by the events read when it failed; an {@link OutOfMemoryError} outside any
     * predictor's call after every other failure (the groups share one heap: the predictor that filled
     * it is named by its guard in its own group).
     */
    private static double rank(Throwable failure, ReplayPass pass) {
        return failure instanceof OutOfMemoryError ? Double.POSITIVE_INFINITY : pass.eventsRead();
    }

    /** Runs the lead {@code pass} over {@code source}, then closes the channel; returns what it threw, or null. */
    private static Throwable lead(ReplayPass pass, TraceSource source, StepChannel channel, AtomicLong stopAt) {
        try {
            pass.lead(channel);
            ReplayEngine.run(pass, source);
            return null;
        } catch (Throwable e) { // an Error too: rethrown by the caller if it is the earliest
            return failed(e, pass, stopAt);
        } finally {
            channel.close(); // the steps before a failure are still read by the others
        }
    }

    /** Runs the follower {@code pass} over the lead's steps; returns what it threw, or null. */
    private static Throwable follow(ReplayPass pass, StepChannel.Follower steps, AtomicLong stopAt) {
        try {
            pass.follow(steps);
            return null;
        } catch (Throwable e) {
            return failed(e, pass, stopAt);
        } finally {
            steps.leave(); // it holds back the lead no more
        }
    }

    /** Tells the other groups where {@code pass} failed with {@code e}; returns {@code e}. */
    private static Throwable failed(Throwable e, ReplayPass pass, AtomicLong stopAt) {
        if (e instanceof PredictorExhaustedJvmError) {
            stopAt.set(0); // the JVM may be in no state to go on: every group stops now
        } else if (!(e instanceof Stopped) && !(e instanceof OutOfMemoryError)) {
            // (the heap is shared: after an OutOfMemoryError the others go on, so that the predictor
            // filling it is named by its guard)
            long read = pass.eventsRead();
            for (long stop = stopAt.get(); read < stop && !stopAt.compareAndSet(stop, read); stop = stopAt.get()) {
                // another group lowered it meanwhile: try again (no lambda: nothing to link with the heap full)
            }
        }
        return e;
    }

    /** Thrown in a group that another group's failure stopped (never leaves {@link #run}; stackless, so one instance serves every group). */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped: another group of lanes failed", null, false, false);
        }
    }
}
