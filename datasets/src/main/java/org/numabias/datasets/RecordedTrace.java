package org.numabias.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real trace bundled with numabias: the {@code perf script} text of a loopback workload recorded
 * with {@code numabias record}, and its provenance (workload script, kernel, perf version, machine,
 * and the topology or projection to import it with). The text is imported by trace-tools.
 */
public record RecordedTrace(String name, String summary, Map<String, String> provenance) {
    private static final String FOLDER = "/org/numabias/datasets/recorded/";

    /** Every bundled trace, from the folder's {@code index.txt}. */
    public static List<RecordedTrace> all() {
        List<RecordedTrace> traces = new ArrayList<>();
        for (String line : read("index.txt").lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            String name = line.substring(0, bar).strip();
            Properties p = new Properties();
            try (InputStream in = stream(name + ".properties")) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> provenance = new LinkedHashMap<>();
            p.stringPropertyNames().stream().sorted().forEach(k -> provenance.put(k, p.getProperty(k)));
            traces.add(new RecordedTrace(name, line.substring(bar + 1).strip(), provenance));
        }
        return traces;
    }

    /** The perf script text, as recorded. */
    public InputStream perfScript() {
        return stream(name + ".perf.txt");
    }

    /** The topology spec to import with ({@code cpu-as-node} for the bundled one-node recordings). */
    public String topologySpec() {
        return provenance.getOrDefault("topology", "cpu-as-node");
    }

    private static InputStream stream(String file) {
        InputStream in = RecordedTrace.class.getResourceAsStream(FOLDER + file);
        if (in == null) {
            throw new IllegalStateException("bundled trace file missing: " + FOLDER + file);
        }
        return in;
    }

    private static String read(String file) {
        try (InputStream in = stream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
