package org.numabias.kernel.advise;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.numabias.api.trace.PullCursor;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;

/**
 * One queue's consumptions with producer and consumer exchanged, so that a replay measures pinning
 * the consuming threads: each Consume of {@code queue} becomes a buffer of its own, allocated on the
 * consumer's CPU and node and read, at once and with the same bytes, on the CPU and node its buffer
 * was received on (then freed). Over this view {@code static-node:node=P} hits exactly the bytes
 * received on P (those a consumer pinned to P reads locally), while producer-local, the reference of
 * {@code remoteBytesAvoided}, hits exactly the bytes it hits on the queue itself (consumer and
 * producer on one node): so the replay's remoteBytesAvoided is pinning's, with its interval. The
 * consumptions come in the queue's order with the queue's bytes, so the bootstrap's windows are the
 * queue's. Allocs never consumed are left out (they change no byte's locality). Alloc index {@code i}
 * of the view is the queue's consumption {@code i}. Memory: the queue's live buffers.
 */
record PinningView(QueueTrace queue) implements TraceSource {
    @Override
    public TraceHeader header() {
        return queue.header();
    }

    @Override
    public String description() {
        return queue.description() + " (consumers pinned: producer and consumer exchanged)";
    }

    @Override
    public TraceCursor open() {
        TraceCursor events = queue.open();
        Map<Long, TraceEvent.Alloc> live = new HashMap<>();
        ArrayDeque<TraceEvent> pending = new ArrayDeque<>(3);
        long[] next = {0};
        return new PullCursor() {
            @Override
            protected TraceEvent fetch() {
                while (pending.isEmpty() && events.hasNext()) {
                    switch (events.next()) {
                        case TraceEvent.Alloc a -> live.put(a.bufferId(), a);
                        case TraceEvent.Consume c -> {
                            TraceEvent.Alloc a = live.get(c.bufferId());
                            long id = next[0]++;
                            pending.add(new TraceEvent.Alloc(c.timeNs(), id, a.device(), a.queue(), a.flow(), c.cpu(),
                                    c.node(), c.bytes()));
                            pending.add(new TraceEvent.Consume(c.timeNs(), id, a.cpu(), a.node(), c.bytes()));
                            pending.add(new TraceEvent.Free(c.timeNs(), id));
                        }
                        case TraceEvent.Free f -> live.remove(f.bufferId());
                    }
                }
                return pending.poll();
            }

            @Override
            public void close() {
                events.close();
            }
        };
    }
}
