package org.numabias.sweeps;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.numabias.api.ConfigurationException;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.PredictorSpec;
import org.numabias.api.Topology;
import org.numabias.runtime.topology.DistanceFile;

/**
 * An experiment file (YAML, or JSON, which is YAML too): which traces, which predictor configurations
 * (parameter grids expanded into one configuration per combination), replay options and what the
 * summary reports. Read with {@link #read(Path)}; every error names the file and the field
 * ({@code traces[2].seeds}), and the line where Jackson knows it.
 *
 * <pre>
 * name: ewma-grid
 * traces:
 *   - path: traces/host1          # a trace directory or CSV file, relative to this file
 *   - glob: "fleet/*"             # every trace directory or .csv file matching
 *   - catalog: static-skew        # a dataset of 'numabias datasets' (scenarios take seeds)
 *     seeds: [1, 2, 3]
 *   - scenario: flow-affinity     # a scenario with parameters
 *     params: {devices: 8}
 *     seeds: [1, 2]
 * predictors:
 *   - name: ewma
 *     grid: {alpha: [0.1, 0.25, 0.5], key: [device, flow]}
 *   - name: majority
 *     params: {weight: bytes}
 * options:
 *   scoreFrom: 0.1                # as compare --score-from
 *   distances: [[10, 21], [21, 10]] # or distancesFile: dist.txt (as compare --distances)
 *   budgetNs: 10000
 *   splitDevices: 4               # split traces into up to 4 parts by device (1 = never; at most the device count)
 *   allowPartial: false           # true: replay a damaged trace's readable prefix instead of failing it
 *   allowInSample: false          # true: score trained predictors on events they were fitted on (labelled in-sample)
 *   plugins: [plugins/]           # plugin jars or folders
 * report:
 *   metrics: [localByteRatio, accuracy, regret]
 * </pre>
 *
 * @param name       the experiment's name (recorded with every result)
 * @param traces     trace entries, each expanding to one or more traces
 * @param predictors predictor entries, each expanding to one or more configurations
 * @param options    replay options (defaults when absent)
 * @param report     what the summary shows (defaults when absent)
 */
