package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lead's hand-off to the other groups: every follower reads every step once, in order, while the
 * lead reuses a few buffers; a follower that left holds back nothing; the lead's wait for a buffer
 * asks its caller whether to go on; a follower waits for the lead until it publishes or closes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StepChannelTest {
    private static final StepChannel.Waiting FOREVER = waited -> { };

    /** Publishes {@code buffers} buffers of {@code perBuffer} Alloc steps numbered 0, 1, 2, ... */
    private static void publish(StepChannel channel, int buffers, int perBuffer) {
        long index = 0;
        for (int b = 0; b < buffers; b++) {
            for (int i = 0; i < perBuffer; i++) {
                channel.sink().alloc(index, (int) (index % 7), index, index, index, 0, 0, 0, 0, 0, 1);
                index++;
            }
            channel.publish();
        }
    }

    /** The step indices a follower reads until the end, releasing each buffer. */
    private static List<Long> readAll(StepChannel.Follower follower) {
        List<Long> seen = new ArrayList<>();
        for (LaneSteps s = follower.next(); s != null; s = follower.next()) {
            for (int i = 0; i < s.size; i++) {
                seen.add(s.index[i]);
            }
            follower.release();
        }
        return seen;
    }

    @Test
    void everyFollowerReadsEveryStepInOrderWhileTheLeadReusesItsBuffers() throws InterruptedException {
        StepChannel channel = new StepChannel(2, FOREVER);
        List<List<Long>> seen = new ArrayList<>(List.of(List.of(), List.of()));
        List<Thread> threads = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            int follower = f;
            StepChannel.Follower steps = channel.follower(f, FOREVER);
            threads.add(Thread.ofPlatform().start(() -> seen.set(follower, readAll(steps))));
        }
        int buffers = 5 * StepChannel.POOL; // more than the pool: buffers come back and are refilled
        publish(channel, buffers, 100);
        channel.close();
        for (Thread t : threads) {
            t.join();
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < buffers * 100L; i++) {
            expected.add(i);
        }
        assertEquals(expected, seen.get(0));
        assertEquals(expected, seen.get(1));
    }

    @Test
    void aFollowerThatLeftHoldsBackNothing() {
        StepChannel channel = new StepChannel(2, waited -> {
            if (waited > 0) {
                throw new AssertionError("the lead waited for a buffer");
            }
        });
        StepChannel.Follower reader = channel.follower(0, FOREVER);
        channel.follower(1, FOREVER).leave();
        List<Long> read = new ArrayList<>();
        for (int b = 0; b < 3 * StepChannel.POOL; b++) {
            publish(channel, 1, 10);
            LaneSteps s = reader.next();
            read.add(s.index[0]);
            reader.release();
        }
        channel.close();
        assertEquals(null, reader.next());
        assertEquals(3 * StepChannel.POOL, read.size());
    }

    @Test
    void theLeadsWaitForABufferAsksWhetherToGoOn() {
        IllegalStateException stop = new IllegalStateException("stop waiting");
        long[] longest = {0};
        StepChannel channel = new StepChannel(1, waited -> {
            longest[0] = Math.max(longest[0], waited);
            if (waited > TimeUnit.MILLISECONDS.toNanos(300)) {
                throw stop;
            }
        });
        channel.follower(0, FOREVER); // never reads
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> publish(channel, StepChannel.POOL + 1, 3));
        assertSame(stop, thrown);
        assertTrue(longest[0] > TimeUnit.MILLISECONDS.toNanos(300), "waited " + longest[0] + " ns");
    }
}
