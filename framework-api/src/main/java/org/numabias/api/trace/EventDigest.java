package org.numabias.api.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The events digest of a trace (DESIGN.md, {@code eventsSha256}): SHA-256 of each event's canonical
 * encoding in trace order: a type byte ({@code 'A'}, {@code 'C'}, {@code 'F'}), then the event's fields
 * big-endian (Alloc: time, buffer, device, queue, flow, cpu, node, bytes; Consume: time, buffer, cpu,
 * node, bytes; Free: time, buffer). The same for a CSV file and its import: the store's
 * {@code allocNode} column is not part of it. Records are written into a byte array by hand and fed to
 * the digest 8 KiB at a time: a heap {@code ByteBuffer} costs a check per field on this hot path.
 * Allocation-free per event. Not thread-safe.
 */
public final class EventDigest {
    private static final int BUFFER = 8192;
    private static final int MAX_RECORD = 64;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final MessageDigest digest;
    private final byte[] block = new byte[BUFFER];
    private int length;

    /** An empty digest. */
    public EventDigest() {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Adds {@code event}. */
    public void add(TraceEvent event) {
        switch (event) {
            case TraceEvent.Alloc a -> alloc(a.timeNs(), a.bufferId(), a.device(), a.queue(), a.flow(), a.cpu(), a.node(),
                    a.bytes());
            case TraceEvent.Consume c -> consume(c.timeNs(), c.bufferId(), c.cpu(), c.node(), c.bytes());
            case TraceEvent.Free f -> free(f.timeNs(), f.bufferId());
        }
    }

    /** Adds an Alloc given by its fields. */
    public void alloc(long timeNs, long bufferId, int device, int queue, long flow, int cpu, int node, long bytes) {
        int p = recordStart((byte) 'A');
        LONG.set(block, p, timeNs);
        LONG.set(block, p + 8, bufferId);
        INT.set(block, p + 16, device);
        INT.set(block, p + 20, queue);
        LONG.set(block, p + 24, flow);
        INT.set(block, p + 32, cpu);
        INT.set(block, p + 36, node);
        LONG.set(block, p + 40, bytes);
        length = p + 48;
    }

    /** Adds a Consume given by its fields. */
    public void consume(long timeNs, long bufferId, int cpu, int node, long bytes) {
        int p = recordStart((byte) 'C');
        LONG.set(block, p, timeNs);
        LONG.set(block, p + 8, bufferId);
        INT.set(block, p + 16, cpu);
        INT.set(block, p + 20, node);
        LONG.set(block, p + 24, bytes);
        length = p + 32;
    }

    /** Adds a Free given by its fields. */
    public void free(long timeNs, long bufferId) {
        int p = recordStart((byte) 'F');
        LONG.set(block, p, timeNs);
        LONG.set(block, p + 8, bufferId);
        length = p + 16;
    }

    /** Writes the record's type byte (after flushing a full block) and returns where its fields go. */
    private int recordStart(byte type) {
        if (length > BUFFER - MAX_RECORD) {
            flush();
        }
        block[length] = type;
        return length + 1;
    }

    private void flush() {
        digest.update(block, 0, length);
        length = 0;
    }

    /** The digest of every event added, as 64 lower-case hex digits; the digest starts over empty. */
    public String hex() {
        flush();
        return HexFormat.of().formatHex(digest.digest());
    }
}
