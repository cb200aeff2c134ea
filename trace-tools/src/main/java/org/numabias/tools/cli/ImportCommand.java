package org.numabias.tools.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.numabias.api.Version;
import org.numabias.api.trace.TraceHeader;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.tools.csv.CsvTraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code numabias import}: converts a CSV trace into a self-describing trace directory. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a trace file into a trace directory (Chronicle Queue, with a self-describing header).")
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The file to import.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "TRACE_DIR",
            description = "The trace directory to create (must not exist or be empty).")
    Path output;

    @Option(names = "--format", defaultValue = "csv", description = "Input format: csv (default: ${DEFAULT-VALUE}).")
    Format format;

    /** Input formats. */
    enum Format { csv }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CsvTraceSource source = CsvTraceSource.open(input);
        TraceHeader header = source.header()
                .withProvenance("tool", "numabias import --format csv")
                .withProvenance("frameworkVersion", Version.FRAMEWORK)
                .withProvenance("importedAt", Instant.now().toString());
        long events = ChronicleTraceWriter.copy(source, header, output);
        out.printf("imported %d events from %s into %s (%s)%n", events, input, output, header.topology().describe());
        out.flush();
        return 0;
    }
}
