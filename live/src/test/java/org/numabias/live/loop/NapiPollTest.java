package org.numabias.live.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A producer thread's turn: each device gets at most its weight, round-robin over its ready queues. */
class NapiPollTest {
    /** Queues with a backlog each (Integer.MAX_VALUE = a sender that never stops); counts what was taken. */
    private static final class Queues {
        final long[] backlog;
        final long[] taken;
        final List<Integer> order = new ArrayList<>();

        Queues(long... backlog) {
            this.backlog = backlog;
            this.taken = new long[backlog.length];
        }

        boolean receiveOne(int q) {
            if (backlog[q] == 0) {
                return false;
            }
            backlog[q]--;
            taken[q]++;
            order.add(q);
            return true;
        }
    }

    @Test
    void aBusyQueueTakesTheDevicesWeightButItsQuietQueuesAreServedInTheSameTurn() {
        Queues qs = new Queues(Integer.MAX_VALUE, 5, 3);
        int taken = NapiPoll.poll(new int[]{0, 1, 2}, 3, 0, 64, qs::receiveOne);
        assertEquals(64, taken, "the device's weight, not more");
        assertEquals(5, qs.taken[1], "the quiet queue was emptied");
        assertEquals(3, qs.taken[2]);
        assertEquals(56, qs.taken[0], "the busy queue got the rest of the weight");
        assertEquals(List.of(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 0, 1), qs.order.subList(0, 13), "one datagram each in turn");
    }

    @Test
    void aBusyDeviceCannotStarveTheOthersOfItsThread() {
        // one thread, three devices: device 0 never runs dry, devices 1 and 2 have 10 and 100 datagrams
        Queues[] devices = {new Queues(Integer.MAX_VALUE), new Queues(10), new Queues(100)};
        long[] perTurnOfBusy = new long[3];
        for (int turn = 0; turn < 3; turn++) {
            long before = devices[0].taken[0];
            for (Queues d : devices) {
                if (d.backlog[0] > 0) { // the selector reports a readable socket only
                    NapiPoll.poll(new int[]{0}, 1, turn, NapiPoll.WEIGHT, d::receiveOne);
                }
            }
            perTurnOfBusy[turn] = devices[0].taken[0] - before;
        }
        assertArrayEquals(new long[]{64, 64, 64}, perTurnOfBusy, "the busy device gets its weight per turn");
        assertEquals(10, devices[1].taken[0], "served in the first turn");
        assertEquals(100, devices[2].taken[0], "64 in the first turn, the rest in the second");
    }

    @Test
    void theStartRotatesSoNoQueueIsAlwaysFirst() {
        Queues qs = new Queues(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
        NapiPoll.poll(new int[]{0, 1, 2}, 3, 1, 4, qs::receiveOne);
        assertEquals(List.of(1, 2, 0, 1), qs.order);
        qs.order.clear();
        NapiPoll.poll(new int[]{0, 1, 2}, 3, 2, 4, qs::receiveOne);
        assertEquals(List.of(2, 0, 1, 2), qs.order);
    }

    @Test
    void emptyQueuesEndTheTurnEarly() {
        Queues qs = new Queues(0, 2, 0);
        assertEquals(2, NapiPoll.poll(new int[]{0, 1, 2}, 3, 0, 64, qs::receiveOne));
        assertEquals(0, NapiPoll.poll(new int[0], 0, 7, 64, qs::receiveOne));
    }
}
