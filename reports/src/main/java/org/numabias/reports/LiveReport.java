package org.numabias.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.numabias.live.loop.LiveBench;
import org.numabias.live.loop.LiveResult;
import org.numabias.live.loop.LiveStatus;
import org.numabias.live.pool.NodePool;
import org.numabias.runtime.replay.ReplayJson;
import org.numabias.runtime.replay.ReplayReport;

/**
 * Renders a live run: its live-only measurements (drops, feedback delay, copy cost, placement) and
 * the predictor's metrics from the replay of its trace, as a table or as JSON whose {@code replay}
 * block has exactly {@code compare}'s fields.
 */
public final class LiveReport {
    private LiveReport() {
    }

    /** The status line (one per second on a terminal). */
    public static String statusLine(LiveStatus s, LiveStatus previous) {
        double dt = previous == null ? s.seconds() : s.seconds() - previous.seconds();
        long dgrams = s.received() - (previous == null ? 0 : previous.received());
        long bytes = s.receivedBytes() - (previous == null ? 0 : previous.receivedBytes());
        return String.format(Locale.ROOT, "%5.1fs  %,9.0f dgram/s  %7.1f MB/s  localByteRatio %s  drops %,d  pool %4.1f%%  "
                        + "feedback p50 %s p99 %s", s.seconds(), dgrams / dt, bytes / dt / 1e6,
                CompareReport.num(s.localByteRatio()), s.drops(), 100 * s.poolUse(), micros(s.feedbackP50Ns()),
                micros(s.feedbackP99Ns()));
    }

    private static String micros(long ns) {
        return ns < 0 ? "-" : String.format(Locale.ROOT, "%.1fus", ns / 1e3);
    }

    /** The live measurements as an ordered map. */
    public static Map<String, Object> live(LiveResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("memory", r.memoryMode());
        m.put("emulated", r.memoryMode().equals("emulated"));
        m.put("nodes", r.nodesDescription());
        m.put("workload", r.workload());
        m.put("devices", r.devices());
        m.put("producerThreads", r.producerThreads());
        m.put("predictor", r.predictor());
        m.put("loop", r.loopMode());
        m.put("seconds", r.seconds());
        m.put("sent", r.sent());
        m.put("sendErrors", r.sendErrors());
        m.put("received", r.received());
        m.put("receivedBytes", r.receivedBytes());
        m.put("lostInKernel", r.lostInKernel());
        m.put("consumed", r.consumed());
        m.put("receivedDuringTraffic", r.receivedDuringTraffic());
        m.put("consumedDuringTraffic", r.consumedDuringTraffic());
        m.put("idle", r.idle());
        m.put("migrationWarning", r.migrationWarning());
        m.put("consumedBytes", r.consumedBytes());
        m.put("liveLocalByteRatio", r.liveLocalByteRatio());
        Map<String, Object> drops = new LinkedHashMap<>();
        drops.put("poolEmpty", r.dropPoolEmpty());
        drops.put("consumerBehind", r.dropConsumerBehind());
        drops.put("recorderBehind", r.dropRecorderBehind());
        m.put("drops", drops);
        List<Object> pools = new ArrayList<>();
        for (NodePool.Stats s : r.pools()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("node", s.node());
            p.put("slabs", s.slabs());
            p.put("maxSlabs", s.maxSlabs());
            p.put("buffers", s.buffers());
            p.put("capacity", s.capacity());
            p.put("inUse", s.inUse());
            p.put("reservedBytes", s.reservedBytes());
            p.put("exhausted", s.exhausted());
            pools.add(p);
        }
        m.put("pools", pools);
        Map<String, Object> delay = new LinkedHashMap<>();
        delay.put("count", r.feedbacks());
        String[] names = {"p50", "p90", "p99", "p999", "max"};
        for (int i = 0; i < names.length; i++) {
            delay.put(names[i], r.feedbackDelayNs()[i] < 0 ? null : r.feedbackDelayNs()[i]);
        }
        m.put("feedbackDelayNs", delay);
        List<Object> copy = new ArrayList<>();
        for (double[] row : r.copyNsPerByte()) {
            List<Double> cells = new ArrayList<>();
            for (double v : row) {
                cells.add(v < 0 ? null : v);
            }
            copy.add(cells);
        }
        m.put("copyNsPerByte", copy);
        m.put("copyNsPerByteNote", "row = buffer node, column = consumer node; sampled 1 copy in 16"
                + (r.memoryMode().equals("emulated") ? "; EMULATED nodes: every copy is really local" : ""));
        Map<String, Object> placement = new LinkedHashMap<>();
        placement.put("sampledBuffers", r.pagesSampled());
        placement.put("onExpectedNode", r.pagesOnExpectedNode());
        placement.put("share", r.placementVerified());
        placement.put("expected", r.memoryMode().equals("emulated") ? "real node 0 (all emulated nodes live there)"
                : "the node the predictor chose");
        m.put("placement", placement);
        Map<String, Object> guard = new LinkedHashMap<>();
        guard.put("calls", r.predictorCalls());
        guard.put("faults", r.faults());
        guard.put("firstFault", r.firstFault());
        guard.put("disabled", r.disabled());
        m.put("guard", guard);
        m.put("loopCpuNsPerDatagram", r.cpuNsPerDatagram());
        m.put("trace", r.trace() == null ? null : r.trace().toString());
        m.put("traceEvents", r.traceEvents());
        return m;
    }

