package org.numabias.tools.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.numabias.api.ConfigurationException;
import org.numabias.runtime.store.ChronicleTraceSource;
import org.numabias.tools.catalog.Catalog;
import org.numabias.tools.catalog.Dataset;

/**
 * What {@code compare} was given, as a list of named traces to replay: trace directories, CSV files,
 * folders holding traces (each trace directory and {@code .csv} file inside, sorted by name), and
 * catalog dataset names, a scenario once per seed of {@code --seeds}.
 */
final class CompareInputs {
    /** One trace to replay, opened when needed and closed after. */
    interface Input {
        /** The name in tables and reports. */
        String name();

        /** Opens the trace; the caller closes it. */
        Dataset.Opened open();
    }

    private CompareInputs() {
    }

    /**
     * The inputs named by {@code args}.
     *
     * @param seeds seeds for scenarios (empty: seed 1); a recorded dataset or a file ignores them
     * @throws ConfigurationException when an argument is neither a file, a folder nor a dataset name
     */
    static List<Input> expand(List<String> args, List<Long> seeds) {
        List<Input> inputs = new ArrayList<>();
        for (String arg : args) {
            Path path = Path.of(arg);
            if (Files.isRegularFile(path) || ChronicleTraceSource.isTraceDir(path)) {
                inputs.add(file(path, arg));
            } else if (Files.isDirectory(path)) {
                List<Path> children = children(path);
                if (children.isEmpty()) {
                    throw new ConfigurationException(path + ": a folder with no trace directory and no .csv file in it");
                }
                children.forEach(c -> inputs.add(file(c, c.getFileName().toString())));
            } else {
                Dataset dataset = datasetOrExplain(arg);
                boolean scenario = dataset.kind().equals("scenario");
                for (long seed : scenario && !seeds.isEmpty() ? seeds : List.of(1L)) {
                    String name = scenario && seeds.size() > 1 ? arg + "@seed" + seed : arg;
                    inputs.add(new Input() {
                        @Override
                        public String name() {
                            return name;
                        }

                        @Override
                        public Dataset.Opened open() {
                            return dataset.open(seed);
                        }
                    });
                }
            }
        }
        return inputs;
    }

    /** Parses {@code --seeds}: "1..10", "1,2,5" or a mix, in order. */
    static List<Long> seeds(String spec) {
        List<Long> seeds = new ArrayList<>();
        if (spec == null) {
            return seeds;
        }
        for (String part : spec.split(",")) {
            String p = part.strip();
            try {
                int dots = p.indexOf("..");
                if (dots > 0) {
                    long from = Long.parseLong(p.substring(0, dots));
                    long to = Long.parseLong(p.substring(dots + 2));
                    if (to < from || to - from >= 10_000) {
                        throw new ConfigurationException("--seeds " + spec + ": range " + p
                                + " must go up and hold at most 10000 seeds");
                    }
                    for (long s = from; s <= to; s++) {
                        seeds.add(s);
                    }
                } else {
                    seeds.add(Long.parseLong(p));
                }
            } catch (NumberFormatException e) {
                throw new ConfigurationException("--seeds " + spec + ": '" + p + "' is not a seed (N) or a range (N..M)");
            }
        }
        return seeds;
    }

    private static Dataset datasetOrExplain(String arg) {
        try {
            return Catalog.byName(arg);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(arg + ": no such trace file or folder, and " + e.getMessage());
        }
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> ChronicleTraceSource.isTraceDir(p)
                    || Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list the folder", e);
        }
    }

    private static Input file(Path path, String name) {
        return new Input() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Dataset.Opened open() {
                return Dataset.Opened.of(TraceInputs.open(path), () -> {
                    // the file stays
                });
            }
        };
    }
}
