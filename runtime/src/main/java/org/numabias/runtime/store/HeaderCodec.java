package org.numabias.runtime.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.bytes.Bytes;
import org.numabias.api.ConfigurationException;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceHeader;

/**
 * Binary layout of a {@link TraceHeader} inside an excerpt (little-endian). The format version
 * comes first so that a reader can refuse a newer trace before it parses anything else. Format 2
 * writes strings as an int byte count and UTF-8; format 1 (read only) used Chronicle's stop-bit
 * strings. Every count read from a file is checked against the limits ({@link Topology#MAX_NODES},
 * {@link Topology#MAX_CPUS}, {@link TraceHeader#MAX_ENTRIES}) and against the bytes left before
 * anything of that size is allocated, so a damaged header is refused, never an out-of-memory error.
 */
final class HeaderCodec {
    private HeaderCodec() {
    }

    /** The header in the current format's layout. */
    static byte[] encode(TraceHeader header) {
        ByteBuffer out = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        out = putInt(out, header.formatVersion());
        Topology t = header.topology();
        out = putInt(out, t.nodes());
        int[] cpus = t.cpuToNode();
        out = putInt(out, cpus.length);
        for (int node : cpus) {
            out = putInt(out, node);
        }
        for (int a = 0; a < t.nodes(); a++) {
            for (int b = 0; b < t.nodes(); b++) {
                out = putInt(out, t.distance(a, b));
            }
        }
        out = putString(out, t.source());
        out = putInt(out, t.projected() ? 1 : 0);
        out = putInt(out, header.deviceNames().size());
        for (String name : header.deviceNames()) {
            out = putString(out, name);
        }
        out = putInt(out, header.provenance().size());
        for (Map.Entry<String, String> e : header.provenance().entrySet()) {
            out = putString(putString(out, e.getKey()), e.getValue());
        }
        out = putInt(out, header.counts().size());
        for (Map.Entry<String, Long> e : header.counts().entrySet()) {
            out = putString(out, e.getKey());
            out = ensure(out, 8).putLong(e.getValue());
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    private static ByteBuffer ensure(ByteBuffer out, int more) {
        if (out.remaining() >= more) {
            return out;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more)).order(ByteOrder.LITTLE_ENDIAN);
        return bigger.put(out.flip());
    }

    private static ByteBuffer putInt(ByteBuffer out, int v) {
        return ensure(out, 4).putInt(v);
    }

    private static ByteBuffer putString(ByteBuffer out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return ensure(putInt(out, utf8.length), utf8.length).put(utf8);
    }

    /** The format version a header payload starts with (0 if it is too short to have one). */
    static int version(ByteBuffer in) {
        return in.remaining() < 4 ? 0 : in.order(ByteOrder.LITTLE_ENDIAN).getInt(in.position());
    }

    /**
     * Reads a header from {@code in} (positioned at its first byte, little-endian).
     *
     * @param where the file, for messages
     * @throws TraceFormatException if it is damaged, beyond a limit, or of an unsupported version
     */
    static TraceHeader decode(ByteBuffer in, String where) {
        in.order(ByteOrder.LITTLE_ENDIAN);
        try {
            int version = in.getInt();
            if (version > TraceHeader.CURRENT_FORMAT || version < 1) {
                throw new TraceFormatException(where + ": trace format version " + version
                        + " is not supported; this numabias reads versions 1.." + TraceHeader.CURRENT_FORMAT
                        + " (upgrade numabias to read it, or the header is damaged)");
            }
            return version == 1 ? decodeV1(in, where) : decodeV2(in, version, where);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalStateException e) {
            throw new TraceFormatException(where + ": trace header is damaged (shorter than its fields)");
        } catch (ConfigurationException e) {
            throw new TraceFormatException(where + ": trace header is damaged: " + e.getMessage());
        }
    }

    private static TraceHeader decodeV2(ByteBuffer in, int version, String where) {
        int nodes = in.getInt();
        Topology.checkNodes(nodes);
        int[] cpus = new int[count(in.getInt(), Topology.MAX_CPUS, in.remaining() / 4, "cpus", where)];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = in.getInt();
        }
        count((long) nodes * nodes, Long.MAX_VALUE, in.remaining() / 4, "distances", where);
        int[][] distances = new int[nodes][nodes];
        for (int a = 0; a < nodes; a++) {
            for (int b = 0; b < nodes; b++) {
                distances[a][b] = in.getInt();
            }
        }
        String source = string(in, where);
        int projected = in.getInt();
        if (projected != 0 && projected != 1) {
            throw new TraceFormatException(where + ": trace header is damaged: projected flag " + projected);
        }
        Topology topology = new Topology(nodes, cpus, distances, source, projected == 1);
        List<String> devices = new ArrayList<>();
        for (int i = count(in.getInt(), TraceHeader.MAX_ENTRIES, in.remaining() / 4, "devices", where); i > 0; i--) {
            devices.add(string(in, where));
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        for (int i = count(in.getInt(), TraceHeader.MAX_ENTRIES, in.remaining() / 8, "provenance entries", where); i > 0; i--) {
            provenance.put(string(in, where), string(in, where));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = count(in.getInt(), TraceHeader.MAX_ENTRIES, in.remaining() / 12, "counts", where); i > 0; i--) {
            counts.put(string(in, where), in.getLong());
        }
        return new TraceHeader(version, topology, devices, provenance, counts);
    }

    private static int count(long n, long limit, long fit, String what, String where) {
        if (n < 0 || n > limit || n > fit) {
            throw new TraceFormatException(where + ": trace header is damaged: " + n + " " + what
                    + (n > limit ? " exceed the limit of " + limit : " do not fit in the header's remaining bytes"));
        }
        return (int) n;
    }

    private static String string(ByteBuffer in, String where) {
        int length = count(in.getInt(), TraceHeader.MAX_TEXT_BYTES, in.remaining(), "string bytes", where);
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new TraceFormatException(where + ": trace header is damaged: a string is not UTF-8");
        }
    }

