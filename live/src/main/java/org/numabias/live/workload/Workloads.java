package org.numabias.live.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.numabias.api.ConfigurationException;

/**
 * Reads workloads: a named built-in (YAML files shipped in this module), or a {@code .yaml},
 * {@code .yml} or {@code .json} file. Unknown fields, wrong types and failed checks are errors
 * naming the file and the field (and the line, for syntax errors).
 */
public final class Workloads {
    /** The built-ins, in the order {@code --list-workloads} shows them. */
    public static final List<String> BUILT_INS = List.of("cross-node", "migration", "overload", "bench");

    private Workloads() {
    }

    /** Every built-in by name, with its description. */
    public static Map<String, Workload> builtIns() {
        Map<String, Workload> out = new LinkedHashMap<>();
        for (String name : BUILT_INS) {
            out.put(name, builtIn(name));
        }
        return out;
    }

    /** A built-in by name, or a file when {@code nameOrPath} is not a built-in's name. */
    public static Workload load(String nameOrPath) {
        if (BUILT_INS.contains(nameOrPath)) {
            return builtIn(nameOrPath);
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("workload '" + nameOrPath + "' is neither a built-in (" + String.join(", ", BUILT_INS)
                    + ") nor a file");
        }
        String text = org.numabias.runtime.csv.LineReader.readText(file); // names the line of a byte that is not UTF-8
        try (InputStream in = new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return parse(in, file.toString(), nameOrPath.endsWith(".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Workload builtIn(String name) {
        try (InputStream in = Workloads.class.getResourceAsStream("/org/numabias/live/workloads/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("built-in workload " + name + " is missing from the jar");
            }
            return parse(in, "built-in workload " + name, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses and validates one workload.
     *
     * @param where for messages: the file name
     * @param json  JSON rather than YAML
     */
    public static Workload parse(InputStream in, String where, boolean json) throws IOException {
        ObjectMapper mapper = (json ? JsonMapper.builder() : YAMLMapper.builder())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // required fields: @JsonProperty(required)
                .build();
        Workload w;
        try {
            w = mapper.readValue(in, Workload.class);
        } catch (JsonMappingException e) {
            // no line number: Jackson reports record fields where the object ends, not where the field is
            String field = e.getPath().isEmpty() ? "" : " " + fieldPath(e.getPath()) + ":";
            throw new ConfigurationException(where + ":" + field + " " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new ConfigurationException(where + line + ": " + e.getOriginalMessage());
        }
        if (w == null) {
            throw new ConfigurationException(where + ": empty workload");
        }
        return w.validate(where);
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
