package org.numabias.runtime.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.bytes.Bytes;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceHeader;

/**
 * Binary layout of a {@link TraceHeader} inside an excerpt. The format version comes first so that
 * a reader can refuse a newer trace before it parses anything else.
 */
final class HeaderCodec {
    private HeaderCodec() {
    }

    static void write(Bytes<?> out, TraceHeader header) {
        out.writeInt(header.formatVersion());
        Topology t = header.topology();
        out.writeInt(t.nodes());
        int[] cpus = t.cpuToNode();
        out.writeInt(cpus.length);
        for (int node : cpus) {
            out.writeInt(node);
        }
        for (int a = 0; a < t.nodes(); a++) {
            for (int b = 0; b < t.nodes(); b++) {
                out.writeInt(t.distance(a, b));
            }
        }
        out.writeUtf8(t.source());
        out.writeBoolean(t.projected());
        out.writeInt(header.deviceNames().size());
        for (String name : header.deviceNames()) {
            out.writeUtf8(name);
        }
        out.writeInt(header.provenance().size());
        header.provenance().forEach((k, v) -> {
            out.writeUtf8(k);
            out.writeUtf8(v);
        });
        out.writeInt(header.counts().size());
        header.counts().forEach((k, v) -> {
            out.writeUtf8(k);
            out.writeLong(v);
        });
    }

    static TraceHeader read(Bytes<?> in, String where) {
        int version = in.readInt();
        if (version > TraceHeader.CURRENT_FORMAT || version < 1) {
            throw new TraceFormatException(where + ": trace format version " + version
                    + " is not supported; this numabias reads versions 1.." + TraceHeader.CURRENT_FORMAT
                    + " (upgrade numabias to read it)");
        }
        int nodes = in.readInt();
        int[] cpus = new int[in.readInt()];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = in.readInt();
        }
        int[][] distances = new int[nodes][nodes];
        for (int a = 0; a < nodes; a++) {
            for (int b = 0; b < nodes; b++) {
                distances[a][b] = in.readInt();
            }
        }
        Topology topology = new Topology(nodes, cpus, distances, in.readUtf8(), in.readBoolean());
        List<String> devices = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            devices.add(in.readUtf8());
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            provenance.put(in.readUtf8(), in.readUtf8());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            counts.put(in.readUtf8(), in.readLong());
        }
        return new TraceHeader(version, topology, devices, provenance, counts);
    }
}
