package org.numabias.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.numabias.api.ConfigurationException;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.tools.perf.PerfImport;
import org.numabias.tools.perf.PerfRecorder;
import org.numabias.runtime.topology.TopologySources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code numabias record}: a kernel trace of real receive and copy events, recorded with perf. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record the kernel's receive, copy and free tracepoints system-wide with perf, for a duration "
                + "or while COMMAND runs, and import them as a trace (machine topology and command line in the header).",
                "Needs perf and permission for system-wide tracepoints (root, or perf_event_paranoid <= -1)."})
final class RecordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "TRACE_DIR", description = "The trace directory to create.")
    Path output;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "10",
            description = "Seconds to record when no COMMAND is given (default: ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--topology", defaultValue = "sysfs", paramLabel = "FILE|sysfs|cpu-as-node|cpus-per-node=K",
            description = "CPU to node map (default: ${DEFAULT-VALUE}, this machine).")
    String topology;

    @Option(names = "--perf", defaultValue = "perf", description = "The perf binary (default: ${DEFAULT-VALUE}).")
    String perf;

    @Option(names = "--keep-script", paramLabel = "FILE", description = "Also keep perf script's text in FILE.")
    Path keepScript;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The workload to run while recording (after --).")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (command.isEmpty() && !(duration > 0)) {
            throw new ConfigurationException("--duration must be > 0 seconds");
        }
        PrintWriter out = spec.commandLine().getOut();
        var nodes = TopologySources.parse(topology);
        ChronicleTraceWriter.requireNewOutput(output); // refuse before recording, not after
        PerfRecorder recorder = new PerfRecorder(perf);
        String version = recorder.version();
        List<String> tracepoints = recorder.tracepoints();
        Path work = Files.createTempDirectory("numabias-record");
        Path data = work.resolve("perf.data");
        Path script = keepScript != null ? keepScript : work.resolve("perf.txt");
        try {
            out.printf("recording %s system-wide %s...%n", tracepoints,
                    command.isEmpty() ? "for " + duration + " s" : "while running " + String.join(" ", command));
            out.flush();
            Instant start = Instant.now();
            recorder.record(tracepoints, command, duration, data, script);
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("tool", "numabias record");
            provenance.put("command", command.isEmpty() ? "(none: " + duration + " s)" : String.join(" ", command));
            provenance.put("recordedAt", start.toString());
            provenance.put("host", InetAddress.getLocalHost().getHostName());
            provenance.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
            provenance.put("perf", version);
            provenance.put("tracepoints", String.join(",", tracepoints));
            PerfImport.Outcome outcome = PerfImport.run(script, output, nodes, topology, false, provenance,
                    TerminalProgress.forTerminal(spec.commandLine().getErr(), true));
            ImportCommand.report(out, outcome, output);
        } finally {
            Files.deleteIfExists(data);
            if (keepScript == null) {
                Files.deleteIfExists(script);
            }
            Files.deleteIfExists(work);
        }
        return 0;
    }
}
