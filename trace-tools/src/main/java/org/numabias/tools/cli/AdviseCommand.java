package org.numabias.tools.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.trace.TraceSource;
import org.numabias.kernel.advise.Advisor;
import org.numabias.runtime.replay.Interval;
import org.numabias.runtime.replay.ReplayJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code numabias advise TRACE}: per device and queue, which system change would realise the gain, measured. */
@Command(name = "advise", mixinStandardHelpOptions = true,
        description = {"For each device and receive queue of TRACE (the ones with the most consumed bytes): the bytes by "
                + "consumer node and by receiving node, and the recommended change (leave it; move the queue's interrupt and "
                + "buffer pool to node N; steer per flow with aRFS/ntuple; pin the consuming threads), each measured by "
                + "replaying a predictor that models it over the queue's events (remoteBytesAvoided: the share of its bytes "
                + "no longer consumed remotely) with its 95%% interval. Moving and pinning choose a node from the trace, so "
                + "they are cross-fitted: each half of the queue's consumptions is scored with the node chosen on the other.",
                "Suggested commands are printed for an administrator to review; numabias applies nothing."})
final class AdviseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Parameters(paramLabel = "TRACE", description = "A trace directory (record, watch --record, import), CSV or perf script text.")
    Path trace;

    @Option(names = "--max-queues", paramLabel = "N", defaultValue = "8",
            description = "Advise on the N queues with the most consumed bytes (default: ${DEFAULT-VALUE}).")
    int maxQueues;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    /** Output formats. */
    enum Format { table, json }

    @Override
    public Integer call() {
        if (maxQueues < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-queues must be >= 1, got " + maxQueues);
        }
        PrintWriter out = spec.commandLine().getOut();
        PredictorRegistry registry = plugins.registry(spec.commandLine().getErr());
        try (TraceSource source = TraceInputs.open(trace)) {
            List<Advisor.QueueAdvice> advice = Advisor.advise(source, registry, maxQueues);
            out.print(format == Format.json ? json(advice) : text(trace.toString(), advice));
        }
        out.flush();
        return 0;
    }

    /** The advice as text. */
    static String text(String trace, List<Advisor.QueueAdvice> advice) {
        StringBuilder b = new StringBuilder();
        b.append("advice for ").append(trace).append(" (each change measured by replaying a predictor that models it over "
                + "the queue's events)\n");
        if (advice.isEmpty()) {
            b.append("  no queue had consumed bytes: nothing to advise\n");
        }
        for (Advisor.QueueAdvice q : advice) {
            b.append(String.format("%n%s rx %s: %s consumed%n", q.device(), q.queue() < 0 ? "(unknown queue)" : q.queue(),
                    WatchView.bytes(q.bytes())));
            b.append("  consumed on node:  ").append(shares(q.bytesByConsumerNode())).append('\n');
            b.append("  received on node:  ").append(shares(q.bytesByProducerNode())).append('\n');
            b.append(String.format("  %-40s %14s %18s %20s%n", "change (model)", "localByteRatio", "remoteBytesAvoided",
                    "95% interval"));
            for (Advisor.Model m : q.models()) {
                b.append(String.format("  %-40s %14s %18s %20s%n", m.change(), ratio(m.localByteRatio()),
                        ratio(m.remoteBytesAvoided()), interval(m.remoteBytesAvoidedInterval())));
            }
            b.append("  ").append(q.crossFit().describe()).append('\n');
            b.append("  advice: ").append(q.advice()).append('\n');
            if (!q.suggestions().isEmpty()) {
                b.append("  suggested commands (to review; numabias runs none of them):\n");
                q.suggestions().forEach(s -> b.append("    ").append(s).append('\n'));
            }
        }
        return b.toString();
    }

    private static String json(List<Advisor.QueueAdvice> advice) {
        return ReplayJson.write(Map.of("queues", jsonQueues(advice), "note", "suggestions only: numabias applies nothing"));
    }

    /** The advice as JSON trees; intervals as {@code [lower, upper]} under {@code intervals}, as compare writes them. */
    static List<Map<String, Object>> jsonQueues(List<Advisor.QueueAdvice> advice) {
        List<Map<String, Object>> queues = new ArrayList<>();
        for (Advisor.QueueAdvice q : advice) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", q.device());
            m.put("queue", q.queue());
            m.put("bytes", q.bytes());
            m.put("bytesByConsumerNode", q.bytesByConsumerNode());
            m.put("bytesByProducerNode", q.bytesByProducerNode());
            m.put("models", q.models().stream().map(AdviseCommand::jsonModel).toList());
            m.put("crossFit", q.crossFit());
            m.put("advice", q.advice());
            m.put("suggestions", q.suggestions());
            queues.add(m);
        }
        return queues;
    }

    private static Map<String, Object> jsonModel(Advisor.Model model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("change", model.change());
        m.put("spec", model.spec());
        m.put("localByteRatio", model.localByteRatio());
        m.put("remoteBytesAvoided", model.remoteBytesAvoided());
        m.put("remoteBytes", model.remoteBytes());
        Map<String, double[]> intervals = new LinkedHashMap<>();
        if (model.localByteRatioInterval() != null) {
            intervals.put("localByteRatio", bounds(model.localByteRatioInterval()));
        }
        if (model.remoteBytesAvoidedInterval() != null) {
            intervals.put("remoteBytesAvoided", bounds(model.remoteBytesAvoidedInterval()));
        }
        m.put("intervals", intervals);
        return m;
    }

    private static double[] bounds(Interval i) {
        return new double[] {i.lower(), i.upper()};
    }

    private static String interval(Interval i) {
        return i == null ? "-" : String.format("%.4f..%.4f", i.lower(), i.upper());
    }

    private static String shares(long[] bytes) {
        long total = 0;
        for (long v : bytes) {
            total += v;
        }
        List<String> parts = new ArrayList<>();
        for (int n = 0; n < bytes.length; n++) {
            if (bytes[n] > 0) {
                parts.add(String.format("%d: %.1f%%", n, 100.0 * bytes[n] / total));
            }
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static String ratio(Double v) {
        return v == null ? "-" : String.format("%.4f", v);
    }
}