    /** Format 1: Chronicle stop-bit strings, read from a heap copy (no memory-mapped access). */
    private static TraceHeader decodeV1(ByteBuffer in, String where) {
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        Bytes<byte[]> b = Bytes.wrapForRead(rest);
        try {
            int nodes = b.readInt();
            Topology.checkNodes(nodes);
            int[] cpus = new int[count(b.readInt(), Topology.MAX_CPUS, b.readRemaining() / 4, "cpus", where)];
            for (int i = 0; i < cpus.length; i++) {
                cpus[i] = b.readInt();
            }
            count((long) nodes * nodes, Long.MAX_VALUE, b.readRemaining() / 4, "distances", where);
            int[][] distances = new int[nodes][nodes];
            for (int a = 0; a < nodes; a++) {
                for (int b2 = 0; b2 < nodes; b2++) {
                    distances[a][b2] = b.readInt();
                }
            }
            Topology topology = new Topology(nodes, cpus, distances, v1String(b, where), b.readBoolean());
            List<String> devices = new ArrayList<>();
            for (int i = count(b.readInt(), TraceHeader.MAX_ENTRIES, b.readRemaining(), "devices", where); i > 0; i--) {
                devices.add(v1String(b, where));
            }
            Map<String, String> provenance = new LinkedHashMap<>();
            for (int i = count(b.readInt(), TraceHeader.MAX_ENTRIES, b.readRemaining() / 2, "provenance entries", where);
                 i > 0; i--) {
                provenance.put(v1String(b, where), v1String(b, where));
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int i = count(b.readInt(), TraceHeader.MAX_ENTRIES, b.readRemaining() / 9, "counts", where); i > 0; i--) {
                counts.put(v1String(b, where), b.readLong());
            }
            return new TraceHeader(1, topology, devices, provenance, counts);
        } catch (TraceFormatException | ConfigurationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TraceFormatException(where + ": trace header is damaged (format 1): " + e.getClass().getSimpleName());
        }
    }

    private static String v1String(Bytes<byte[]> b, String where) {
        long start = b.readPosition();
        long length = b.readStopBit();
        count(length, TraceHeader.MAX_TEXT_BYTES, b.readRemaining(), "string bytes", where);
        b.readPosition(start);
        String s = b.readUtf8();
        if (s == null) {
            throw new TraceFormatException(where + ": trace header is damaged: a null string");
        }
        return s;
    }
}