public record Experiment(String name, List<TraceEntry> traces, List<PredictorEntry> predictors, Options options,
                         Report report) {

    /** The metrics the summary shows when the experiment does not say. */
    public static final List<String> DEFAULT_METRICS = List.of("localByteRatio", "accuracy", "regret", "capturedGain",
            "kappa");

    /**
     * One {@code traces} entry: exactly one of {@code path}, {@code glob}, {@code catalog}, {@code scenario}.
     *
     * @param seeds  scenario seeds (one trace per seed); default [1]
     * @param params scenario parameters (only with {@code scenario})
     */
    public record TraceEntry(String path, String glob, String catalog, String scenario, List<Long> seeds,
                             Map<String, String> params) {
    }

    /**
     * One {@code predictors} entry: a provider name, fixed parameters and a grid (every combination of
     * the listed values, in the order written; fixed parameters first).
     */
    public record PredictorEntry(String name, Map<String, String> params, Map<String, List<String>> grid) {
    }

    /**
     * Replay options.
     *
     * @param scoreFrom    as {@code compare --score-from}: an event index or a fraction in (0,1); default 0
     * @param distances    a node distance matrix (SLIT units) instead of each trace's; null keeps the trace's
     * @param distancesFile the same as a file ({@code compare --distances}), relative to the experiment file
     * @param budgetNs     per-call time budget (default as compare)
     * @param splitDevices split a trace into up to this many parts by device, for predictors that allow it (default 1)
     * @param plugins      plugin jars or folders, relative to the experiment file
     * @param allowPartial replay the readable prefix of a damaged trace instead of failing it (default false)
     * @param allowInSample score a trained predictor on events it was fitted on, its records labelled
     *                      {@code in-sample}, instead of refusing the trace (default false: as {@code compare --allow-in-sample})
     */
    public record Options(String scoreFrom, int[][] distances, String distancesFile, Long budgetNs,
                          Integer splitDevices, List<String> plugins, Boolean allowPartial, Boolean allowInSample) {
    }

    /**
     * What the printed summary shows.
     *
     * @param metrics metric columns (mean over the traces, per configuration)
     */
    public record Report(List<String> metrics) {
    }

    /** A small topology on which every configuration is created once, so that bad values fail before the sweep. */
    private static final Topology CHECK_TOPOLOGY = Topology.uniform(2, "experiment check");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Reads and validates an experiment file (names are not yet checked against a registry: see {@link #configurations}). */
    public static Experiment read(Path file) {
        Experiment e;
        try {
            e = YAML.readValue(org.numabias.runtime.csv.LineReader.readText(file), Experiment.class);
        } catch (UnrecognizedPropertyException ex) {
            throw new ConfigurationException(file + where(ex.getLocation()) + ": " + fieldPath(ex) + ": unknown field; known here: "
                    + String.join(", ", ex.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()));
        } catch (JsonMappingException ex) {
            throw new ConfigurationException(file + where(ex.getLocation()) + ": " + fieldPath(ex) + ": "
                    + ex.getOriginalMessage().replaceAll("\\s*\\(class [^)]*\\)", "").replaceAll(" of type `[^`]*`", "")
                    .replaceAll("\\s*\\n\\s*", " "));
        } catch (JsonProcessingException ex) {
            throw new ConfigurationException(file + where(ex.getLocation()) + ": not valid YAML: " + ex.getOriginalMessage());
        }
        if (e == null) {
            throw new ConfigurationException(file + ": the experiment is empty");
        }
        e.validate(file.toString());
        return e;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " (near line " + location.getLineNr() + ")";
    }

    private static String fieldPath(JsonMappingException ex) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : ex.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(top level)" : sb.toString();
    }

    private void validate(String file) {
        require(traces != null && !traces.isEmpty(), file, "traces", "at least one trace entry is required");
        require(predictors != null && !predictors.isEmpty(), file, "predictors", "at least one predictor entry is required");
        for (int i = 0; i < traces.size(); i++) {
            TraceEntry t = traces.get(i);
            String f = "traces[" + i + "]";
            require(t != null, file, f, "empty entry");
            int kinds = (t.path() != null ? 1 : 0) + (t.glob() != null ? 1 : 0) + (t.catalog() != null ? 1 : 0)
                    + (t.scenario() != null ? 1 : 0);
            require(kinds == 1, file, f, "give exactly one of path, glob, catalog, scenario");
            boolean seeded = t.scenario() != null || t.catalog() != null;
            require(t.seeds() == null || seeded, file, f + ".seeds", "seeds only apply to scenario and catalog entries");
            require(t.params() == null || t.scenario() != null, file, f + ".params", "params only apply to scenario entries");
            if (t.seeds() != null) {
                require(!t.seeds().isEmpty(), file, f + ".seeds", "an empty list; leave it out for seed 1");
                require(t.seeds().stream().distinct().count() == t.seeds().size(), file, f + ".seeds", "a seed is repeated");
                require(t.seeds().stream().allMatch(java.util.Objects::nonNull), file, f + ".seeds", "a seed is empty");
            }
        }
        for (int i = 0; i < predictors.size(); i++) {
            PredictorEntry p = predictors.get(i);
            String f = "predictors[" + i + "]";
            require(p != null, file, f, "empty entry");
            require(p.name() != null && !p.name().isBlank(), file, f + ".name", "a predictor name is required");
            if (p.grid() != null) {
                for (var g : p.grid().entrySet()) {
                    require(g.getValue() != null && !g.getValue().isEmpty(), file, f + ".grid." + g.getKey(),
                            "give at least one value");
                    require(p.params() == null || !p.params().containsKey(g.getKey()), file, f + ".grid." + g.getKey(),
                            "also given in params; give it in one place");
                }
            }
        }
        if (options != null) {
            if (options.scoreFrom() != null) {
                try {
                    org.numabias.runtime.replay.ScoreFrom.parse(options.scoreFrom());
                } catch (RuntimeException ex) {
                    throw new ConfigurationException(file + ": options.scoreFrom: " + ex.getMessage());
                }
            }
            require(options.budgetNs() == null || options.budgetNs() > 0, file, "options.budgetNs", "must be positive");
            require(options.splitDevices() == null || options.splitDevices() >= 1, file, "options.splitDevices",
                    "must be at least 1 (1 = never split)");
            require(options.distances() == null || options.distancesFile() == null, file, "options.distancesFile",
                    "give distances or distancesFile, not both");
            if (options.distancesFile() != null) {
                Path f = Path.of(file).toAbsolutePath().getParent().resolve(options.distancesFile());
                require(Files.isRegularFile(f), file, "options.distancesFile", f + ": no such file");
            }
            if (options.distances() != null) {
                int n = options.distances().length;
                for (int r = 0; r < n; r++) {
                    require(options.distances()[r] != null && options.distances()[r].length == n, file,
                            "options.distances[" + r + "]", "the matrix must be square (" + n + " x " + n + ")");
                }
            }
        }
        if (report != null && report.metrics() != null) {
            for (int i = 0; i < report.metrics().size(); i++) {
                String m = report.metrics().get(i);
                require(CellRecord.METRICS.contains(m), file, "report.metrics[" + i + "]",
                        "unknown metric '" + m + "'; known: " + String.join(", ", CellRecord.METRICS));
            }
        }
    }

    private static void require(boolean ok, String file, String field, String why) {
        if (!ok) {
            throw new ConfigurationException(file + ": " + field + ": " + why);
        }
    }

    /**
     * Every predictor configuration, as canonical specs ({@code name:k=v,...}), in the order written:
     * entries in order, grid combinations with the last parameter varying fastest. Names and values are
     * checked against {@code registry}; duplicates are an error.
     */
    public List<String> configurations(PredictorRegistry registry, String file) {
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < predictors.size(); i++) {
            PredictorEntry p = predictors.get(i);
            String f = file + ": predictors[" + i + "]";
            PredictorRegistry.Entry entry = registry.find(p.name());
            if (entry == null) {
                throw new ConfigurationException(f + ".name: unknown predictor '" + p.name() + "'; known: "
                        + String.join(", ", registry.names()));
            }
            List<Map<String, String>> combos = new ArrayList<>();
            combos.add(p.params() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(p.params()));
            if (p.grid() != null) {
                for (var g : p.grid().entrySet()) {
                    List<Map<String, String>> next = new ArrayList<>();
                    for (Map<String, String> c : combos) {
                        for (String v : g.getValue()) {
                            Map<String, String> m = new LinkedHashMap<>(c);
                            m.put(g.getKey(), v);
                            next.add(m);
                        }
                    }
                    combos = next;
                }
            }
            for (Map<String, String> c : combos) {
                String spec = new PredictorSpec(p.name(), c).toString();
                try {
                    PredictorConfig.of(p.name(), entry.provider().parameters(), c);
                    if (!PredictorSpec.parse(spec).params().equals(c)) {
                        throw new ConfigurationException("a value with ',' or '=' cannot be written in a spec: " + c);
                    }
                    registry.create(spec, CHECK_TOPOLOGY); // the provider checks its values when it creates
                } catch (org.numabias.api.PredictorStartException ex) {
                    // a provider that fails to start is reported as faults in its results, as compare does
                } catch (ConfigurationException ex) {
                    throw new ConfigurationException(f + ": " + ex.getMessage());
                }
                if (specs.contains(spec)) {
                    throw new ConfigurationException(f + ": configuration " + spec + " appears twice");
                }
                specs.add(spec);
            }
        }
        return specs;
    }

    /** The replay options, defaults filled in; plugin paths resolved against {@code base}. */
    public SweepOptions sweepOptions(Path base) {
        Options o = options == null ? new Options(null, null, null, null, null, null, null, null) : options;
        List<String> plugins = o.plugins() == null ? List.of()
                : o.plugins().stream().map(p -> base.resolve(p).toAbsolutePath().normalize().toString()).toList();
        return new SweepOptions(o.scoreFrom() == null ? "0" : o.scoreFrom(), o.distances(),
                o.distancesFile() == null ? null : base.resolve(o.distancesFile()).toAbsolutePath().normalize().toString(),
                o.budgetNs() == null ? org.numabias.runtime.replay.ReplayEngine.DEFAULT_BUDGET_NS : o.budgetNs(),
                o.splitDevices() == null ? 1 : o.splitDevices(), plugins, Boolean.TRUE.equals(o.allowPartial()),
                Boolean.TRUE.equals(o.allowInSample()));
    }

    /** The summary's metric columns. */
    public List<String> reportMetrics() {
        return report == null || report.metrics() == null ? DEFAULT_METRICS : report.metrics();
    }

    /** The topology the metrics use: the trace's, with the options' distances if any (checked against its nodes). */
    static Topology withDistances(Topology topology, SweepOptions options, String trace) {
        if (options.distancesFile() != null) {
            return topology.withDistances(DistanceFile.read(Path.of(options.distancesFile()), topology.nodes()),
                    options.distancesFile());
        }
        int[][] distances = options.distances();
        if (distances == null) {
            return topology;
        }
        if (distances.length != topology.nodes()) {
            throw new ConfigurationException("options.distances is " + distances.length + " x " + distances.length
                    + " but " + trace + " has " + topology.nodes() + " nodes");
        }
        return topology.withDistances(distances, "experiment options.distances");
    }
}
