package org.numabias.tools.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.runtime.replay.Measurement;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayJson;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.replay.ReplaySnapshots;

/**
 * What {@code numabias watch} shows: rides on the online replay ({@link ReplaySnapshots}), tallies the
 * remote bytes (consumed on another node than the producer's) per device, queue and flow, and
 * publishes a {@link Snapshot} a few times a second for the display thread. Flows are tallied up to
 * {@link #MAX_FLOWS} distinct ones (bounded memory over hours); later new flows go to one "other flows"
 * entry, said in the view.
 */
final class WatchView implements ReplaySnapshots {
    /** Distinct flows tallied; beyond, new flows are summed as "other". */
    static final int MAX_FLOWS = 100_000;
    private static final long SNAPSHOT_NS = 250_000_000L;

    /** A device, queue or flow and its remote bytes. */
    record Top(String name, long remoteBytes) {
    }

    /**
     * The state at one moment: the partial replay (null before the first event) and the top keys.
     *
     * @param otherFlowsBytes remote bytes of flows beyond {@link #MAX_FLOWS}
     */
    record Snapshot(ReplayReport partial, long remoteBytes, long consumedBytes, List<Top> devices, List<Top> queues,
                    List<Top> flows, long otherFlowsBytes) {
    }

    private final int top;
    private final IntFunction<String> deviceNames;
    private final Map<Integer, long[]> byDevice = new HashMap<>();
    private final Map<Long, long[]> byQueue = new HashMap<>();
    private final Map<Long, long[]> byFlow = new HashMap<>();
    private long otherFlows;
    private long remoteBytes;
    private long consumedBytes;
    private long nextSnapshot = System.nanoTime();
    private volatile Snapshot latest = new Snapshot(null, 0, 0, List.of(), List.of(), List.of(), 0);

    /**
     * @param top         how many devices, queues and flows to show
     * @param deviceNames a device id's name (null if unknown)
     */
    WatchView(int top, IntFunction<String> deviceNames) {
        this.top = top;
        this.deviceNames = deviceNames;
    }

    @Override
    public void onConsume(ConsumptionFeedback fb, boolean scored) {
        consumedBytes += fb.bytes();
        if (fb.producerNode() == fb.node()) {
            return;
        }
        long bytes = fb.bytes();
        remoteBytes += bytes;
        byDevice.computeIfAbsent(fb.device(), d -> new long[1])[0] += bytes;
        byQueue.computeIfAbsent(((long) fb.device() << 32) | (fb.queue() & 0xFFFF_FFFFL), q -> new long[1])[0] += bytes;
        if (fb.flow() >= 0) {
            long[] f = byFlow.get(fb.flow());
            if (f == null && byFlow.size() >= MAX_FLOWS) {
                otherFlows += bytes;
                return;
            }
            if (f == null) {
                f = new long[2];
                f[1] = fb.device();
                byFlow.put(fb.flow(), f);
            }
            f[0] += bytes;
        }
    }

    @Override
    public boolean due() {
        return System.nanoTime() >= nextSnapshot;
    }

    @Override
    public void onSnapshot(ReplayReport partial) {
        publish(partial);
        nextSnapshot = System.nanoTime() + SNAPSHOT_NS;
    }

    /** Publishes the state with {@code report} (the final one at the end). Replaying thread. */
    void publish(ReplayReport report) {
        latest = new Snapshot(report, remoteBytes, consumedBytes,
                top(byDevice, d -> device(d)),
                top(byQueue, q -> device((int) (q >>> 32)) + "/rx" + (int) (long) q),
                top(byFlow, f -> String.format("0x%08x (%s)", f, device((int) byFlow.get(f)[1]))), otherFlows);
    }

    private String device(int id) {
        String name = deviceNames.apply(id);
        return name == null ? "device " + id : name;
    }

