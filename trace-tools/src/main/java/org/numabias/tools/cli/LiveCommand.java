package org.numabias.tools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.numabias.api.PredictorRegistry;
import org.numabias.live.loop.LiveBench;
import org.numabias.live.loop.LiveConfig;
import org.numabias.live.loop.LiveReplay;
import org.numabias.live.loop.LiveResult;
import org.numabias.live.loop.LiveRun;
import org.numabias.live.loop.LiveStatus;
import org.numabias.live.numa.EmulatedNodeMemory;
import org.numabias.live.numa.NodeMemory;
import org.numabias.live.numa.Numa;
import org.numabias.live.numa.RealNodeMemory;
import org.numabias.live.workload.Workload;
import org.numabias.live.workload.Workloads;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.reports.LiveReport;
import org.numabias.runtime.store.TempFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code numabias live}: runs the RFC's loop for real (loopback UDP traffic, per-node pools, a
 * predictor with feedback), records the trace, and reports live measurements plus the replay
 * metrics of what it recorded. Stops cleanly on SIGINT/SIGTERM with the trace sealed.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = {"Run producers, consumers and a predictor live on loopback UDP traffic, with real NUMA allocation.",
                "Memory is placed through libnuma (or on --emulate-nodes N virtual nodes on one real node); the run",
                "reports drops, feedback delay, copy cost, placement and the replay metrics of the recorded trace."})
