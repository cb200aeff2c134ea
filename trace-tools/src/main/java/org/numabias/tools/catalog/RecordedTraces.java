package org.numabias.tools.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.numabias.datasets.RecordedTrace;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.kernel.perf.PerfImport;
import org.numabias.runtime.store.TempFiles;
import org.numabias.runtime.topology.TopologySources;

/** The bundled real traces as catalog datasets: imported from their perf script text on demand. */
final class RecordedTraces {
    private RecordedTraces() {
    }

    static List<Dataset> all() {
        return RecordedTrace.all().stream().map(RecordedTraces::dataset).toList();
    }

    private static Dataset dataset(RecordedTrace trace) {
        return new Dataset() {
            @Override
            public String name() {
                return trace.name();
            }

            @Override
            public String kind() {
                return "recorded";
            }

            @Override
            public String summary() {
                return trace.summary();
            }

            @Override
            public String documentation() {
                StringBuilder sb = new StringBuilder(trace.summary()).append(".\n\nRecorded with `numabias record` on a ")
                        .append("loopback workload; imported with the projection ").append(trace.topologySpec())
                        .append(" (node = CPU: a model of a multi-node machine, not this hardware).\n")
                        .append("Re-record with datasets/recordings/record-fixtures.sh.\n\nProvenance:\n");
                trace.provenance().forEach((k, v) -> sb.append(String.format("  %-11s %s%n", k, v)));
                return sb.toString();
            }

            @Override
            public Opened open(long seed) {
                Path dir;
                try {
                    dir = Files.createTempDirectory("numabias-" + trace.name());
                    Path text = dir.resolve(trace.name() + ".perf.txt");
                    try (InputStream in = trace.perfScript()) {
                        Files.copy(in, text, StandardCopyOption.REPLACE_EXISTING);
                    }
                    PerfImport.run(text, dir.resolve("trace"), TopologySources.parse(trace.topologySpec()),
                            trace.topologySpec(), false, Map.of("bundledTrace", trace.name()), ProgressListener.NONE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return Opened.of(ChronicleTraceSource.open(dir.resolve("trace")), () -> deleteTree(dir));
            }
        };
    }

    private static void deleteTree(Path dir) {
        try {
            TempFiles.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove temporary folder " + dir, e);
        }
    }
}
