package org.numabias.runtime.replay;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The hand-off of {@link LaneSteps} from the lead pass to the passes of the other groups
 * ({@link LaneGroups}): a ring of {@link #POOL} buffers. The lead fills buffer {@code k mod POOL}
 * ({@link #sink}), publishes it ({@link #publish}: buffer {@code k} is then readable by every follower)
 * and fills the next once every follower is done with the one that used its place before
 * ({@link Follower#release}) or has left. Every follower reads every buffer in order, then the end
 * ({@link #close}).
 *
 * <p>Counters and parking only, no lock and no allocation after construction (and nothing linked on
 * first use, as a {@code VarHandle} would be): a follower whose predictor has just filled the heap can
 * still release what it holds and leave. Waits park for at
 * most {@link #POLL_MS} ms at a time (a change wakes the waiting side at once) and between parks ask
 * their {@link Waiting} whether to go on, which may end the wait by throwing.
 */
final class StepChannel {
    /** Buffers in flight: enough that the lead and the followers rarely wait on each other. */
    static final int POOL = 4;
    static final long POLL_MS = 100;

    private final LaneSteps[] ring = new LaneSteps[POOL];
    private final Follower[] followers;
    private final Thread lead;
    private final Waiting leadWaiting;
    /** Buffers published so far, and whether the lead is done: written by the lead only. */
    private volatile long published;
    private volatile boolean closed;
    /** The lead's: the number of the buffer it fills, or -1. */
    private long filling = -1;

    /** What a wait asks between parks (and once before it starts); it ends the wait by throwing. */
    interface Waiting {
        /** @param waitedNanos how long this wait has lasted */
        void check(long waitedNanos);
    }

    /**
     * A channel from the calling thread (the lead) to {@code followers} followers.
     *
     * @param leadWaiting asked while the lead waits for a buffer (and each time it needs one)
     */
    StepChannel(int followers, Waiting leadWaiting) {
        this.lead = Thread.currentThread();
        this.leadWaiting = leadWaiting;
        for (int b = 0; b < POOL; b++) {
            ring[b] = new LaneSteps(LaneSteps.CAPACITY);
        }
        this.followers = new Follower[followers];
    }

    /** The lead's buffer being filled (the next in the ring, waited for if a follower still reads it); publish it when full. */
    LaneSteps sink() {
        if (filling < 0) {
            long k = published;
            leadWaiting.check(0);
            long start = System.nanoTime();
            while (!reusable(k)) {
                park(leadWaiting, start);
            }
            filling = k;
            ring[(int) (k % POOL)].size = 0;
        }
        return ring[(int) (filling % POOL)];
    }

    /** Whether buffer {@code k} may take the place of buffer {@code k - POOL}: every follower is done with that one. */
    private boolean reusable(long k) {
        for (Follower f : followers) {
            if (f.released.get() < k - POOL + 1) {
                return false;
            }
        }
        return true;
    }

    /** Hands the lead's buffer, if it holds steps, to every follower. */
    void publish() {
        long k = filling;
        filling = -1;
        if (k >= 0 && ring[(int) (k % POOL)].size > 0) {
            published = k + 1;
            wakeFollowers();
        }
    }

    /** The lead is done (or failed): what it filled is published, then every follower is told the end. */
    void close() {
        publish();
        closed = true;
        wakeFollowers();
    }

    private void wakeFollowers() {
        for (Follower f : followers) {
            if (f != null) {
                LockSupport.unpark(f.thread); // null: not waiting yet, it looks before it parks
            }
        }
    }

    /** Follower {@code f}'s side (0-based among the followers), used by one thread; ask for each once, before the lead starts. */
    Follower follower(int f, Waiting waiting) {
        return followers[f] = new Follower(waiting);
    }

    /** How a follower reads the lead's steps. */
    final class Follower {
        private final Waiting waiting;
        /** How many buffers it is done with ({@link Long#MAX_VALUE} once it left). */
        private final AtomicLong released = new AtomicLong();
        private volatile Thread thread;

        private Follower(Waiting waiting) {
            this.waiting = waiting;
        }

        /** The next buffer of steps, in the lead's order (waited for), or null at the end. Release it before the next. */
        LaneSteps next() {
            thread = Thread.currentThread();
            long k = released.get();
            waiting.check(0);
            long start = System.nanoTime();
            while (true) {
                boolean end = closed; // read before published: a close publishes first
                if (published > k) {
                    return ring[(int) (k % POOL)];
                }
                if (end) {
                    return null;
                }
                park(waiting, start);
            }
        }

        /** Done with the buffer {@link #next} gave: the lead may fill its place again. */
        void release() {
            released.incrementAndGet();
            LockSupport.unpark(lead);
        }

        /** This follower reads no more: it holds back the lead no longer. */
        void leave() {
            released.set(Long.MAX_VALUE);
            LockSupport.unpark(lead);
        }
    }

    /** Parks up to {@link #POLL_MS} ms, then asks {@code waiting} (started at {@code start}) whether to go on. */
    private static void park(Waiting waiting, long start) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the replay was interrupted");
        }
        waiting.check(System.nanoTime() - start);
    }
}
