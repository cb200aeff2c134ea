package org.numabias.kernel.perf;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DESIGN.md's datagram join: which CPU read a small datagram that fired no copy event. A
 * {@code sk_data_ready} on a datagram socket joins the skb of the last {@code netif_receive_skb}
 * on the same CPU (the softirq that queued it) to that socket; the socket's reads
 * ({@code sock_recv_length}, on the reading CPU) then take its queued skbs in FIFO order. A read
 * that finds its socket's FIFO empty waits briefly for the socket's next {@code sk_data_ready} of a
 * buffer received before the read: another CPU queued the datagram and the reader took it before that
 * CPU's {@code sk_data_ready} fired. What it cannot join is counted ({@link Counts}), never guessed.
 * One instance per import; not thread-safe.
 */
public final class DatagramJoin {
    /** IPPROTO_UDP and IPPROTO_UDPLITE: datagram sockets whose reads dequeue one skb each. */
    static boolean isDatagram(long protocol) {
        return protocol == 17 || protocol == 136;
    }

    private static final long MSG_PEEK = 0x2;
    private static final long MSG_ERRQUEUE = 0x2000;

    /** Per CPU, the last buffer a core receive event started there and no {@code sk_data_ready} took yet. */
    private PerfScriptImporter.Live[] lastReceive = new PerfScriptImporter.Live[64];
    private final Map<Long, ArrayDeque<PerfScriptImporter.Live>> queues = new HashMap<>();
    /** Per socket, the reads that found its FIFO empty and still wait for their datagram's {@code sk_data_ready}. */
    private final Map<Long, ArrayDeque<PerfScriptImporter.PendingRead>> pendingReads = new HashMap<>();
    private long dataReady;
    private long unjoinedDataReady;
    private long reads;
    private long joinedReads;
    private long unjoinedReads;
    private long readsAfterCopy;
    private long lateReads;
    private long peeks;
    private long failedReads;

    /** A join for one import (the importer makes it). */
    DatagramJoin() {
    }

