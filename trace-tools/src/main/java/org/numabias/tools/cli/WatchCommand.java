package org.numabias.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Topology;
import org.numabias.api.Version;
import org.numabias.api.trace.TraceHeader;
import org.numabias.kernel.perf.PerfImport;
import org.numabias.kernel.perf.PerfRecorder;
import org.numabias.kernel.perf.PerfScriptImporter;
import org.numabias.kernel.stream.PerfPipe;
import org.numabias.kernel.stream.StoppableInput;
import org.numabias.kernel.stream.StreamingTraceSource;
import org.numabias.kernel.system.QueueInterrupts;
import org.numabias.runtime.replay.ProgressListener;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.replay.ScoreFrom;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.runtime.store.TempFiles;
import org.numabias.runtime.topology.CpuNodeMap;
import org.numabias.runtime.topology.TopologySources;
import org.numabias.reports.CompareReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code numabias watch}: the kernel's receive and copy events, replayed through predictors while they happen. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Stream the kernel's receive, copy and free events (perf record in pipe mode into perf script) into "
                + "the importer and the replay engine online: every second, the remote bytes (consumed on another node "
                + "than the producer's) now and in total, each predictor's localByteRatio and remoteBytesAvoided, events per "
                + "second, and the top devices, queues and flows by remote bytes. Ends after --duration, when COMMAND "
                + "ends, or on Ctrl-C/SIGTERM, with a final summary (perf's lost events included).",
                "Needs perf and permission for system-wide tracepoints (root, or perf_event_paranoid <= -1)."})
