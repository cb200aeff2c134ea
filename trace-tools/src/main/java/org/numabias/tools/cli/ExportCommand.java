package org.numabias.tools.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.csv.CsvTraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code numabias export}: writes a trace as CSV. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a trace as CSV (DESIGN.md's format).")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "A trace directory or CSV file.")
    Path trace;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.csv", description = "The CSV file to write, or - for stdout.")
    String output;

    @Option(names = "--force", description = "Overwrite OUT.csv if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        long events = 0;
        boolean toStdout = output.equals("-");
        try (TraceSource source = TraceInputs.open(trace);
             Writer writer = toStdout ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                     : Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8, force
                     ? new StandardOpenOption[]{StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE}
                     : new StandardOpenOption[]{StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE})) {
            events = CsvTraceWriter.copy(source, writer);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IOException(output + " exists; use --force to overwrite it");
        }
        if (!toStdout) {
            spec.commandLine().getOut().printf("exported %d events to %s%n", events, output);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