    /**
     * What the join did. {@code reads} = joinedReads + unjoinedReads + readsAfterCopy + lateReads
     * (+ reads on an unmapped CPU); peeks and failed reads dequeue nothing and are not reads.
     *
     * @param dataReady         {@code sk_data_ready} lines on datagram sockets
     * @param unjoinedDataReady of those, with no receive event before them on their CPU
     * @param reads             {@code sock_recv_length} lines that dequeued a datagram
     * @param joinedReads       reads that became a Consume
     * @param unjoinedReads     reads on a socket with no joined skb queued, none following in time (its receive was not traced)
     * @param readsAfterCopy    reads of skbs a copy event had already consumed (non-linear datagrams)
     * @param lateReads         reads that came after their skb's Free had been emitted alone
     * @param peeks             {@code MSG_PEEK} reads (nothing dequeued)
     * @param failedReads       reads that returned an error or read the error queue
     * @param unreadAtEnd       joined skbs never read by the end of the input
     */
    public record Counts(long dataReady, long unjoinedDataReady, long reads, long joinedReads, long unjoinedReads,
                  long readsAfterCopy, long lateReads, long peeks, long failedReads,
                  long unreadAtEnd) {
        /** Whether the input had any datagram-socket event (else nothing is reported). */
        public boolean seen() {
            return dataReady + reads + peeks + failedReads > 0;
        }

        /** The counts by name, for a trace header. */
        public Map<String, Long> asMap() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("dataReady", dataReady);
            m.put("unjoinedDataReady", unjoinedDataReady);
            m.put("reads", reads);
            m.put("joinedReads", joinedReads);
            m.put("unjoinedReads", unjoinedReads);
            m.put("readsAfterCopy", readsAfterCopy);
            m.put("lateReads", lateReads);
            m.put("peeks", peeks);
            m.put("failedReads", failedReads);
            m.put("unreadAtEnd", unreadAtEnd);
            return m;
        }
    }

    /** A core receive event started (or completed) {@code buffer} on {@code cpu}. */
    void received(int cpu, PerfScriptImporter.Live buffer) {
        if (cpu >= lastReceive.length) {
            lastReceive = Arrays.copyOf(lastReceive, Math.max(cpu + 1, lastReceive.length * 2));
        }
        lastReceive[cpu] = buffer;
        buffer.coreCpu = cpu;
    }

    /** {@code buffer} ended (freed or its address reused): no later {@code sk_data_ready} can be about it. */
    void ended(PerfScriptImporter.Live buffer) {
        int cpu = buffer.coreCpu;
        if (cpu >= 0 && lastReceive[cpu] == buffer) {
            lastReceive[cpu] = null;
        }
    }

    /**
     * A datagram socket was told of new data on {@code cpu}: the last receive there was queued to it,
     * or taken already by a read that waits for it (returned, for the importer to emit its Consume).
     */
    PerfScriptImporter.PendingRead dataReady(int cpu, long socket) {
        dataReady++;
        PerfScriptImporter.Live buffer = cpu < lastReceive.length ? lastReceive[cpu] : null;
        if (buffer == null) {
            unjoinedDataReady++;
            return null;
        }
        lastReceive[cpu] = null;
        ArrayDeque<PerfScriptImporter.PendingRead> waitingReads = pendingReads.get(socket);
        if (waitingReads != null && buffer.startLine < waitingReads.peekFirst().line) { // a datagram is read after it was received
            PerfScriptImporter.PendingRead read = waitingReads.pollFirst();
            if (waitingReads.isEmpty()) {
                pendingReads.remove(socket);
            }
            read.buffer = buffer;
            buffer.copied = true;
            if (read.node >= 0) {
                joinedReads++;
            }
            return read;
        }
        buffer.queued = true;
        queues.computeIfAbsent(socket, s -> new ArrayDeque<>()).add(buffer);
        return null;
    }

    /**
     * A read on input line {@code line}, CPU {@code cpu} (of {@code node}, -1 if unmapped) at {@code time} on a datagram socket returning {@code ret} (-1 for an
     * error) with {@code flags}: the buffer it dequeued, for the importer to turn into a Consume; or,
     * when the socket's FIFO is empty, a {@link PerfScriptImporter.PendingRead} that waits for the
     * socket's next {@code sk_data_ready} ({@link #dataReady}) until the importer gives it up
     * ({@link #unjoined}); or null (nothing dequeued, counted here).
     */
    PerfScriptImporter.Dequeued read(long socket, long ret, long flags, long line, long time, int cpu, int node) {
        if (ret < 0 || flags >= 0 && (flags & MSG_ERRQUEUE) != 0) {
            failedReads++;
            return null;
        }
        if (flags >= 0 && (flags & MSG_PEEK) != 0) {
            peeks++;
            return null;
        }
        reads++;
        ArrayDeque<PerfScriptImporter.Live> queue = queues.get(socket);
        PerfScriptImporter.Live buffer = queue == null ? null : queue.poll();
        if (buffer == null) {
            PerfScriptImporter.PendingRead pending = new PerfScriptImporter.PendingRead(socket, line, time, cpu, node, ret);
            pendingReads.computeIfAbsent(socket, s -> new ArrayDeque<>()).add(pending);
            return pending;
        }
        if (queue.isEmpty()) {
            queues.remove(socket);
        }
        buffer.queued = false;
        if (buffer.copied) {
            readsAfterCopy++;
            return null;
        }
        return buffer;
    }

    void joined() {
        joinedReads++;
    }

    /** A pending read's wait ended with no datagram for it: it is unjoined. */
    void unjoined(PerfScriptImporter.PendingRead read) {
        ArrayDeque<PerfScriptImporter.PendingRead> waitingReads = pendingReads.get(read.socket);
        if (waitingReads != null && waitingReads.remove(read) && waitingReads.isEmpty()) {
            pendingReads.remove(read.socket);
        }
        if (read.node >= 0) {
            unjoinedReads++;
        }
    }

    void lateRead() {
        lateReads++;
    }

    Counts counts() {
        long unread = 0;
        for (ArrayDeque<PerfScriptImporter.Live> q : queues.values()) {
            unread += q.size();
        }
        return new Counts(dataReady, unjoinedDataReady, reads, joinedReads, unjoinedReads, readsAfterCopy, lateReads, peeks, failedReads, unread);
    }
}
