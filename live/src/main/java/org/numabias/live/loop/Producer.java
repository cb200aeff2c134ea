package org.numabias.live.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.function.IntPredicate;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.numabias.api.MutableAllocationContext;
import org.numabias.api.MutableConsumptionFeedback;
import org.numabias.live.pool.BufferPools;
import org.numabias.live.pool.PoolBuffer;
import org.numabias.runtime.guard.PredictorGuard;

/**
 * One producer thread, bound to its node, that polls every device assigned to it (as NAPI polls many
 * devices' receive queues from one CPU): one selector over all their non-blocking loopback UDP
 * sockets (one per flow); each turn, every device with a ready socket gets at most
 * {@link NapiPoll#WEIGHT} datagrams, round-robin over its ready sockets, so a busy device cannot
 * starve the others. For each receive buffer the device's own predictor (through its
 * {@link PredictorGuard}, called from this thread only) chooses the node; the datagram is received
 * straight into a buffer of that node's pool (the kernel's copy is our DMA) and handed to the flow's
 * current consumer. Like a NIC that posts receive descriptors ahead of the traffic, each socket has
 * one buffer armed in advance: the prediction is made when the buffer is posted, before its datagram
 * arrives. Feedback comes back from consumers through one bounded many-to-one queue per thread and
 * is delivered to the buffer's device's predictor here, after which the buffer returns to its pool.
 * In {@link LiveConfig.Mode#BARE} mode it only receives into one reused heap buffer (the ceiling).
 */
final class Producer implements Runnable {
    /** One device served by a producer thread: its sockets, their armed buffers and its own guarded predictor. */
    static final class Device {
        final int index;
        final List<DatagramChannel> channels;
        final int[] flowOfChannel;
        final PoolBuffer[] armed;
        final PredictorGuard guard;
        /** This turn's ready sockets (indexes into {@link #channels}). */
        final int[] ready;
        int readyCount;
        /** Where the next turn's round-robin starts. */
        int rotor;

        /**
         * @param channels      one socket per flow of the device
         * @param flowOfChannel the workload's flow number of each socket
         * @param guard         the device's predictor, null in bare mode
         */
        Device(int index, List<DatagramChannel> channels, int[] flowOfChannel, PredictorGuard guard) {
            this.index = index;
            this.channels = channels;
            this.flowOfChannel = flowOfChannel;
            this.armed = new PoolBuffer[channels.size()];
            this.guard = guard;
            this.ready = new int[channels.size()];
        }
    }

    /** What a selection key stands for. */
    private record Rx(Device device, int queue) {
    }

    private final LiveRun run;
    private final int homeNode;
    private final Device[] devices;
    private final Device[] readyDevices;
    private int readyDeviceCount;
    private final long[] flowHash;
    private final MutableAllocationContext ctx;
    private final MutableConsumptionFeedback fb = new MutableConsumptionFeedback();
    final ManyToOneConcurrentArrayQueue<PoolBuffer> feedback;
    final SingleWriterRecorder feedbackDelay = new SingleWriterRecorder(3);
    private final ByteBuffer scratch;
    private final Selector selector;
    private final boolean bare;
    private final IntPredicate receiveOne = this::receiveOne;
    private Device current;
    private int cpu = -1;

    final Counter received = new Counter();
    final Counter receivedBytes = new Counter();
    final Counter dropPoolEmpty = new Counter();
    final Counter dropConsumerBehind = new Counter();
    final Counter dropRecorderBehind = new Counter();
    final Counter feedbacks = new Counter();

