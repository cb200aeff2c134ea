package org.numabias.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.csv.CsvTraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code numabias export}: writes a trace as CSV, atomically (a failed export leaves no file). */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a trace as CSV (DESIGN.md's format).")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace directory or CSV file.")
    Path trace;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.csv",
            description = "The CSV file to write (only once complete), or - for stdout.")
    String output;

    @Option(names = "--force", description = "Overwrite OUT.csv if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        long[] events = new long[1];
        try (TraceSource source = TraceInputs.open(trace)) {
            if (output.equals("-")) {
                PrintWriter out = spec.commandLine().getOut();
                CsvTraceWriter.copy(source, out);
                out.flush();
                if (out.checkError()) {
                    throw new IOException("standard output: the CSV could not be written whole");
                }
                return 0;
            }
            AtomicFile.write(Path.of(output), force, out -> events[0] = CsvTraceWriter.copy(source, out));
        }
        spec.commandLine().getOut().printf("exported %d events to %s%n", events[0], output);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
