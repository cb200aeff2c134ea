package org.numabias.kernel.perf;

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
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceHeader;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.runtime.csv.LineReader;
import org.numabias.runtime.topology.CpuNodeMap;

/**
 * Imports a {@code perf script} text file into a new trace directory: streams it through a
 * {@link PerfScriptImporter} into a {@link ChronicleTraceWriter}, then seals the trace with the
 * final header (topology, device names, provenance, counts).
 */
public final class PerfImport {
    private PerfImport() {
    }

    /** The provenance entries that say whether a recording joined small datagrams' reads (they replace the blind spot's). */
    public static Map<String, String> datagramProvenance(PerfRecorder.Plan plan) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("datagramJoin", plan.datagramJoin() ? "on" : "off");
        p.put("blindSpot", plan.datagramJoin() ? "none known for datagram sockets: reads joined from sk_data_ready and "
                + "sock_recv_length; what could not be joined is counted as datagram:*" : BLIND_SPOT + " (" + plan.note() + ")");
        return p;
    }

    private static final String BLIND_SPOT = "UDP datagrams copied by copy_linear_skb() (small, linear skbs) fire no "
            + "skb_copy_datagram_iovec: their reads are missing";

    /** What was imported, and the header it was sealed with. */
    public record Outcome(PerfScriptImporter.Result result, TraceHeader header) {
    }

    /**
     * @param provenance extra provenance (e.g. the recording's command line), after the standard entries
     * @param progress   told about characters read ({@code done}) out of the file size ({@code total})
     */
    public static Outcome run(Path input, Path output, CpuNodeMap nodes, String topologySpec, boolean strict,
                              Map<String, String> provenance, ProgressListener progress) {
        return run(input, output, false, nodes, topologySpec, strict, provenance, progress);
    }

    /**
     * The import, written atomically (see {@link ChronicleTraceWriter}): on any failure (a bad line with
     * {@code strict}, text that is not UTF-8, an input of which every line was skipped) nothing is left
     * at {@code output} or beside it, so the command can simply be run again.
     *
     * @param force replace an existing trace at {@code output}
     * @throws TraceFormatException if every line was skipped (nothing usable: a wrong file?)
     */
    public static Outcome run(Path input, Path output, boolean force, CpuNodeMap nodes, String topologySpec, boolean strict,
                              Map<String, String> provenance, ProgressListener progress) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tool", "numabias import --format perf-script");
        p.put("format", "perf-script");
        p.put("source", input.toAbsolutePath().toString());
        p.put("topologySpec", topologySpec);
        p.put("frameworkVersion", Version.FRAMEWORK);
        p.put("importedAt", Instant.now().toString());
        p.put("blindSpot", BLIND_SPOT);
        p.putAll(provenance);
        TraceHeader initial = TraceHeader.of(nodes.topology(-1), List.of(), p, Map.of());
        long size;
        try {
            size = Files.size(input);
        } catch (IOException e) {
            throw new UncheckedIOException(input + ": " + e.getMessage(), e);
        }
        ChronicleTraceWriter writer = ChronicleTraceWriter.create(output, initial, force);
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            PerfScriptImporter importer = new PerfScriptImporter(nodes, strict, input.toString(), writer::write);
            PerfScriptImporter.Result result = importer.run(in, chars -> progress.onProgress("import", chars, size));
            if (result.allocs() + result.consumes() + result.frees() == 0 && result.skippedLines() > 0) {
                throw new TraceFormatException(input + ": every one of its " + result.skippedLines() + " non-blank lines was "
                        + "skipped, nothing to import (first: " + String.join("; ", result.firstSkips()) + ")");
            }
            if (result.datagrams().seen() && !p.containsKey("datagramJoin")) { // an import of numabias' dialect
                p.putAll(datagramProvenance(new PerfRecorder.Plan(List.of(), true, "")));
            }
            TraceHeader sealed = TraceHeader.of(nodes.topology(result.maxCpu()), result.devices(), p, result.counts());
            writer.close(sealed);
            return new Outcome(result, sealed);
        } catch (java.nio.charset.CharacterCodingException e) {
            writer.abandon();
            throw LineReader.encodingError(input);
        } catch (IOException e) {
            writer.abandon();
            throw new UncheckedIOException(input + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            writer.abandon();
            throw e.getCause() instanceof java.nio.charset.CharacterCodingException ? LineReader.encodingError(input) : e;
        } catch (org.numabias.api.ConfigurationException e) { // a CPU or node beyond the limits
            writer.abandon();
            throw new TraceFormatException(input + ": " + e.getMessage());
        } catch (RuntimeException | Error e) {
            writer.abandon();
            throw e;
        }
    }
}
