package org.numabias.live.loop;

import java.util.function.IntPredicate;

/**
 * One device's share of a producer thread's turn, as NAPI polls a device: at most {@link #WEIGHT}
 * datagrams per device per turn, taken one at a time round-robin over the device's ready receive
 * queues (sockets), starting one queue further each turn. A busy queue therefore cannot starve the
 * device's other queues, and a busy device cannot starve the other devices of its thread: each gets
 * its weight, then the thread moves on (what is left stays readable for the next turn).
 */
final class NapiPoll {
    /** Datagrams per device per turn (the kernel's NAPI_POLL_WEIGHT). */
    static final int WEIGHT = 64;

    private NapiPoll() {
    }

    /**
     * Polls the ready queues {@code ready[0..n)} of one device round-robin, starting at index
     * {@code start % n}, until {@code weight} datagrams were taken or every queue is empty.
     * {@code receiveOne.test(q)} takes one datagram from queue {@code q} (true) or finds it empty
     * (false: the queue leaves this turn). {@code ready} is overwritten.
     *
     * @return datagrams taken
     */
    static int poll(int[] ready, int n, int start, int weight, IntPredicate receiveOne) {
        int taken = 0;
        int live = n;
        int i = n == 0 ? 0 : Math.floorMod(start, n);
        while (live > 0 && taken < weight) {
            if (i >= live) {
                i = 0;
            }
            if (receiveOne.test(ready[i])) {
                taken++;
                i++;
            } else { // empty: drop it from this turn, keeping the order of the others
                System.arraycopy(ready, i + 1, ready, i, live - i - 1);
                live--;
            }
        }
        return taken;
    }
}
