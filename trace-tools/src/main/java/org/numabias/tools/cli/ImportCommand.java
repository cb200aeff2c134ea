package org.numabias.tools.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.numabias.api.Version;
import org.numabias.api.trace.TraceHeader;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.runtime.csv.CsvTraceSource;
import org.numabias.kernel.perf.PerfImport;
import org.numabias.kernel.perf.PerfScriptImporter;
import org.numabias.runtime.topology.TopologySources;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code numabias import}: converts a CSV trace or perf script text into a self-describing trace directory. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a trace file into a trace directory (Chronicle Queue, with a self-describing header).",
                "perf-script: the text of `perf script` over the net:/skb: tracepoints (see `numabias record`)."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "The file to import.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "TRACE_DIR",
            description = "The trace directory to create (must not exist or be empty). It is written as "
                    + "TRACE_DIR.incomplete and renamed when complete.")
    Path output;

    @Option(names = "--force", description = "Replace an existing trace at TRACE_DIR (and an unfinished TRACE_DIR.incomplete).")
    boolean force;

    @Option(names = "--report-checkpoints", hidden = true,
            description = "Print 'checkpoint N' on stderr each time N events are safely written (for crash tests).")
    boolean reportCheckpoints;

    @Option(names = "--format", defaultValue = "csv", description = "Input format: csv or perf-script (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--topology", paramLabel = "FILE|sysfs|cpu-as-node|cpus-per-node=K",
            description = "perf-script only: CPU to node map (default: sysfs, this machine). A projection "
                    + "models a multi-node machine and is labelled as such.")
    String topology;

    @Option(names = "--strict", description = "perf-script only: fail at the first line that cannot be used.")
    boolean strict;

    /** Input formats. */
    enum Format {
        csv, perf_script;

        @Override
        public String toString() {
            return name().replace('_', '-');
        }
    }

    @Override
    public Integer call() {
        if (format == Format.perf_script) {
            return importPerf(topology == null ? "sysfs" : topology);
        }
        if (topology != null || strict) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--topology and --strict apply to --format "
                    + "perf-script only (a CSV trace gives its node count with '# nodes=N')");
        }
        PrintWriter out = spec.commandLine().getOut();
        ChronicleTraceWriter.requireNewOutput(output, force);
        CsvTraceSource source = CsvTraceSource.open(input);
        TraceHeader header = source.header()
                .withProvenance("tool", "numabias import --format csv")
                .withProvenance("frameworkVersion", Version.FRAMEWORK)
                .withProvenance("importedAt", Instant.now().toString());
        PrintWriter err = spec.commandLine().getErr();
        long events = ChronicleTraceWriter.copy(source, header, output, force, !reportCheckpoints ? n -> { } : n -> {
            err.println("checkpoint " + n);
            err.flush();
        });
        out.printf("imported %d events from %s into %s (%s)%n", events, input, output, header.topology().describe());
        out.flush();
        return 0;
    }

    private int importPerf(String topology) {
        PrintWriter out = spec.commandLine().getOut();
        var progress = TerminalProgress.forTerminal(spec.commandLine().getErr(), true);
        ChronicleTraceWriter.requireNewOutput(output, force);
        PerfImport.Outcome outcome = PerfImport.run(input, output, force, TopologySources.parse(topology), topology, strict,
                Map.of(), progress);
        report(out, outcome, output);
        return 0;
    }

    /** The import summary: counts, devices, topology (saying when it is a projection) and the first skipped lines. */
    static void report(PrintWriter out, PerfImport.Outcome outcome, Path output) {
        PerfScriptImporter.Result r = outcome.result();
        out.printf("imported %s into %s%n", outcome.header().provenance().get("source"), output);
        out.printf("  lines %d: allocs %d, consumes %d, frees %d, unmatched copies %d, skipped lines %d, other events %d%n",
                r.lines(), r.allocs(), r.consumes(), r.frees(), r.unmatchedCopies(), r.skippedLines(), r.otherEvents());
        out.printf("  devices %s%n", r.devices());
        PerfScriptImporter.Backwards back = r.backwards();
        if (back.lines() > 0) {
            out.printf("  warning: %d lines go back in time (largest step %.3f ms): their events were raised to the previous "
                    + "event's time (%d events); --strict refuses them; first: %s%n", back.lines(), back.maxNs() / 1e6,
                    r.clampedTimes(), back.first());
        }
        out.printf("  topology %s%n", outcome.header().topology().describe());
        for (String skip : r.firstSkips()) {
            out.println("  skipped " + skip);
        }
        if (r.skippedLines() > r.firstSkips().size()) {
            out.printf("  ... and %d more skipped lines%n", r.skippedLines() - r.firstSkips().size());
        }
        out.flush();
    }
}