final class LiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Option(names = {"-p", "--predictor"}, paramLabel = "SPEC", defaultValue = "last-consumer:key=flow",
            description = "The predictor spec name[:k=v,...] (default: ${DEFAULT-VALUE}).")
    String predictor;

    @Option(names = {"-w", "--workload"}, paramLabel = "W", defaultValue = "cross-node",
            description = "A built-in workload (see --list-workloads) or a .yaml/.json file (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--duration", paramLabel = "S", description = "Seconds of traffic (overrides the workload's).")
    Double duration;

    @Option(names = "--record", paramLabel = "TRACE_DIR",
            description = "Keep the recorded trace here (new or empty directory); else it is replayed and deleted.")
    Path record;

    @Option(names = "--emulate-nodes", paramLabel = "N",
            description = "Run with N virtual nodes on the one real node (labelled EMULATED everywhere).")
    Integer emulateNodes;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--budget-ns", defaultValue = "10000", paramLabel = "NS",
            description = "The guard's per-call budget; a predictor 100x over it is disabled (default: ${DEFAULT-VALUE}).")
    long budgetNs;

    @Option(names = "--producer-threads", paramLabel = "N",
            description = {"At most N producer threads per node; each polls many devices (as NAPI), round-robin, at most "
                    + "64 datagrams per device per turn (default: the processors per node, at least 1)."})
    Integer producerThreads;

    @Option(names = "--list-workloads", description = "List the built-in workloads and exit.")
    boolean listWorkloads;

    @Option(names = "--bench", description = "Measure the loop's cost instead: the predictor with feedback vs producer-local "
            + "without feedback vs a bare receive loop, interleaved rounds, ratios.")
    boolean bench;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "R", description = "Rounds for --bench (default: ${DEFAULT-VALUE}).")
    int rounds;

    /** Exit code of a run that measured nothing (see {@link LiveResult#idle()}); its summary is still printed. */
    static final int IDLE = 4;

    /** Output formats. */
    enum Format { table, json }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listWorkloads) {
            for (Map.Entry<String, Workload> e : Workloads.builtIns().entrySet()) {
                out.printf("%-11s %s%n", e.getKey(), e.getValue().description());
            }
            out.flush();
            return 0;
        }
        if (emulateNodes != null && emulateNodes < 1) {
            err.println("live: --emulate-nodes must be at least 1");
            return 2;
        }
        if (producerThreads != null && producerThreads < 1) {
            err.println("live: --producer-threads must be at least 1");
            return 2;
        }
        if (rounds < 1) {
            err.println("live: --rounds must be at least 1");
            return 2;
        }
        Workload w = Workloads.load(bench && workload.equals("cross-node") ? "bench" : workload);
        if (duration != null) {
            w = w.withDuration(duration);
        }
        String[] why = new String[1];
        Optional<Numa> numa = Numa.load(why);
        NodeMemory memory;
        if (emulateNodes != null) {
            memory = new EmulatedNodeMemory(emulateNodes, numa);
        } else if (numa.isEmpty()) {
            err.println("live: error: real NUMA is unavailable (" + why[0] + "); run with --emulate-nodes N");
            return 1;
        } else {
            memory = new RealNodeMemory(numa.get());
            if (numa.get().nodes() == 1) {
                err.println("live: this machine has one NUMA node; use --emulate-nodes N to run a multi-node workload");
            }
        }
        err.println("live: " + memory.describe());
        PredictorRegistry registry = plugins.registry(err);
        LiveConfig config = LiveConfig.of(w, memory, registry, predictor).withBudgetNs(budgetNs)
                .withProducerThreads(producerThreads == null ? 0 : producerThreads);
        if (bench) {
            LiveBench.Result b = LiveBench.run(config, rounds);
            out.print(LiveReport.bench(b));
            out.flush();
            return 0;
        }
        return runLive(config, out, err);
    }

    private int runLive(LiveConfig config, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        Path dir = record;
        boolean temporary = dir == null;
        if (temporary) {
            dir = Files.createTempDirectory("numabias-live");
        }
        LiveRun.prepareForSignals(); // before the hook: a SIGTERM during start-up must not load Chronicle then
        LiveRun run = new LiveRun(config.withRecord(dir));
        java.util.concurrent.CountDownLatch reported = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.requestStop();
            try {
                // let the run drain, seal its trace and print its summary before the JVM exits
                if (run.awaitFinished(15_000)) {
                    reported.await(30, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "live-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean terminal = System.console() != null && System.console().isTerminal();
        LiveStatus[] previous = new LiveStatus[1];
        LiveStatus.Listener listener = terminal ? s -> {
            err.println(LiveReport.statusLine(s, previous[0]));
            err.flush();
            previous[0] = s;
        } : LiveStatus.Listener.NONE;
        try {
            LiveResult result = run.run(listener);
            ReplayReport replay = LiveReplay.replay(dir, config.registry(), config.spec());
            LiveResult shown = temporary ? withoutTrace(result) : result;
            out.print(format == Format.json ? LiveReport.json(shown, replay) : LiveReport.table(shown, replay));
            out.flush();
            if (result.migrationWarning() != null) {
                err.println("live: warning: " + result.migrationWarning());
            }
            if (result.idle() != null) {
                err.println("live: IDLE RUN: " + result.idle());
                return IDLE;
            }
            return 0;
        } finally {
            if (temporary) {
                TempFiles.delete(dir);
            }
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (a signal): the hook is running and waits for this run
            }
        }
    }

    private static LiveResult withoutTrace(LiveResult r) {
        return new LiveResult(r.memoryMode(), r.nodesDescription(), r.topology(), r.workload(), r.devices(),
                r.producerThreads(), r.predictor(), r.loopMode(),
                r.seconds(), r.sent(), r.sendErrors(), r.received(), r.receivedBytes(), r.receivedDuringTraffic(),
                r.consumed(), r.consumedDuringTraffic(), r.trafficSeconds(), r.trafficCpuNs(), r.consumedBytes(),
                r.localBytes(), r.liveLocalByteRatio(), r.dropPoolEmpty(), r.dropConsumerBehind(), r.dropRecorderBehind(),
                r.pools(), r.feedbacks(), r.feedbackDelayNs(), r.copyNsPerByte(), r.copySampledBytes(), r.pagesSampled(),
                r.pagesOnExpectedNode(), r.predictorCalls(), r.faults(), r.firstFault(), r.disabled(), r.loopCpuNs(), null,
                r.traceEvents(), r.migrationsScheduled(), r.migrationsApplied());
    }
}
