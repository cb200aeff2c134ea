package org.numabias.tools.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.numabias.api.Version;
import org.numabias.api.trace.TraceHeader;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.runtime.topology.CpuNodeMap;

/**
 * Imports a {@code perf script} text file into a new trace directory: streams it through a
 * {@link PerfScriptImporter} into a {@link ChronicleTraceWriter}, then seals the trace with the
 * final header (topology, device names, provenance, counts).
 */
public final class PerfImport {
    private PerfImport() {
    }

    /** What was imported, and the header it was sealed with. */
    public record Outcome(PerfScriptImporter.Result result, TraceHeader header) {
    }

    /**
     * @param provenance extra provenance (e.g. the recording's command line), after the standard entries
     * @param progress   told about characters read ({@code done}) out of the file size ({@code total})
     */
    public static Outcome run(Path input, Path output, CpuNodeMap nodes, String topologySpec, boolean strict,
                              Map<String, String> provenance, ProgressListener progress) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tool", "numabias import --format perf-script");
        p.put("format", "perf-script");
        p.put("source", input.toAbsolutePath().toString());
        p.put("topologySpec", topologySpec);
        p.put("frameworkVersion", Version.FRAMEWORK);
        p.put("importedAt", Instant.now().toString());
        p.put("blindSpot", "UDP datagrams copied by copy_linear_skb() (small, linear skbs) fire no "
                + "skb_copy_datagram_iovec: their reads are missing");
        p.putAll(provenance);
        TraceHeader initial = TraceHeader.of(nodes.topology(-1), List.of(), p, Map.of());
        long size;
        try {
            size = Files.size(input);
        } catch (IOException e) {
            throw new UncheckedIOException(input + ": " + e.getMessage(), e);
        }
        try (ChronicleTraceWriter writer = ChronicleTraceWriter.create(output, initial);
             BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            PerfScriptImporter importer = new PerfScriptImporter(nodes, strict, input.toString(), writer::write);
            PerfScriptImporter.Result result = importer.run(in, chars -> progress.onProgress("import", chars, size));
            TraceHeader sealed = TraceHeader.of(nodes.topology(result.maxCpu()), result.devices(), p, result.counts());
            writer.close(sealed);
            return new Outcome(result, sealed);
        } catch (IOException e) {
            throw new UncheckedIOException(input + ": " + e.getMessage(), e);
        }
    }
}