final class WatchCommand implements Callable<Integer> {
    private static final double WEEK = 7 * 24 * 3600;

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "0",
            description = "Seconds to watch (default: until COMMAND ends, or Ctrl-C).")
    double duration;

    @Option(names = "--interval", paramLabel = "S", defaultValue = "1", description = "Seconds between views (default: ${DEFAULT-VALUE}).")
    double interval;

    @Option(names = "--format", defaultValue = "table",
            description = "table (a view per interval, then the summary) or json (one JSON object per interval, NDJSON, "
                    + "then a final one with the whole report) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-p", "--predictor"}, paramLabel = "SPEC",
            description = "A predictor spec name[:k=v,...] (repeatable). Default: every predictor with default parameters.")
    List<String> predictors = new ArrayList<>();

    @Option(names = "--record", paramLabel = "DIR",
            description = "Also keep the stream as a trace in DIR (sealed at the end): 'compare DIR' with the same predictors "
                    + "gives the final numbers watch printed.")
    Path record;

    @Option(names = "--advise", description = "At the end, also advise per device and queue (as 'numabias advise' on the "
            + "watched stream; it is recorded to a temporary trace when --record is not given).")
    boolean advise;

    @Option(names = "--force", description = "Replace an existing trace at --record DIR.")
    boolean force;

    @Option(names = "--topology", defaultValue = "sysfs", paramLabel = "FILE|sysfs|cpu-as-node|cpus-per-node=K",
            description = "CPU to node map (default: ${DEFAULT-VALUE}, this machine). A projection covers this machine's CPUs.")
    String topology;

    @Option(names = "--perf", defaultValue = "perf", description = "The perf binary (default: ${DEFAULT-VALUE}).")
    String perf;

    @Option(names = "--from-script", paramLabel = "FILE",
            description = "Read perf script text from FILE ('-': standard input) instead of running perf (a saved or piped capture).")
    String fromScript;

    @Option(names = "--top", paramLabel = "N", defaultValue = "3", description = "Devices, queues and flows shown (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--budget-ns", defaultValue = "" + ReplayEngine.DEFAULT_BUDGET_NS, paramLabel = "NS",
            description = "Per-call time budget in ns (default: ${DEFAULT-VALUE}).")
    long budgetNs;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "A workload to run while watching (after --).")
    List<String> command = new ArrayList<>();

    /** Output formats. */
    enum Format { table, json }

    /** The watch stopped perf itself because --duration had passed. */
    private boolean stoppedAtDuration;
    /** A SIGTERM or Ctrl-C arrived (set by the shutdown hook, any time from the start of {@link #call()}). */
    private volatile boolean stopRequested;
    /** The running perf pipe, for the shutdown hook to stop (null before it starts and with --from-script). */
    private volatile PerfPipe running;
    /** The --from-script input, for the shutdown hook to end. */
    private volatile StoppableInput scriptInput;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!(duration >= 0 && duration <= WEEK) || !(interval > 0 && interval <= 3600) || top < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--duration must be 0..604800 s, --interval 0..3600 s "
                    + "(> 0) and --top >= 0");
        }
        if (fromScript != null && !command.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from-script reads a capture: it runs no COMMAND");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CpuNodeMap nodes = TopologySources.parse(topology);
        Topology fixed = nodes.topology(highestCpu());
        PredictorRegistry registry = plugins.registry(err);
        List<String> specs = predictors.isEmpty() ? CompareCommand.defaultSpecs(registry) : predictors;
        if (record != null) {
            ChronicleTraceWriter.requireNewOutput(record, force); // refuse before watching, not after
        }
        ChronicleTraceWriter.prepareForShutdownSeal(); // a signal from here on still seals the trace
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested = true;
            PerfPipe p = running;
            if (p != null) {
                p.stop();
            }
            StoppableInput in = scriptInput;
            if (in != null) {
                in.stop();
            }
            try { // let the stream drain, the trace be sealed and the summary printed before the JVM exits
                reported.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return watch(out, err, nodes, fixed, registry, specs);
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C/SIGTERM): the hook is running
            }
        }
    }

    /** The watch itself, from start-up to the final summary; a signal at any point ends it cleanly. */
    private int watch(PrintWriter out, PrintWriter err, CpuNodeMap nodes, Topology fixed, PredictorRegistry registry,
                      List<String> specs) throws IOException, InterruptedException {
        Path temporary = advise && record == null ? Files.createTempDirectory("numabias-watch") : null;
        Path keep = temporary != null ? temporary.resolve("trace") : record;
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("tool", "numabias watch");
        provenance.put("format", "perf-script");
        provenance.put("topologySpec", topology);
        provenance.put("frameworkVersion", Version.FRAMEWORK);
        provenance.put("recordedAt", Instant.now().toString());
        provenance.put("host", InetAddress.getLocalHost().getHostName());
        provenance.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        PerfPipe pipe = null;
        Reader input;
        if (fromScript != null) {
            provenance.put("source", fromScript);
            StoppableInput in = fromScript.equals("-") ? StoppableInput.standardInput() : StoppableInput.file(Path.of(fromScript));
            scriptInput = in;
            if (stopRequested) {
                in.stop();
            }
            input = in;
        } else if (stopRequested) {
            input = Reader.nullReader(); // stopped during start-up: perf is not started
        } else {
            PerfRecorder recorder = new PerfRecorder(perf);
            provenance.put("perf", recorder.version());
            PerfRecorder.Plan plan = recorder.plan();
            provenance.put("command", command.isEmpty() ? "(none)" : String.join(" ", command));
            provenance.put("tracepoints", String.join(",", plan.tracepoints()));
            provenance.putAll(PerfImport.datagramProvenance(plan));
            provenance.putAll(QueueInterrupts.read().provenance());
            err.println("watch: " + (plan.datagramJoin() ? "small datagrams joined from sk_data_ready and sock_recv_length"
                    : "small datagrams: " + plan.note()));
            err.flush();
            pipe = PerfPipe.start(recorder, plan, command, command.isEmpty() ? (duration > 0 ? duration : WEEK) : 0, err);
            running = pipe;
            if (stopRequested) { // the signal came while perf was starting: the hook may not have seen it
                pipe.stop();
            }
            input = pipe.output();
        }
        String description = fromScript != null ? fromScript : "perf (live)";
        StreamingTraceSource source = new StreamingTraceSource(input, nodes, fixed, description, provenance, keep, force);
        WatchView view = new WatchView(top, source::deviceName);
        CompletableFuture<ReplayReport> replay = CompletableFuture.supplyAsync(() -> new ReplayEngine(registry).run(source,
                fixed, specs, new ReplayEngine.Options(ScoreFrom.START, budgetNs, ProgressListener.NONE).withObserver(view)),
                r -> Thread.ofPlatform().name("numabias-watch-replay").start(r));
        boolean terminal = format == Format.table && System.console() != null && System.console().isTerminal();
        long start = System.nanoTime();
        long lastEvents = 0;
        long lastRemote = 0;
        long lastTick = start;
        try {
            while (!replay.isDone()) {
                try {
                    replay.get((long) (interval * 1000), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // an interval passed
                } catch (ExecutionException e) {
                    break;
                }
                if (replay.isDone()) {
                    break;
                }
                long now = System.nanoTime();
                WatchView.Snapshot s = view.latest();
                long events = source.eventsSoFar();
                WatchView.Interval i = new WatchView.Interval((now - start) / 1e9, events,
                        (events - lastEvents) / ((now - lastTick) / 1e9), s.remoteBytes() - lastRemote, s);
                lastEvents = events;
                lastRemote = s.remoteBytes();
                lastTick = now;
                out.print(format == Format.json ? WatchView.json(i, "interval", Map.of()) + "\n"
                        : (terminal ? "\033[H\033[2J" : "\n") + WatchView.text(i));
                out.flush();
                if (pipe != null && duration > 0 && now - start >= (long) (duration * 1e9)) {
                    pipe.stop(); // with a COMMAND, --duration still bounds the watch
                    stoppedAtDuration = true;
                }
            }
            int code = finish(out, err, replay, source, view, pipe, provenance, fixed, start, stopRequested);
            if (advise && Files.isDirectory(keep)) {
                try (var recorded = TraceInputs.open(keep)) {
                    var advice = org.numabias.kernel.advise.Advisor.advise(recorded, registry, 8);
                    out.print(format == Format.json ? WatchView.json(new WatchView.Interval(0, 0, 0, 0, view.latest()), "advice",
                            Map.of("queues", AdviseCommand.jsonQueues(advice))) + "\n" : "\n" + AdviseCommand.text(description, advice));
                    out.flush();
                }
            }
            return code;
        } finally {
            if (temporary != null) {
                deleteTree(temporary);
            }
        }
    }

    private int finish(PrintWriter out, PrintWriter err, CompletableFuture<ReplayReport> replay, StreamingTraceSource source,
                       WatchView view, PerfPipe pipe, Map<String, String> provenance,
                       Topology fixed, long start, boolean stopRequested) throws InterruptedException {
        boolean stillRecording = pipe != null && !stopRequested && pipe.stillRecordingAfter(5);
        if (pipe != null) {
            pipe.stop();
        }
        PerfPipe.Outcome perfOutcome = pipe == null ? null : pipe.finish(30);
        ReplayReport report = null;
        Throwable failure = null;
        try {
            report = replay.get();
        } catch (ExecutionException e) {
            failure = e.getCause();
        }
        PerfScriptImporter.Result result = source.result();
        Map<String, String> p = new LinkedHashMap<>(provenance);
        String problem = problem(failure, perfOutcome, stillRecording, stopRequested, source.eventsSoFar());
        if (perfOutcome != null) {
            p.put("perfLostChunks", Long.toString(perfOutcome.lostChunks()));
            p.put("perfLostSamplesPercent", Double.toString(perfOutcome.lostSamplesPercent()));
            p.put("perfRecordExitStatus", Integer.toString(perfOutcome.recordExit()));
        }
        if (problem != null) {
            p.put("ended", problem);
        }
        if (stopRequested) {
            p.put("stoppedBySignal", "true (SIGTERM or Ctrl-C after " + source.eventsSoFar() + " events; the trace holds "
                    + "every event read until then)");
        }
        source.seal(TraceHeader.of(fixed, result != null ? result.devices() : List.of(), p,
                result != null ? result.counts() : Map.of()), 60);
        long lost = perfOutcome == null ? 0 : perfOutcome.lostChunks();
        if (report != null) {
            view.publish(report);
            WatchView.Snapshot s = view.latest();
            WatchView.Interval i = new WatchView.Interval((System.nanoTime() - start) / 1e9, source.eventsSoFar(), 0, 0, s);
            if (format == Format.json) {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("perfLostChunks", perfOutcome == null ? null : lost);
                extra.put("perfLostSamplesPercent", perfOutcome == null ? null : perfOutcome.lostSamplesPercent());
                extra.put("importCounts", result == null ? Map.of() : result.counts());
                extra.put("watchCpuSeconds", ownCpuSeconds());
                extra.put("report", WatchView.reportTree(report));
                out.println(WatchView.json(i, "final", extra));
            } else {
                out.println();
                out.println("final summary");
                out.print(WatchView.text(i));
                out.print(CompareReport.table(report));
                out.printf("perf: %s%n", perfOutcome == null ? "not run (--from-script)" : "lost " + lost + " chunks of events"
                        + (perfOutcome.lostSamplesPercent() > 0 ? " (" + perfOutcome.lostSamplesPercent() + "% of samples)" : "")
                        + (lost > 0 ? ": its buffers overflowed, these numbers miss those events" : ""));
                out.printf("watch: %.2f s of CPU (this process: import, replay, JIT and GC; perf's own not included)%n",
                        ownCpuSeconds());
                if (result != null && result.datagrams().seen()) {
                    out.println("datagram join: " + result.datagrams().asMap());
                }
            }
            out.flush();
        }
        if (record != null) {
            err.println("watch: the stream is kept as a trace in " + record + (problem != null ? " (sealed with what was recorded)" : ""));
        }
        if (problem != null) {
            err.println("watch: error: " + problem);
            err.flush();
            return 1;
        }
        if (perfOutcome != null && perfOutcome.recordExit() != 0 && !command.isEmpty() && !stoppedAtDuration && !stopRequested) {
            err.printf("watch: the workload failed (exit status %d)%n", perfOutcome.recordExit());
            err.flush();
            return 1;
        }
        err.flush();
        return 0;
    }

    /** What went wrong, for the user, or null. */
    private String problem(Throwable failure, PerfPipe.Outcome perf, boolean stillRecording, boolean stopRequested, long events) {
        if (failure != null) {
            return Numabias.message(failure);
        }
        if (perf == null) {
            return null;
        }
        if (perf.permissionDenied()) {
            return PerfRecorder.failure(perf.recordExit(), perf.recordMessages(), true).getMessage();
        }
        if (stillRecording && !stopRequested) {
            return "perf script ended early (exit status " + perf.scriptExit() + ") after " + events + " events while perf "
                    + "record was still running; perf script said: " + perf.scriptMessages().strip();
        }
        if (command.isEmpty() && !stopRequested && perf.recordExit() != 0 && perf.recordExit() != 143) {
            return "perf record ended unexpectedly (exit status " + perf.recordExit() + ") after " + events + " events; "
                    + "perf said: " + perf.recordMessages().strip();
        }
        if (events == 0 && perf.scriptExit() != 0 && !stopRequested) {
            return "perf script failed (exit status " + perf.scriptExit() + "): " + perf.scriptMessages().strip();
        }
        return null;
    }

    /** This JVM's user and system CPU so far, in seconds (its own threads, not perf's processes). */
    private static double ownCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static void deleteTree(Path dir) {
        try {
            TempFiles.delete(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** The highest CPU id of this machine (a projection's node count is fixed before the first event). */
    static int highestCpu() {
        try {
            String possible = Files.readString(Path.of("/sys/devices/system/cpu/possible")).strip();
            String last = possible.substring(Math.max(possible.lastIndexOf(','), possible.lastIndexOf('-')) + 1);
            return Integer.parseInt(last);
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors() - 1;
        }
    }
}