    /**
     * @param devices          the devices this thread polls, all homed on {@code homeNode}
     * @param feedbackCapacity bound of the feedback queue: every buffer that can exist
     */
    Producer(LiveRun run, int homeNode, List<Device> devices, long[] flowHash, int feedbackCapacity) {
        this.run = run;
        this.homeNode = homeNode;
        this.devices = devices.toArray(Device[]::new);
        this.readyDevices = new Device[this.devices.length];
        this.flowHash = flowHash;
        this.bare = run.config().mode() == LiveConfig.Mode.BARE;
        this.ctx = bare ? null : new MutableAllocationContext(run.memory().topology());
        this.feedback = new ManyToOneConcurrentArrayQueue<>(Math.max(2, feedbackCapacity));
        this.scratch = ByteBuffer.allocate(run.config().workload().bufferBytes());
        try {
            this.selector = Selector.open();
            for (Device d : this.devices) {
                for (int q = 0; q < d.channels.size(); q++) {
                    d.channels.get(q).register(selector, SelectionKey.OP_READ, new Rx(d, q));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the sockets of the producer thread on node " + homeNode + ": "
                    + e.getMessage(), e);
        }
    }

    /** The node this thread is bound to (its devices' home node). */
    int node() {
        return homeNode;
    }

    @Override
    public void run() {
        run.memory().bindThread(homeNode);
        try {
            while (run.receiving()) {
                cpu = run.memory().currentCpu();
                drainFeedback();
                selector.select(this::onReady, 1);
                turn();
            }
            for (Device d : devices) {
                for (int q = 0; q < d.armed.length; q++) {
                    if (d.armed[q] != null) {
                        run.pools().node(d.armed[q].node()).release(d.armed[q]);
                        d.armed[q] = null;
                    }
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
            run.fail(new UncheckedIOException("producer thread on node " + homeNode + ": " + e.getMessage(), e));
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
            PredictorGuard guard = run.deviceGuard(b.device);
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

    /** Notes a ready socket for this turn. */
    private void onReady(SelectionKey key) {
        Rx rx = (Rx) key.attachment();
        Device d = rx.device();
        if (d.readyCount == 0) {
            readyDevices[readyDeviceCount++] = d;
        }
        d.ready[d.readyCount++] = rx.queue();
    }

    /** Polls each device that has a ready socket, at most its weight, in the order they became ready. */
    private void turn() {
        for (int i = 0; i < readyDeviceCount; i++) {
            Device d = readyDevices[i];
            readyDevices[i] = null;
            current = d;
            NapiPoll.poll(d.ready, d.readyCount, d.rotor++, NapiPoll.WEIGHT, receiveOne);
            d.readyCount = 0;
        }
        readyDeviceCount = 0;
        current = null;
    }

    /** Takes one datagram from socket {@code q} of the current device; false when the socket is empty. */
    private boolean receiveOne(int q) {
        Device d = current;
        DatagramChannel ch = d.channels.get(q);
        try {
            return bare ? receiveBare(ch) : receiveIntoPool(d, q, ch);
        } catch (IOException e) {
            throw new UncheckedIOException("device " + d.index + " socket " + q + ": " + e.getMessage(), e);
        }
    }

    private boolean receiveBare(DatagramChannel ch) throws IOException {
        scratch.clear();
        if (ch.receive(scratch) == null) {
            return false;
        }
        received.add(1);
        receivedBytes.add(scratch.position());
        return true;
    }

    private boolean receiveIntoPool(Device d, int q, DatagramChannel ch) throws IOException {
        BufferPools pools = run.pools();
        PoolBuffer b = d.armed[q];
        if (b == null) {
            b = arm(d, q);
            if (b == null) { // the chosen node's pool is exhausted: the datagram is dropped
                scratch.clear();
                if (ch.receive(scratch) == null) {
                    return false;
                }
                dropPoolEmpty.add(1);
                return true;
            }
            d.armed[q] = b;
        }
        ByteBuffer bb = b.byteBuffer();
        if (ch.receive(bb) == null) {
            return false; // stays armed for the next datagram of this socket
        }
        d.armed[q] = null;
        b.length = bb.position();
        b.allocNs = run.now();
        b.producerCpu = cpu;
        received.add(1);
        receivedBytes.add(b.length);
        Recorder rec = run.recorder();
        if (rec != null && !rec.alloc(b)) {
            dropRecorderBehind.add(1);
            pools.node(b.node()).release(b);
            return true;
        }
        int flow = d.flowOfChannel[q];
        if (!run.consumerFor(flow).inbound.offer(b)) {
            dropConsumerBehind.add(1);
            if (rec != null) {
                rec.free(b.allocNs, b.id());
            }
            pools.node(b.node()).release(b);
        }
        return true;
    }

    /** Posts a buffer for socket {@code q} of {@code d} on the predicted node; null when that pool is exhausted. */
    private PoolBuffer arm(Device d, int q) {
        long flow = flowHash[d.flowOfChannel[q]];
        int node = homeNode;
        if (d.guard != null) {
            ctx.set(run.now(), -1, -1, d.index, q, flow, cpu, homeNode, run.config().workload().bufferBytes());
            node = d.guard.predict(ctx);
        }
        PoolBuffer b = run.pools().node(node).take();
        if (b != null) {
            b.device = d.index;
            b.queue = q;
            b.flow = flow;
            b.producerNode = homeNode;
        }
        return b;
    }
}
