package org.numabias.live.loop;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.live.pool.PoolBuffer;
import org.numabias.runtime.store.ChronicleTraceWriter;

/**
 * Moves trace events from the loop's threads to the one thread that may write the Chronicle trace:
 * producers and consumers claim slots in an Agrona many-to-one ring buffer (no allocation, no lock)
 * and this thread turns them into {@link TraceEvent}s for {@link ChronicleTraceWriter}. An Alloc
 * that finds the ring full is refused (the producer drops the datagram, so the trace stays whole);
 * a Consume waits for room (back-pressure on whoever records it). Times are
 * made non-decreasing as they are written (threads stamp times before they claim a slot, so two
 * events may arrive a few hundred ns out of order).
 */
final class Recorder implements Runnable {
    private static final int ALLOC = 1;
    private static final int CONSUME_FREE = 2;
    private static final int FREE = 3;
    private static final int ALLOC_BYTES = 52;
    private static final int CONSUME_BYTES = 28;
    private static final int FREE_BYTES = 16;

    private final ManyToOneRingBuffer ring;
    private final Path dir;
    private final TraceHeader header;
    private final org.numabias.runtime.store.OutputLock claim;
    private ChronicleTraceWriter writer;
    private volatile java.util.function.Supplier<TraceHeader> stop;
    private volatile boolean dead;
    private long lastTime;
    private long events;

    Recorder(Path dir, TraceHeader header, int ringBytes) {
        AtomicBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(ringBytes + RingBufferDescriptor.TRAILER_LENGTH));
        this.ring = new ManyToOneRingBuffer(buffer);
        this.claim = ChronicleTraceWriter.claim(dir, false); // refuse a second writer before the run, not after
        ChronicleTraceWriter.prepareForShutdownSeal(); // before the run, so the seal works under a signal
        this.dir = dir;
        this.header = header;
    }

    /**
     * Records an Alloc (the trace's fields; {@code allocNode} -1 for a datagram dropped before it had a
     * buffer); false when the ring is full (drop the datagram).
     */
    boolean alloc(long timeNs, long bufferId, int device, int queue, long flow, int cpu, int node, long bytes,
                  int allocNode) {
        int i = ring.tryClaim(ALLOC, ALLOC_BYTES);
        if (i <= 0) {
            return false;
        }
        AtomicBuffer a = ring.buffer();
        a.putLong(i, timeNs);
        a.putLong(i + 8, bufferId);
        a.putInt(i + 16, device);
        a.putInt(i + 20, queue);
        a.putLong(i + 24, flow);
        a.putInt(i + 32, cpu);
        a.putInt(i + 36, node);
        a.putLong(i + 40, bytes);
        a.putInt(i + 48, allocNode);
        ring.commit(i);
        return true;
    }

    /** Records the Consume and the Free of {@code b} at {@code timeNs}, waiting for room. */
    void consumeAndFree(long timeNs, PoolBuffer b) {
        int i;
        while ((i = ring.tryClaim(CONSUME_FREE, CONSUME_BYTES)) <= 0) {
            if (dead) {
                return; // the recorder failed; the run reports that failure
            }
            Thread.onSpinWait();
        }
        AtomicBuffer a = ring.buffer();
        a.putLong(i, timeNs);
        a.putLong(i + 8, b.id());
        a.putInt(i + 16, b.consumerCpu);
        a.putInt(i + 20, b.consumerNode);
        a.putInt(i + 24, b.length);
        ring.commit(i);
    }

    /** Records the Free of a buffer that was dropped after its Alloc, waiting for room. */
    void free(long timeNs, long bufferId) {
        int i;
        while ((i = ring.tryClaim(FREE, FREE_BYTES)) <= 0) {
            if (dead) {
                return;
            }
            Thread.onSpinWait();
        }
        AtomicBuffer a = ring.buffer();
        a.putLong(i, timeNs);
        a.putLong(i + 8, bufferId);
        ring.commit(i);
    }

    /**
     * Stops after draining everything written before the call, and seals the trace with the header
     * {@code finalHeader} gives then.
     */
    void stop(java.util.function.Supplier<TraceHeader> finalHeader) {
        stop = finalHeader;
    }

    /** Writes until stopped, on its own thread: a Chronicle appender belongs to the thread that made it. */
    @Override
    public void run() {
        try {
            drainUntilStopped();
        } finally {
            dead = true;
        }
    }

    private void drainUntilStopped() {
        writer = ChronicleTraceWriter.create(claim, dir, header, false);
        while (true) {
            java.util.function.Supplier<TraceHeader> stopping = stop;
            int n = ring.read(this::write, 4096);
            if (n == 0) {
                if (stopping != null) {
                    writer.close(stopping.get());
                    return;
                }
                Thread.onSpinWait();
                if (ring.size() == 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                }
            }
        }
    }

    private long time(long t) {
        lastTime = Math.max(lastTime, t);
        return lastTime;
    }

    private void write(int type, org.agrona.MutableDirectBuffer a, int i, int length) {
        switch (type) {
            case ALLOC -> writer.write(new TraceEvent.Alloc(time(a.getLong(i)), a.getLong(i + 8), a.getInt(i + 16),
                    a.getInt(i + 20), a.getLong(i + 24), a.getInt(i + 32), a.getInt(i + 36), a.getLong(i + 40),
                    a.getInt(i + 48)));
            case CONSUME_FREE -> {
                long t = time(a.getLong(i));
                long id = a.getLong(i + 8);
                writer.write(new TraceEvent.Consume(t, id, a.getInt(i + 16), a.getInt(i + 20), a.getInt(i + 24)));
                writer.write(new TraceEvent.Free(t, id));
                events++;
            }
            case FREE -> writer.write(new TraceEvent.Free(time(a.getLong(i)), a.getLong(i + 8)));
            default -> throw new IllegalStateException("unknown record type " + type);
        }
        events++;
    }

    /** Events written (call after the thread ended). */
    long events() {
        return events;
    }
}
