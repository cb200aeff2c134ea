package org.numabias.runtime.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceHeader;

/**
 * Replay reports as JSON through Jackson, and back. The shape is {@code compare --format json}'s:
 * <pre>{@code {"trace": {source, formatVersion, eventsSha256, events, state, topology, devices, provenance,
 * counts, scoreFrom, scoreFromIndex, budgetNsPerCall, frameworkVersion, window, summary[, traceTopology]},
 *  "results": [ ...PredictorResult... ]}}</pre>
 * {@code state} is the trace's {@link org.numabias.runtime.store.TraceState} (complete, incomplete or
 * damaged), derived from the provenance on reading. Numbers are written as Java writes them ({@link Double#toString}); a non-finite double is written
 * as null. {@link #read} of {@link #write}'s text gives an equal report (arrays compared by content).
 * Thread-safe.
 */
public final class ReplayJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("numabias-doubles").addSerializer(Double.class, new FiniteDoubles()));
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private ReplayJson() {
    }

    /** The mapper reports are written with (for writing other report documents the same way). */
    public static ObjectWriter writer() {
        return WRITER;
    }

    /** {@code value} (a report, or maps and lists of reports and other values) as pretty-printed JSON ending in a newline. */
    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a report as JSON: " + e.getMessage(), e);
        }
    }


    /** A report as the ordered map of its JSON ({@code trace}, {@code results}), to embed in a larger document. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> tree(ReplayReport report) {
        return MAPPER.convertValue(report, java.util.LinkedHashMap.class);
    }

    /** Reads a report {@link #write} wrote. */
    public static ReplayReport read(String json) {
        try {
            return MAPPER.readValue(json, ReplayReport.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not a numabias replay report: " + e.getOriginalMessage(), e);
        }
    }

    /** The JSON document: the trace block and the results. */
    record Document(Trace trace, List<PredictorResult> results) {
        static Document of(ReplayReport r) {
            TraceHeader h = r.header();
            return new Document(new Trace(r.trace(), h.formatVersion(), r.summary().eventsSha256(), r.summary().events(),
                    org.numabias.runtime.store.TraceState.of(h).key(), r.topology(), h.deviceNames(), h.provenance(), h.counts(), r.scoreFrom(), r.scoreFromIndex(),
                    r.budgetNsPerCall(), r.frameworkVersion(), r.window(), r.summary(),
                    h.topology().equals(r.topology()) ? null : h.topology()), r.results());
        }

        ReplayReport report() {
            Trace t = trace;
            TraceHeader header = new TraceHeader(t.formatVersion(), t.traceTopology() == null ? t.topology() : t.traceTopology(),
                    t.devices(), t.provenance(), t.counts());
            return new ReplayReport(t.source(), header, t.summary(), t.topology(), t.scoreFrom(), t.scoreFromIndex(),
                    t.budgetNsPerCall(), t.window(), t.frameworkVersion(), results);
        }
    }

    /** The trace block: provenance, then where scoring started, then the whole-trace summary. */
    @JsonPropertyOrder({"source", "formatVersion", "eventsSha256", "events", "state", "topology", "devices", "provenance", "counts",
            "scoreFrom", "scoreFromIndex", "budgetNsPerCall", "frameworkVersion", "window", "summary", "traceTopology"})
    record Trace(String source, int formatVersion, String eventsSha256, long events, String state,
                 @JsonSerialize(using = TopologyJson.Writer.class) @JsonDeserialize(using = TopologyJson.Reader.class)
                 Topology topology,
                 List<String> devices, Map<String, String> provenance, Map<String, Long> counts, String scoreFrom,
                 long scoreFromIndex, long budgetNsPerCall, String frameworkVersion, int window, TraceSummary summary,
                 @JsonInclude(JsonInclude.Include.NON_NULL)
                 @JsonSerialize(using = TopologyJson.Writer.class) @JsonDeserialize(using = TopologyJson.Reader.class)
                 Topology traceTopology) {
    }

    /** Topology as {@code {nodes, source, projected, distances, cpuToNode}}. */
    static final class TopologyJson {
        private TopologyJson() {
        }

        static final class Writer extends JsonSerializer<Topology> {
            @Override
            public void serialize(Topology t, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartObject();
                g.writeNumberField("nodes", t.nodes());
                g.writeStringField("source", t.source());
                g.writeBooleanField("projected", t.projected());
                g.writeFieldName("distances");
                p.defaultSerializeValue(t.distanceMatrix(), g);
                g.writeFieldName("cpuToNode");
                p.defaultSerializeValue(t.cpuToNode(), g);
                g.writeEndObject();
            }
        }

        static final class Reader extends JsonDeserializer<Topology> {
            @Override
            public Topology deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
                JsonNode n = parser.readValueAsTree();
                ObjectMapper m = (ObjectMapper) parser.getCodec();
                return new Topology(n.get("nodes").asInt(), m.treeToValue(n.get("cpuToNode"), int[].class),
                        m.treeToValue(n.get("distances"), int[][].class), n.get("source").asText(),
                        n.get("projected").asBoolean());
            }
        }
    }

    /** Doubles as Java writes them; NaN and infinities as null (JSON has no such numbers). */
    private static final class FiniteDoubles extends JsonSerializer<Double> {
        @Override
        public void serialize(Double d, JsonGenerator g, SerializerProvider p) throws IOException {
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeNull();
            }
        }
    }
}
