package org.numabias.runtime.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The hand-off of {@link LaneSteps} from the lead pass to the passes of the other groups
 * ({@link LaneGroups}): a fixed pool of {@link #POOL} buffers. The lead fills one ({@link #sink}),
 * publishes it to every follower and takes a free one; a buffer is free again once every follower has
 * read it ({@link Follower#release}) or has left. Every follower reads every buffer in order, then an
 * end mark ({@link #close}). No allocation per step: buffers are reused, queues are arrays.
 *
 * <p>Waits are bounded by their caller: each wait polls every {@link #POLL_MS} ms and asks its
 * {@link Waiting} whether to go on, which may end it by throwing. A follower that left (it failed, or
 * was stopped) no longer holds back the lead: what was queued for it is released.
 */
final class StepChannel {
    /** Buffers in flight: enough that the lead and the followers rarely wait on each other. */
    static final int POOL = 4;
    static final long POLL_MS = 100;
    private static final LaneSteps END = new LaneSteps(0);

    private final ArrayBlockingQueue<LaneSteps> free = new ArrayBlockingQueue<>(POOL);
    private final List<ArrayBlockingQueue<LaneSteps>> queues = new ArrayList<>();
    private final AtomicInteger[] unread = new AtomicInteger[POOL];
    private final LaneSteps[] pool = new LaneSteps[POOL];
    private final AtomicIntegerArray gone;
    private final Waiting leadWaiting;
    private LaneSteps filling;

    /** What a wait asks every {@link #POLL_MS} ms (and once before it starts); it ends the wait by throwing. */
    interface Waiting {
        /** @param waitedNanos how long this wait has lasted */
        void check(long waitedNanos);
    }

    /**
     * A channel to {@code followers} followers.
     *
     * @param leadWaiting asked while the lead waits for a free buffer (and each time it needs one)
     */
    StepChannel(int followers, Waiting leadWaiting) {
        this.leadWaiting = leadWaiting;
        for (int f = 0; f < followers; f++) {
            queues.add(new ArrayBlockingQueue<>(POOL + 1)); // every buffer and the end mark
        }
        for (int b = 0; b < POOL; b++) {
            pool[b] = new LaneSteps(LaneSteps.CAPACITY);
            unread[b] = new AtomicInteger();
            free.add(pool[b]);
        }
        this.gone = new AtomicIntegerArray(followers);
    }

    /** The lead's buffer being filled (a free one, waited for if needed); publish it when full. */
    LaneSteps sink() {
        LaneSteps s = filling;
        if (s == null) {
            s = filling = take(free, leadWaiting);
            s.size = 0;
        }
        return s;
    }

    /** Hands the lead's buffer, if it holds steps, to every follower. */
    void publish() {
        LaneSteps s = filling;
        filling = null;
        if (s == null) {
            return;
        }
        if (s.size == 0) {
            free.add(s);
            return;
        }
        unread[indexOf(s)].set(queues.size());
        for (int f = 0; f < queues.size(); f++) {
            queues.get(f).add(s); // never full: a queue holds at most the pool and the end mark
            if (gone.get(f) == 1) {
                drain(f);
            }
        }
    }

    /** The lead is done (or failed): what it filled is published, then every follower is told the end. */
    void close() {
        publish();
        for (int f = 0; f < queues.size(); f++) {
            queues.get(f).add(END);
            if (gone.get(f) == 1) {
                drain(f);
            }
        }
    }

    /** Follower {@code f}'s side (0-based among the followers). */
    Follower follower(int f, Waiting waiting) {
        return new Follower(f, waiting);
    }

    /** How a follower reads the lead's steps. */
    final class Follower {
        private final int f;
        private final Waiting waiting;

        private Follower(int f, Waiting waiting) {
            this.f = f;
            this.waiting = waiting;
        }

        /** The next buffer of steps, in the lead's order (waited for), or null at the end. */
        LaneSteps next() {
            LaneSteps s = take(queues.get(f), waiting);
            return s == END ? null : s;
        }

        /** Done with {@code s}: the lead may reuse it once every follower is. */
        void release(LaneSteps s) {
            StepChannel.this.release(s);
        }

        /** This follower reads no more: what is queued for it, and what comes, is released at once. */
        void leave() {
            gone.set(f, 1);
            drain(f);
        }
    }

    private void drain(int f) {
        for (LaneSteps s = queues.get(f).poll(); s != null; s = queues.get(f).poll()) {
            if (s != END) {
                release(s);
            }
        }
    }

    private void release(LaneSteps s) {
        if (unread[indexOf(s)].decrementAndGet() == 0) {
            free.add(s);
        }
    }

    private int indexOf(LaneSteps s) {
        for (int b = 0; b < POOL; b++) {
            if (pool[b] == s) {
                return b;
            }
        }
        throw new IllegalArgumentException("not a buffer of this channel");
    }

    private static LaneSteps take(ArrayBlockingQueue<LaneSteps> queue, Waiting waiting) {
        waiting.check(0);
        LaneSteps s = queue.poll();
        long start = System.nanoTime();
        while (s == null) {
            try {
                s = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the replay was interrupted", e);
            }
            if (s == null) {
                waiting.check(System.nanoTime() - start);
            }
        }
        return s;
    }
}
