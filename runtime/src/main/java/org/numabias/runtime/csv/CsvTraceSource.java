package org.numabias.runtime.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.numabias.api.Topology;
import org.numabias.api.trace.PullCursor;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;

/**
 * A CSV trace file (DESIGN.md, "CSV trace format"). {@link #open(Path)} validates the whole file in
 * one streaming pass (so errors come before any replay, naming file, line and field) and learns
 * the node count from {@code # nodes=N} or the largest node; each cursor parses the file again.
 * Memory does not grow with the file's length.
 */
public final class CsvTraceSource implements TraceSource {
    /** The exact header line. */
    public static final String HEADER = "type,time_ns,buffer,device,queue,flow,cpu,node,bytes";

    private final Path file;
    private final TraceHeader header;

    private CsvTraceSource(Path file, TraceHeader header) {
        this.file = file;
        this.header = header;
    }

    /**
     * Validates {@code file} and returns a source for it.
     *
     * @throws TraceFormatException for the first problem, as {@code file:line: field 'x': ...}
     * @throws UncheckedIOException if the file cannot be read
     */
    public static CsvTraceSource open(Path file) {
        CsvRowParser parser = new CsvRowParser(file.toString(), -1);
        try (LineReader in = reader(file)) {
            while (parser.next(in) != null) {
                // validates every row
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        int nodes = parser.declaredNodes();
        if (nodes < 0) {
            nodes = Math.max(1, parser.maxNode() + 1);
        } else if (parser.maxNode() >= nodes) {
            throw new TraceFormatException(file + ":" + parser.firstLineWithNodeAtLeast(nodes) + ": field 'node': node "
                    + parser.maxNode() + " is not below nodes=" + nodes + " (declared on line "
                    + parser.nodesCommentLine() + ")");
        }
        if (!parser.sawHeader()) {
            throw new TraceFormatException(file + ":1: missing header line '" + HEADER + "'");
        }
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("format", "csv");
        provenance.put("source", file.toAbsolutePath().toString());
        provenance.put("readAt", Instant.now().toString());
        provenance.put("nodesFrom", parser.declaredNodes() >= 0 ? "# nodes comment" : "1 + largest node");
        TraceHeader header = TraceHeader.of(Topology.uniform(nodes, "csv"), List.of(), provenance, Map.of());
        return new CsvTraceSource(file, header);
    }

    private static LineReader reader(Path file) throws IOException {
        return new LineReader(Files.newInputStream(file), file.toString(), CsvRowParser.MAX_LINE_BYTES);
    }

    @Override
    public TraceHeader header() {
        return header;
    }

    @Override
    public String description() {
        return file.toString();
    }

    @Override
    public TraceCursor open() {
        LineReader in;
        try {
            in = reader(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        CsvRowParser parser = new CsvRowParser(file.toString(), header.topology().nodes());
        return new PullCursor() {
            @Override
            protected TraceEvent fetch() {
                try {
                    return parser.next(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                try {
                    in.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
