package org.numabias.live.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.live.pool.BufferPools;
import org.numabias.live.pool.PoolBuffer;
import org.numabias.runtime.guard.PredictorGuard;

/**
 * One device: a thread bound to its home node that owns one non-blocking UDP socket per flow
 * (loopback), asks its predictor (through a {@link PredictorGuard}, owned by this thread only) for
 * the node of each receive buffer, receives the datagram straight into a buffer of that node's pool
 * (the kernel's copy is our DMA) and hands it to the flow's current consumer. Like a NIC that posts
 * receive descriptors ahead of the traffic, each socket has one buffer armed in advance: the
 * prediction is made when the buffer is posted, before its datagram arrives. Feedback comes back
 * from consumers through a bounded many-to-one queue and is delivered to the predictor here, after
 * which the buffer returns to its pool. In {@link LiveConfig.Mode#BARE} mode it only receives into
 * one reused heap buffer (the ceiling).
 */
final class Producer implements Runnable {
    private final LiveRun run;
    private final int device;
    private final int homeNode;
    private final List<DatagramChannel> channels;
    private final int[] flowOfChannel;
    private final long[] flowHash;
    private final PoolBuffer[] armed;
    private final PredictorGuard guard;
    private final MutableAllocationContext ctx;
    private final MutableConsumptionFeedback fb = new MutableConsumptionFeedback();
    final ManyToOneConcurrentArrayQueue<PoolBuffer> feedback;
    final SingleWriterRecorder feedbackDelay = new SingleWriterRecorder(3);
    private final ByteBuffer scratch;
    private final Selector selector;
    private int cpu = -1;

    final Counter received = new Counter();
    final Counter receivedBytes = new Counter();
    final Counter dropPoolEmpty = new Counter();
    final Counter dropConsumerBehind = new Counter();
    final Counter dropRecorderBehind = new Counter();
    final Counter feedbacks = new Counter();

    Producer(LiveRun run, int device, int homeNode, List<DatagramChannel> channels, int[] flowOfChannel, long[] flowHash,
             PredictorGuard guard, int feedbackCapacity) {
        this.run = run;
        this.device = device;
        this.homeNode = homeNode;
        this.channels = channels;
        this.flowOfChannel = flowOfChannel;
        this.flowHash = flowHash;
        this.armed = new PoolBuffer[channels.size()];
        this.guard = guard;
        this.ctx = guard == null ? null : new MutableAllocationContext(run.memory().topology());
        this.feedback = new ManyToOneConcurrentArrayQueue<>(Math.max(2, feedbackCapacity));
        this.scratch = ByteBuffer.allocate(run.config().workload().bufferBytes());
        try {
            this.selector = Selector.open();
            for (int q = 0; q < channels.size(); q++) {
                channels.get(q).register(selector, SelectionKey.OP_READ, q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the sockets of device " + device + ": " + e.getMessage(), e);
        }
    }

    PredictorGuard guard() {
        return guard;
    }

    @Override
    public void run() {
        run.memory().bindThread(homeNode);
        try {
            while (run.receiving()) {
                cpu = run.memory().currentCpu();
                drainFeedback();
                selector.select(this::onReady, 1);
            }
            for (int q = 0; q < armed.length; q++) {
                if (armed[q] != null) {
                    run.pools().node(armed[q].node()).release(armed[q]);
                    armed[q] = null;
                }
            }
            run.producerStoppedReceiving();
            while (!run.consumersDone()) {
                if (drainFeedback() == 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                }
            }
            drainFeedback();
        } catch (IOException e) {
            run.fail(new UncheckedIOException("device " + device + ": " + e.getMessage(), e));
            run.producerStoppedReceiving();
        } catch (RuntimeException | Error e) {
            run.fail(e);
            run.producerStoppedReceiving();
        } finally {
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing at the end: nothing left to do with it
            }
        }
    }

    private int drainFeedback() {
        int n = 0;
        PoolBuffer b;
        while ((b = feedback.poll()) != null) {
            if (guard != null) {
                fb.set(b.consumeNs, b.id(), b.device, b.queue, b.flow, b.producerNode, b.node(), b.consumerCpu,
                        b.consumerNode, b.length);
                guard.feedback(fb);
            }
            feedbackDelay.recordValue(Math.max(0, run.now() - b.allocNs));
            run.pools().node(b.node()).release(b);
            n++;
        }
        if (n > 0) {
            feedbacks.add(n);
        }
        return n;
    }

    private void onReady(SelectionKey key) {
        int q = (Integer) key.attachment();
        DatagramChannel ch = channels.get(q);
        try {
            if (run.config().mode() == LiveConfig.Mode.BARE) {
                receiveBare(ch);
            } else {
                receiveIntoPool(q, ch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("device " + device + " socket " + q + ": " + e.getMessage(), e);
        }
    }

    private void receiveBare(DatagramChannel ch) throws IOException {
        for (int i = 0; i < 64; i++) {
            scratch.clear();
            if (ch.receive(scratch) == null) {
                return;
            }
            received.add(1);
            receivedBytes.add(scratch.position());
        }
    }

    private void receiveIntoPool(int q, DatagramChannel ch) throws IOException {
        BufferPools pools = run.pools();
        for (int i = 0; i < 64; i++) {
            PoolBuffer b = armed[q];
            if (b == null) {
                b = arm(q);
                if (b == null) { // the chosen node's pool is exhausted: the datagram is dropped
                    scratch.clear();
                    if (ch.receive(scratch) == null) {
                        return;
                    }
                    dropPoolEmpty.add(1);
                    continue;
                }
                armed[q] = b;
            }
            ByteBuffer bb = b.byteBuffer();
            SocketAddress from = ch.receive(bb);
            if (from == null) {
                return; // stays armed for the next datagram of this socket
            }
            armed[q] = null;
            b.length = bb.position();
            b.allocNs = run.now();
            b.producerCpu = cpu;
            received.add(1);
            receivedBytes.add(b.length);
            Recorder rec = run.recorder();
            if (rec != null && !rec.alloc(b)) {
                dropRecorderBehind.add(1);
                pools.node(b.node()).release(b);
                continue;
            }
            int flow = flowOfChannel[q];
            if (!run.consumerFor(flow).inbound.offer(b)) {
                dropConsumerBehind.add(1);
                if (rec != null) {
                    rec.free(b.allocNs, b.id());
                }
                pools.node(b.node()).release(b);
            }
        }
    }

    /** Posts a buffer for socket {@code q} on the predicted node; null when that pool is exhausted. */
    private PoolBuffer arm(int q) {
        int flow = flowOfChannel[q];
        int node = homeNode;
        if (guard != null) {
            ctx.set(run.now(), -1, -1, device, q, flowHash[flow], cpu, homeNode, run.config().workload().bufferBytes());
            node = guard.predict(ctx);
        }
        PoolBuffer b = run.pools().node(node).take();
        if (b != null) {
            b.device = device;
            b.queue = q;
            b.flow = flowHash[flow];
            b.producerNode = homeNode;
        }
        return b;
    }

}