    private <K> List<Top> top(Map<K, long[]> tally, java.util.function.Function<K, String> name) {
        return tally.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<K, long[]> e) -> e.getValue()[0]).reversed())
                .limit(top).map(e -> new Top(name.apply(e.getKey()), e.getValue()[0])).toList();
    }

    /** The latest published state (any thread). */
    Snapshot latest() {
        return latest;
    }

    /** One interval of the view, as read by the display thread. */
    record Interval(double seconds, long events, double eventsPerSecond, long remoteBytesNow, Snapshot snapshot) {
    }

    /** The text block of one interval. */
    static String text(Interval i) {
        Snapshot s = i.snapshot();
        StringBuilder b = new StringBuilder();
        b.append(String.format("watch %.0f s: %d events (%.0f/s)%n", i.seconds(), i.events(), i.eventsPerSecond()));
        b.append(String.format("remote bytes: %s in the last interval, %s in total of %s consumed%s%n",
                bytes(i.remoteBytesNow()), bytes(s.remoteBytes()), bytes(s.consumedBytes()),
                s.consumedBytes() == 0 ? "" : String.format(" (%.1f%%)", 100.0 * s.remoteBytes() / s.consumedBytes())));
        if (s.partial() != null) {
            b.append(String.format("  %-28s %-32s %-32s%n", "predictor", "localByteRatio [95% interval]",
                    "remoteBytesAvoided [95% interval]"));
            for (PredictorResult r : s.partial().results()) {
                b.append(String.format("  %-28s %-32s %-32s%n", r.label(), withInterval(r, Measurement.LOCAL_BYTE_RATIO),
                        withInterval(r, Measurement.REMOTE_BYTES_AVOIDED)));
            }
        }
        top(b, "devices", s.devices());
        top(b, "queues", s.queues());
        top(b, "flows", s.flows());
        if (s.otherFlowsBytes() > 0) {
            b.append(String.format("  (flows beyond the first %d: %s remote)%n", MAX_FLOWS, bytes(s.otherFlowsBytes())));
        }
        return b.toString();
    }

    private static void top(StringBuilder b, String what, List<Top> tops) {
        if (tops.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (Top t : tops) {
            parts.add(t.name() + " " + bytes(t.remoteBytes()));
        }
        b.append("  top ").append(what).append(" by remote bytes: ").append(String.join(", ", parts)).append('\n');
    }

    /** One interval as a JSON object (one line of NDJSON). */
    static String json(Interval i, String type, Map<String, Object> extra) {
        Snapshot s = i.snapshot();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("seconds", i.seconds());
        m.put("events", i.events());
        m.put("eventsPerSecond", i.eventsPerSecond());
        m.put("remoteBytesInterval", i.remoteBytesNow());
        m.put("remoteBytes", s.remoteBytes());
        m.put("consumedBytes", s.consumedBytes());
        List<Map<String, Object>> predictors = new ArrayList<>();
        if (s.partial() != null) {
            for (PredictorResult r : s.partial().results()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("label", r.label());
                p.put("localByteRatio", r.value(Measurement.LOCAL_BYTE_RATIO));
                p.put("localByteRatioInterval", bounds(r.interval(Measurement.LOCAL_BYTE_RATIO)));
                p.put("remoteBytesAvoided", r.value(Measurement.REMOTE_BYTES_AVOIDED));
                p.put("remoteBytesAvoidedInterval", bounds(r.interval(Measurement.REMOTE_BYTES_AVOIDED)));
                predictors.add(p);
            }
        }
        m.put("predictors", predictors);
        m.put("topDevices", s.devices());
        m.put("topQueues", s.queues());
        m.put("topFlows", s.flows());
        m.put("otherFlowsRemoteBytes", s.otherFlowsBytes());
        m.putAll(extra);
        try {
            return ReplayJson.writer().with((com.fasterxml.jackson.core.PrettyPrinter) null).writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The final report's JSON tree, for the final NDJSON line. */
    static Map<String, Object> reportTree(ReplayReport report) {
        return ReplayJson.tree(report);
    }

    /** The value with its 95% interval (from the replay's windows) where the replay has one. */
    private static String withInterval(PredictorResult r, Measurement m) {
        org.numabias.runtime.replay.Interval i = r.interval(m);
        return ratio(r.value(m)) + (i == null ? "" : String.format(" [%.4f, %.4f]", i.lower(), i.upper()));
    }

    private static double[] bounds(org.numabias.runtime.replay.Interval i) {
        return i == null ? null : new double[] {i.lower(), i.upper()};
    }

    private static String ratio(Number v) {
        return v == null ? "n/a" : String.format("%.4f", v.doubleValue());
    }

    static String bytes(long b) {
        if (b < 10_000) {
            return b + " B";
        }
        if (b < 10_000_000) {
            return String.format("%.1f kB", b / 1e3);
        }
        if (b < 10_000_000_000L) {
            return String.format("%.1f MB", b / 1e6);
        }
        return String.format("%.1f GB", b / 1e9);
    }
}
