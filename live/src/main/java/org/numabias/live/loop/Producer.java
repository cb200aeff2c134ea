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
 * starve the others. Each datagram is received into this thread's staging buffer; then the device's
 * own predictor (through its {@link PredictorGuard}, called from this thread only) chooses the node,
 * with the datagram's arrival time and length in its context, and the payload is written into a
 * buffer of that node's pool (our DMA: one copy of at most {@code bufferBytes}) that goes to the
 * flow's current consumer. Asking when the datagram is there, not when a buffer is posted ahead of
 * it, makes every prediction one Alloc of the trace, with the same time and bytes: a datagram whose
 * chosen pool is exhausted is recorded as an Alloc (allocNode -1) and a Free. Feedback comes back
 * from consumers through one bounded many-to-one queue per thread; this thread records the Consume
 * (and Free) when it delivers the feedback to the buffer's device's predictor, so that the trace
 * holds every predictor call in the order the predictor saw it, then returns the buffer to its pool.
 * In {@link LiveConfig.Mode#BARE} mode it only receives into the staging buffer (the ceiling).
 */
final class Producer implements Runnable {
    /** One device served by a producer thread: its sockets and its own guarded predictor. */
    static final class Device {
        final int index;
        final List<DatagramChannel> channels;
        final int[] flowOfChannel;
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
        Recorder rec = run.recorder();
        while ((b = feedback.poll()) != null) {
            long t = run.now();
            if (rec != null) {
                rec.consumeAndFree(t, b); // here, not at the copy: the trace's order is the predictor's
            }
            PredictorGuard guard = run.deviceGuard(b.device);
            if (guard != null) {
                fb.set(t, b.id(), b.device, b.queue, b.flow, b.producerNode, b.node(), b.consumerCpu, b.consumerNode,
                        b.length);
                guard.feedback(fb);
            }
            feedbackDelay.recordValue(Math.max(0, t - b.allocNs));
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
        scratch.clear();
        if (ch.receive(scratch) == null) {
            return false;
        }
        int length = scratch.position();
        long t = run.now();
        long flow = flowHash[d.flowOfChannel[q]];
        int node = homeNode;
        if (d.guard != null) {
            ctx.set(t, -1, -1, d.index, q, flow, cpu, homeNode, length);
            node = d.guard.predict(ctx);
        }
        BufferPools pools = run.pools();
        Recorder rec = run.recorder();
        PoolBuffer b = pools.node(node).take();
        if (b == null) { // the chosen node's pool is exhausted: dropped, its prediction recorded all the same
            long id = run.nextDroppedId();
            if (rec != null && !rec.alloc(t, id, d.index, q, flow, cpu, homeNode, length, -1)) {
                dropRecorderBehind.add(1);
                return true;
            }
            if (rec != null) {
                rec.free(t, id);
            }
            dropPoolEmpty.add(1);
            return true;
        }
        scratch.flip();
        b.byteBuffer().put(scratch);
        b.device = d.index;
        b.queue = q;
        b.flow = flow;
        b.producerNode = homeNode;
        b.length = length;
        b.allocNs = t;
        b.producerCpu = cpu;
        received.add(1);
        receivedBytes.add(length);
        if (rec != null && !rec.alloc(t, b.id(), d.index, q, flow, cpu, homeNode, length, b.node())) {
            dropRecorderBehind.add(1);
            pools.node(b.node()).release(b);
            return true;
        }
        if (!run.consumerFor(d.flowOfChannel[q]).inbound.offer(b)) {
            dropConsumerBehind.add(1);
            if (rec != null) {
                rec.free(b.allocNs, b.id());
            }
            pools.node(b.node()).release(b);
        }
        return true;
    }
}
