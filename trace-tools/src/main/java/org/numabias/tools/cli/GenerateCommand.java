package org.numabias.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.numabias.api.ConfigurationException;
import org.numabias.api.trace.TraceSource;
import org.numabias.datasets.GeneratedTrace;
import org.numabias.datasets.Scenarios;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.runtime.csv.CsvTraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code numabias generate}: writes a synthetic scenario's trace. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a scenario's trace (deterministic from --seed). `numabias datasets list` names the scenarios.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario name, e.g. static-skew.")
    String scenario;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "TRACE",
            description = "A trace directory to create, or a file ending in .csv.")
    Path output;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--param", paramLabel = "K=V", description = "A scenario parameter (repeatable); see `datasets describe`.")
    List<String> params = List.of();

    @Override
    public Integer call() throws IOException {
        Map<String, String> given = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException("--param needs K=V, got '" + p + "'");
            }
            given.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        GeneratedTrace trace = Scenarios.byName(scenario).generate(seed, given);
        long events = write(trace, output);
        spec.commandLine().getOut().printf("generated %s: %d events into %s (%s)%n", trace.description(),
                events, output, trace.header().topology().describe());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * Streams a trace into CSV (a {@code .csv} path, never overwriting) or a new trace directory.
     *
     * @return the number of events written
     */
    static long write(TraceSource trace, Path output) throws IOException {
        if (output.getFileName().toString().endsWith(".csv")) {
            long[] events = new long[1];
            AtomicFile.write(output, false, w -> events[0] = CsvTraceWriter.copy(trace, w));
            return events[0];
        } else {
            return ChronicleTraceWriter.copy(trace, trace.header(), output);
        }
    }
}