    /**
     * The whole run as JSON: {@code live}, then {@code replay}, which is exactly {@code compare --format json}'s
     * document for the recorded trace ({@code trace} and {@code results}).
     */
    public static String json(LiveResult r, ReplayReport replay) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("live", live(r));
        if (replay != null) {
            m.put("replay", ReplayJson.tree(replay));
        }
        return ReplayJson.write(m);
    }

    /** The whole run as text. */
    public static String table(LiveResult r, ReplayReport replay) {
        StringBuilder sb = new StringBuilder();
        boolean emulated = r.memoryMode().equals("emulated");
        sb.append("live run: workload ").append(r.workload()).append(", predictor ").append(r.predictor()).append('\n');
        sb.append("nodes: ").append(r.nodesDescription()).append('\n');
        sb.append(String.format(Locale.ROOT, "devices: %,d, polled by %,d producer thread%s%n", r.devices(),
                r.producerThreads(), r.producerThreads() == 1 ? "" : "s"));
        sb.append(String.format(Locale.ROOT, "%.2f s: sent %,d, received %,d (%,d bytes), consumed %,d; lost in kernel %,d%n",
                r.seconds(), r.sent(), r.received(), r.receivedBytes(), r.consumed(), r.lostInKernel()));
        if (r.idle() != null) {
            sb.append("IDLE RUN: ").append(r.idle()).append('\n');
        }
        if (r.migrationWarning() != null) {
            sb.append("warning: ").append(r.migrationWarning()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "drops: pool empty %,d, consumer behind %,d, recorder behind %,d%n",
                r.dropPoolEmpty(), r.dropConsumerBehind(), r.dropRecorderBehind()));
        long reserved = r.pools().stream().mapToLong(NodePool.Stats::reservedBytes).sum();
        int maxInUse = r.pools().stream().mapToInt(NodePool.Stats::buffers).sum();
        sb.append(String.format(Locale.ROOT, "pools: %,d bytes reserved, %,d buffers carved, exhausted %,d times%n", reserved,
                maxInUse, r.pools().stream().mapToLong(NodePool.Stats::exhausted).sum()));
        long[] d = r.feedbackDelayNs();
        sb.append(d[0] < 0 ? "feedback delay: none measured\n" : String.format(Locale.ROOT,
                "feedback delay (alloc -> feedback, %,d): p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
                r.feedbacks(), d[0] / 1e3, d[1] / 1e3, d[2] / 1e3, d[3] / 1e3, d[4] / 1e3));
        sb.append("live localByteRatio: ").append(CompareReport.num(r.liveLocalByteRatio())).append('\n');
        sb.append("guard: ").append(r.predictorCalls()).append(" calls, ").append(r.faults()).append(" faults")
                .append(r.firstFault() == null ? "" : " (first: " + r.firstFault() + ")")
                .append(r.disabled() ? ", DISABLED for time" : "").append('\n');
        sb.append("copy ns/byte [buffer node -> consumer node]").append(emulated ? " (EMULATED: all copies really local)" : "")
                .append(":");
        for (int b = 0; b < r.copyNsPerByte().length; b++) {
            for (int c = 0; c < r.copyNsPerByte().length; c++) {
                double v = r.copyNsPerByte()[b][c];
                if (v >= 0) {
                    sb.append(String.format(Locale.ROOT, "  %d->%d %.4f", b, c, v));
                }
            }
        }
        sb.append('\n');
        sb.append("placement: ").append(r.pagesSampled()).append(" buffers sampled, ")
                .append(CompareReport.num(r.placementVerified())).append(" on ")
                .append(emulated ? "real node 0 (emulated)" : "the chosen node").append('\n');
        if (r.trace() != null) {
            sb.append("trace: ").append(r.trace()).append(" (").append(r.traceEvents()).append(" events)\n");
        }
        if (replay != null) {
            sb.append("\nreplay of the recorded trace through the same predictor (compare's metrics):\n");
            sb.append(CompareReport.table(replay));
        }
        return sb.toString();
    }

    /** The bench's ratios as text: per mode medians, rounds and feedback delay; the ratios with their spread and verdicts. */
    public static String bench(LiveBench.Result b) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"mode", "predictor", "delivered dgram/s", "cpu ns/dgram", "drops", "dgram/s per round",
                "cpu ns/dgram per round", "feedback delay p50/p90/p99/p99.9/max us"});
        for (LiveBench.ModeResult m : b.modes()) {
            long[] d = m.feedbackDelayNs();
            rows.add(new String[]{m.mode(), m.predictor(), String.format(Locale.ROOT, "%,.0f", m.datagramsPerSecond()),
                    String.format(Locale.ROOT, "%.0f", m.cpuNsPerDatagram()), String.valueOf(m.drops()),
                    joined(m.perRoundDatagramsPerSecond()), joined(m.perRoundCpuNsPerDatagram()),
                    d == null ? "-" : String.format(Locale.ROOT, "%.1f/%.1f/%.1f/%.1f/%.1f", d[0] / 1e3, d[1] / 1e3,
                            d[2] / 1e3, d[3] / 1e3, d[4] / 1e3)});
        }
        return Table.render(rows) + String.format(Locale.ROOT,
                "throughput feedback / no-feedback: %.3f (rounds %s; target >= %.2f: %s)%n"
                        + "cpu per datagram feedback / no-feedback: %.3f (rounds %s; target <= %.2f: %s)%n"
                        + "throughput feedback / bare loop (ceiling): %.3f%n"
                        + "%d interleaved rounds; medians; throughput and CPU over each run's traffic window (no start-up, "
                        + "no drain); UNSETTLED = the rounds fall on both sides of the target%n",
                b.feedbackVsNoFeedback(), range(b.roundThroughputRatios()), 1 - LiveBench.TARGET, b.throughputVerdict(),
                b.cpuFeedbackVsNoFeedback(), range(b.roundCpuRatios()), 1 + LiveBench.TARGET, b.cpuVerdict(),
                b.feedbackVsBare(), b.rounds());
    }

    private static String joined(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.0f", v));
        }
        return sb.toString();
    }

    private static String range(double[] values) {
        double lo = java.util.Arrays.stream(values).min().orElse(Double.NaN);
        double hi = java.util.Arrays.stream(values).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%.3f..%.3f", lo, hi);
    }
}
