package org.numabias.sweeps;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.numabias.api.ConfigurationException;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;
import org.numabias.datasets.RecordedTrace;
import org.numabias.datasets.Scenario;
import org.numabias.datasets.Scenarios;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.runtime.trace.Traces;

/**
 * One trace of a sweep, as a value that can be shipped to another machine and opened there: a trace
 * directory or CSV file ({@code path}), one on a Hadoop file system ({@code uri}: {@code file://},
 * {@code hdfs://}, {@code s3a://}; staged to local disk where it is opened, see {@link StagedTrace}), a generated scenario with seed and parameters
 * ({@code scenario}), or a bundled recording of the datasets catalog ({@code recorded}, imported from
 * its perf text when opened, which needs trace-tools on the class path, as the CLI has it).
 *
 * @param id       the trace's identity in results: the absolute path, the URI, {@code scenario:NAME:seed=S[:k=v,...]}
 *                 or {@code catalog:NAME}
 * @param kind     {@code path}, {@code uri}, {@code scenario} or {@code recorded}
 * @param location the path, the URI, the scenario name or the recording's name
 * @param seed     the scenario seed, null for the others
 * @param params   scenario parameters (empty for the others)
 */
public record TraceRef(String id, String kind, String location, Long seed, Map<String, String> params)
        implements Serializable {
    public TraceRef {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A trace directory or CSV file. */
    public static TraceRef path(Path path) {
        String p = path.toAbsolutePath().normalize().toString();
        return new TraceRef(p, "path", p, null, Map.of());
    }

    /** A scenario trace. */
    public static TraceRef scenario(String name, long seed, Map<String, String> params) {
        StringBuilder id = new StringBuilder("scenario:").append(name).append(":seed=").append(seed);
        params.forEach((k, v) -> id.append(':').append(k).append('=').append(v));
        return new TraceRef(id.toString(), "scenario", name, seed, params);
    }

    /** Expands the experiment's trace entries, paths relative to {@code base}, in order; a trace named twice is an error. */
    public static List<TraceRef> expand(Experiment experiment, Path base, String file) {
        List<TraceRef> refs = new ArrayList<>();
        List<Experiment.TraceEntry> entries = experiment.traces();
        for (int i = 0; i < entries.size(); i++) {
            Experiment.TraceEntry t = entries.get(i);
            String f = file + ": traces[" + i + "]";
            List<Long> seeds = t.seeds() == null ? List.of(1L) : t.seeds();
            if (t.path() != null && StagedTrace.isUri(t.path())) {
                StagedTrace.requireExists(t.path(), f + ".path");
                refs.add(new TraceRef(t.path(), "uri", t.path(), null, Map.of()));
            } else if (t.path() != null) {
                Path p = base.resolve(t.path());
                if (!Files.exists(p)) {
                    throw new ConfigurationException(f + ".path: " + p + ": no such trace directory or CSV file");
                }
                refs.add(path(p));
            } else if (t.glob() != null) {
                List<Path> found = glob(base, t.glob(), f);
                if (found.isEmpty()) {
                    throw new ConfigurationException(f + ".glob: '" + t.glob() + "' matches no trace directory or .csv file under " + base);
                }
                found.forEach(p -> refs.add(path(p)));
            } else if (t.scenario() != null) {
                scenarioOrError(t.scenario(), f + ".scenario");
                Map<String, String> params = t.params() == null ? Map.of() : t.params();
                for (long seed : seeds) {
                    refs.add(scenario(t.scenario(), seed, params));
                }
            } else {
                String name = t.catalog();
                if (Scenarios.all().stream().anyMatch(s -> s.name().equals(name))) {
                    for (long seed : seeds) {
                        refs.add(scenario(name, seed, Map.of()));
                    }
                } else if (RecordedTrace.all().stream().anyMatch(r -> r.name().equals(name))) {
                    if (t.seeds() != null) {
                        throw new ConfigurationException(f + ".seeds: '" + name + "' is a recorded trace; seeds only apply to scenarios");
                    }
                    refs.add(new TraceRef("catalog:" + name, "recorded", name, null, Map.of()));
                } else {
                    List<String> known = new ArrayList<>(Scenarios.all().stream().map(Scenario::name).toList());
                    RecordedTrace.all().forEach(r -> known.add(r.name()));
                    throw new ConfigurationException(f + ".catalog: unknown dataset '" + name + "'; known: " + String.join(", ", known));
                }
            }
        }
        List<String> ids = refs.stream().map(TraceRef::id).toList();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.indexOf(ids.get(i)) != i) {
                throw new ConfigurationException(file + ": traces: " + ids.get(i) + " is named twice");
            }
        }
        return refs;
    }

    private static Scenario scenarioOrError(String name, String field) {
        try {
            return Scenarios.byName(name);
        } catch (RuntimeException e) {
            throw new ConfigurationException(field + ": " + e.getMessage());
        }
    }

    private static List<Path> glob(Path base, String pattern, String field) {
        Path root = base.toAbsolutePath().normalize();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> walk = Files.walk(root, 8)) {
            return walk.filter(p -> matcher.matches(root.relativize(p)))
                    .filter(p -> ChronicleTraceSource.isTraceDir(p) || (Files.isRegularFile(p) && p.toString().endsWith(".csv")))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigurationException(field + ".glob: cannot list " + root + ": " + e.getMessage());
        }
    }

    /** Opens the trace (generating or importing it if needed); the caller closes it. */
    public TraceSource open() {
        return switch (kind) {
            case "path" -> Traces.open(Path.of(location));
            case "uri" -> StagedTrace.open(location);
            case "scenario" -> scenarioOrError(location, id).generate(seed, params);
            case "recorded" -> openRecorded();
            default -> throw new IllegalStateException("unknown trace kind " + kind);
        };
    }

    private TraceSource openRecorded() {
        org.numabias.tools.catalog.Dataset.Opened opened;
        try {
            opened = org.numabias.tools.catalog.Catalog.byName(location).open(0);
        } catch (NoClassDefFoundError e) {
            throw new ConfigurationException(id + ": recorded catalog traces are imported by trace-tools, which is not on "
                    + "the class path; add its jar (spark-submit --jars) or import the trace and give its path");
        }
        return closingWith(opened.source(), opened::close); // the import's temporary folder too
    }

    /** {@code source}, whose {@code close} runs {@code close} instead (which must close the source too). */
    static TraceSource closingWith(TraceSource source, Runnable close) {
        return new TraceSource() {
            @Override
            public TraceHeader header() {
                return source.header();
            }

            @Override
            public TraceCursor open() {
                return source.open();
            }

            @Override
            public String description() {
                return source.description();
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }
}
