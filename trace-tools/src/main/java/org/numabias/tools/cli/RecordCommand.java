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
import java.util.Optional;
import java.util.concurrent.Callable;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.kernel.perf.PerfImport;
import org.numabias.kernel.perf.PerfRecorder;
import org.numabias.runtime.topology.CpuNodeMap;
import org.numabias.runtime.topology.TopologySources;
import picocli.CommandLine;
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

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "TRACE_DIR",
            description = "The trace directory to create (written as TRACE_DIR.incomplete, renamed when complete).")
    Path output;

    @Option(names = "--force", description = "Replace an existing trace at TRACE_DIR.")
    boolean force;

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

    /**
     * The warning for a recording with a fixed topology of one node (sysfs on a one-node machine, or
     * such a file): there every buffer is local, every predictor equals the oracle, and only a
     * projection makes a loopback capture informative. Empty for projections and multi-node topologies.
     */
    static Optional<String> oneNodeHint(String topologySpec, CpuNodeMap nodes) {
        boolean projection = topologySpec.equals("cpu-as-node") || topologySpec.startsWith("cpus-per-node=");
        if (projection || nodes.topology(-1).nodes() > 1) {
            return Optional.empty();
        }
        return Optional.of("record: warning: the topology (" + topologySpec + ") has one NUMA node, so every buffer is "
                + "local and every predictor will score like the oracle (1.0); on a one-node machine, record with "
                + "--topology cpu-as-node (each CPU a node: a projection, labelled as such) to compare predictors");
    }

    @Override
    public Integer call() throws IOException {
        if (command.isEmpty() && !(duration > 0 && duration <= 7 * 24 * 3600)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--duration must be > 0 seconds (and at most a week), got "
                    + duration);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var nodes = TopologySources.parse(topology);
        ChronicleTraceWriter.requireNewOutput(output, force); // refuse before recording, not after
        oneNodeHint(topology, nodes).ifPresent(hint -> {
            err.println(hint);
            err.flush();
        });
        PerfRecorder recorder = new PerfRecorder(perf);
        String version = recorder.version();
        PerfRecorder.Plan plan = recorder.plan();
        List<String> tracepoints = plan.tracepoints();
        Path work = Files.createTempDirectory("numabias-record");
        Path data = work.resolve("perf.data");
        Path script = keepScript != null ? keepScript : work.resolve("perf.txt");
        try {
            out.printf("recording %s system-wide %s...%n", tracepoints,
                    command.isEmpty() ? "for " + duration + " s" : "while running " + String.join(" ", command));
            out.println(plan.datagramJoin() ? "small datagrams: joined from sk_data_ready and sock_recv_length (DESIGN.md)"
                    : "small datagrams: " + plan.note());
            out.flush();
            Instant start = Instant.now();
            PerfRecorder.Recording recording = recorder.record(plan, command, duration, data, script, out, err);
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("tool", "numabias record");
            provenance.put("command", command.isEmpty() ? "(none: " + duration + " s)" : String.join(" ", command));
            provenance.put("recordedAt", start.toString());
            provenance.put("host", InetAddress.getLocalHost().getHostName());
            provenance.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
            provenance.put("perf", version);
            provenance.put("tracepoints", String.join(",", tracepoints));
            provenance.putAll(PerfImport.datagramProvenance(plan));
            if (recording.workloadFailed()) {
                provenance.put("workloadExitStatus", Integer.toString(recording.exitCode()));
            }
            PerfImport.Outcome outcome;
            try {
                outcome = PerfImport.run(script, output, force, nodes, topology, false, provenance,
                        TerminalProgress.forTerminal(err, true));
            } catch (RuntimeException e) {
                if (keepScript == null && Files.exists(script)) { // the recording is precious: keep what perf wrote
                    Path kept = output.toAbsolutePath().resolveSibling(output.getFileName() + ".perf-script.txt");
                    Files.move(script, kept);
                    err.println("record: the recording could not be imported; perf script's text is kept in " + kept
                            + " (import it with 'numabias import --format perf-script " + kept + " -o TRACE_DIR')");
                    err.flush();
                }
                throw e;
            }
            ImportCommand.report(out, outcome, output);
            if (recording.workloadFailed()) {
                err.printf("record: the workload failed (exit status %d); the trace of the recording is in %s%n",
                        recording.exitCode(), output);
                err.flush();
                return 1;
            }
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
