package org.numabias.runtime.csv;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceSource;
import org.numabias.api.trace.TraceHeader;

/**
 * Writes events in DESIGN.md's CSV format: provenance as comments, {@code # nodes=N}, the header
 * line, one row per event. Flows of 32 bits are written in hex; unknown values as -1 on A rows;
 * fields a row type does not use are left empty. Reading the output back gives the same events
 * (except {@code allocNode}, which CSV does not carry).
 */
public final class CsvTraceWriter {
    private final Writer out;

    /** Writes the preamble (comments and header line) for {@code header}. */
    public CsvTraceWriter(Writer out, TraceHeader header) throws IOException {
        this.out = out;
        out.write("# numabias trace, format version " + header.formatVersion() + "\n");
        for (Map.Entry<String, String> e : header.provenance().entrySet()) {
            out.write("# provenance " + e.getKey() + ": " + e.getValue().replace('\n', ' ') + "\n");
        }
        for (int d = 0; d < header.deviceNames().size(); d++) {
            out.write("# device " + d + ": " + header.deviceNames().get(d) + "\n");
        }
        out.write("# topology: " + header.topology().describe() + "\n");
        out.write("# nodes=" + header.topology().nodes() + "\n");
        out.write(CsvTraceSource.HEADER + "\n");
    }

    /**
     * Writes {@code source} (preamble and every event) to {@code out}.
     *
     * @return the number of events written
     */
    public static long copy(TraceSource source, Writer out) throws IOException {
        CsvTraceWriter csv = new CsvTraceWriter(out, source.header());
        long events = 0;
        try (TraceCursor cursor = source.open()) {
            while (cursor.hasNext()) {
                csv.write(cursor.next());
                events++;
            }
        }
        return events;
    }

    /** Writes one row. */
    public void write(TraceEvent event) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        switch (event) {
            case TraceEvent.Alloc a -> sb.append("A,").append(a.timeNs()).append(',').append(a.bufferId()).append(',')
                    .append(a.device()).append(',').append(a.queue()).append(',').append(flow(a.flow())).append(',')
                    .append(a.cpu()).append(',').append(a.node()).append(',').append(a.bytes());
            case TraceEvent.Consume c -> sb.append("C,").append(c.timeNs()).append(',').append(c.bufferId())
                    .append(",,,,").append(c.cpu()).append(',').append(c.node()).append(',').append(c.bytes());
            case TraceEvent.Free f -> sb.append("F,").append(f.timeNs()).append(',').append(f.bufferId()).append(",,,,,,");
        }
        out.write(sb.append('\n').toString());
    }

    private static String flow(long flow) {
        return flow >= 0 && flow <= 0xFFFF_FFFFL ? String.format("0x%08x", flow) : Long.toString(flow);
    }
}
