package org.numabias.live.loop;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.numabias.live.pool.PoolBuffer;

/**
 * A consumer: a thread bound to its node that takes buffers from its bounded inbound queue, copies
 * each payload into memory of its own node (the copy whose cost depends on where the buffer is),
 * optionally works on it, then fires the consumption callback: hands the buffer back to the producer
 * thread that owns the device's predictor (feedback; that thread records the Consume and the Free
 * and returns it to its pool) or, without feedback, records them and returns it straight to the pool. Copy time is sampled every 16th copy
 * per buffer node (a sample slower than 20 us + 10 ns/byte, i.e. under 100 MB/s, was preempted, not
 * copying, and is left out); the page of every 256th buffer is looked up to verify placement.
 */
final class Consumer implements Runnable {
    private static final int COPY_SAMPLE = 16;
    private static final int PAGE_SAMPLE = 256;

    private final LiveRun run;
    private final int node;
    private final long workNs;
    final ManyToOneConcurrentArrayQueue<PoolBuffer> inbound;
    private MemorySegment own;
    private long seen;

    final Counter consumed = new Counter();
    final Counter bytes = new Counter();
    final Counter localBytes = new Counter();
    /** Sampled copy time and bytes by buffer node. */
    final long[] copyNanos;
    final long[] copyBytes;
    long pagesSampled;
    long pagesOnExpectedNode;

    Consumer(LiveRun run, int node, long workNs, int capacity) {
        this.run = run;
        this.node = node;
        this.workNs = workNs;
        this.inbound = new ManyToOneConcurrentArrayQueue<>(capacity);
        this.copyNanos = new long[run.memory().nodes()];
        this.copyBytes = new long[run.memory().nodes()];
    }

    int node() {
        return node;
    }

    @Override
    public void run() {
        try {
            run.memory().bindThread(node);
            own = run.memory().alloc(run.config().workload().bufferBytes(), node);
            int idle = 0;
            while (true) {
                PoolBuffer b = inbound.poll();
                if (b == null) {
                    if (run.producersStopped() && inbound.isEmpty()) {
                        break;
                    }
                    idle = idle(idle);
                    continue;
                }
                idle = 0;
                consume(b);
            }
        } catch (RuntimeException | Error e) {
            run.fail(e);
        } finally {
            run.consumerDone();
            if (own != null) {
                run.memory().free(own);
            }
        }
    }

    private static int idle(int idle) {
        if (idle < 50) {
            Thread.onSpinWait();
        } else if (idle < 60) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(20_000); // few cores: do not burn the producers' CPU while idle
        }
        return idle + 1;
    }

    private void consume(PoolBuffer b) {
        int len = b.length;
        int from = b.node();
        if ((seen & (COPY_SAMPLE - 1)) == 0) {
            long t0 = System.nanoTime();
            MemorySegment.copy(b.segment(), 0, own, 0, len);
            long elapsed = System.nanoTime() - t0;
            if (elapsed <= 20_000 + 10L * len) {
                copyNanos[from] += elapsed;
                copyBytes[from] += len;
            }
        } else {
            MemorySegment.copy(b.segment(), 0, own, 0, len);
        }
        if ((seen & (PAGE_SAMPLE - 1)) == 0) {
            samplePage(b);
        }
        seen++;
        if (workNs > 0) {
            long until = System.nanoTime() + workNs;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
        b.consumerNode = node;
        b.consumerCpu = run.memory().currentCpu();
        b.consumeNs = run.now();
        consumed.add(1);
        bytes.add(len);
        if (from == node) {
            localBytes.add(len);
        }
        if (run.config().mode() == LiveConfig.Mode.FEEDBACK) { // the producer records the Consume as it feeds it back
            if (!run.producerOf(b.device).feedback.offer(b)) {
                throw new IllegalStateException("feedback queue full: it must hold every buffer");
            }
        } else {
            Recorder rec = run.recorder();
            if (rec != null) {
                rec.consumeAndFree(b.consumeNs, b);
            }
            run.pools().node(from).release(b);
        }
    }

    private void samplePage(PoolBuffer b) {
        int real = run.memory().realNodeOfPage(b.segment());
        if (real >= 0) {
            pagesSampled++;
            int expected = run.memory().emulated() ? run.realNodeOfEmulation() : b.node();
            if (real == expected) {
                pagesOnExpectedNode++;
            }
        }
    }
}
