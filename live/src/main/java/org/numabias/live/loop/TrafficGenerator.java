package org.numabias.live.loop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.numabias.live.workload.Workload;

/**
 * Sends the workload's datagrams to the producers' sockets, on loopback only, each flow at its rate
 * (0 = as fast as possible), until the duration ends, {@code maxDatagrams} are sent or it is stopped.
 * The duration counts from the generator's own start (on a busy machine its thread may start well
 * after the run's clock), so a run always offers its traffic. Paced against the clock: a flow that
 * fell behind catches up by at most 64 datagrams.
 */
final class TrafficGenerator implements Runnable {
    private final LiveRun run;
    private final Workload workload;
    private final List<InetSocketAddress> targets;
    private volatile boolean stop;
    private volatile long startedNs = -1;
    final Counter sent = new Counter();
    final Counter sendErrors = new Counter();

    TrafficGenerator(LiveRun run, Workload workload, List<InetSocketAddress> targets) {
        for (InetSocketAddress t : targets) {
            if (!t.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("the traffic generator sends to loopback only, not " + t);
            }
        }
        this.run = run;
        this.workload = workload;
        this.targets = targets;
    }

    /** When it started sending (the run's clock), -1 before. */
    long startedNs() {
        return startedNs;
    }

    void stop() {
        stop = true;
    }

    @Override
    public void run() {
        long startNs = run.now();
        startedNs = startNs;
        int flows = targets.size();
        ByteBuffer[] payload = new ByteBuffer[flows];
        double[] intervalNs = new double[flows];
        double[] next = new double[flows];
        for (int f = 0; f < flows; f++) {
            Workload.Flow flow = workload.flows().get(f);
            payload[f] = ByteBuffer.allocateDirect(flow.bytes());
            intervalNs[f] = flow.rate() == 0 ? 0 : 1e9 / flow.rate();
            next[f] = startNs;
        }
        long endNs = startNs + (long) (workload.durationSeconds() * 1e9);
        long max = workload.maxDatagrams();
        long count = 0;
        try (DatagramChannel out = DatagramChannel.open()) {
            while (!stop && count < max) {
                long now = run.now();
                if (now >= endNs) {
                    break;
                }
                double soonest = Double.MAX_VALUE;
                for (int f = 0; f < flows && count < max; f++) {
                    if (intervalNs[f] > 0) {
                        next[f] = Math.max(next[f], now - 64 * intervalNs[f]);
                    }
                    for (int burst = 0; burst < 64 && next[f] <= now && count < max; burst++) {
                        ByteBuffer p = payload[f];
                        p.clear();
                        p.putLong(0, count);
                        try {
                            out.send(p, targets.get(f));
                            sent.add(1);
                        } catch (IOException e) {
                            sendErrors.add(1); // e.g. ENOBUFS when loopback is saturated: counted, not fatal
                        }
                        count++;
                        next[f] += intervalNs[f];
                    }
                    soonest = Math.min(soonest, next[f]);
                }
                long wait = (long) soonest - run.now();
                if (wait > 20_000) {
                    LockSupport.parkNanos(Math.min(wait, 1_000_000));
                }
            }
        } catch (IOException e) {
            run.fail(e);
        }
    }
}
