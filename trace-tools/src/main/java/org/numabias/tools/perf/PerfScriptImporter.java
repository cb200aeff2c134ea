package org.numabias.tools.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.runtime.topology.CpuNodeMap;

/**
 * Turns {@code perf script} text into trace events with DESIGN.md's join rules, in one streaming
 * pass. Receive events start buffers (Alloc); a core {@code netif_receive_skb} on a buffer that was
 * not yet copied and had no core event merges into it (filling unknown hash and queue); copies
 * become Consumes; {@code consume_skb}/{@code kfree_skb} become Frees. Events are emitted in the
 * order of their lines: an Alloc waits (with the events behind it) until nothing can change it any
 * more. Memory: the live buffers and that short wait, not the input's length.
 */
public final class PerfScriptImporter {
    /** The entry-stage receive events. */
    static final Set<String> ENTRY_EVENTS = Set.of("net:netif_receive_skb_entry", "net:netif_rx_entry",
            "net:napi_gro_receive_entry", "net:napi_gro_frags_entry", "net:netif_receive_skb_list_entry");
    /** The core receive event. */
    static final String CORE_EVENT = "net:netif_receive_skb";
    static final String COPY_EVENT = "skb:skb_copy_datagram_iovec";
    static final Set<String> FREE_EVENTS = Set.of("skb:consume_skb", "skb:kfree_skb");
    /** Lines longer than this are skipped without being parsed. */
    public static final int MAX_LINE = 65_536;
    /** How many skipped lines are remembered for the report. */
    static final int REPORTED_SKIPS = 5;
    /** A pending Alloc is finalised once this many events wait behind it (bounds memory). */
    static final int MAX_WAITING = 1 << 20;

    /** What the import found. */
    public record Result(long lines, long allocs, long consumes, long frees, long unmatchedCopies, long skippedLines,
                         long otherEvents, long unmappedCpuLines, long clampedTimes, int maxCpu, List<String> devices,
                         List<String> firstSkips, Map<String, Long> otherEventCounts) {
        /** The counts for a trace header. */
        public Map<String, Long> counts() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("lines", lines);
            m.put("allocs", allocs);
            m.put("consumes", consumes);
            m.put("frees", frees);
            m.put("unmatchedCopies", unmatchedCopies);
            m.put("skippedLines", skippedLines);
            m.put("otherEvents", otherEvents);
            m.put("unmappedCpuLines", unmappedCpuLines);
            m.put("clampedTimes", clampedTimes);
            otherEventCounts.forEach((k, v) -> m.put("other:" + k, v));
            return m;
        }
    }

    /** A buffer started by a receive line, while its address is live. */
    private static final class Live {
        final long address;
        final long time;
        final int cpu;
        final int node;
        final int device;
        final long len;
        long flow;
        int queue;
        boolean copied;
        boolean hadCore;
        /** No later line can change this buffer's Alloc: copied, had its core event, ended, or waited too long. */
        boolean settled;

        Live(long address, long time, int cpu, int node, int device, long len, long flow, int queue, boolean core) {
            this.address = address;
            this.time = time;
            this.cpu = cpu;
            this.node = node;
            this.device = device;
            this.len = len;
            this.flow = flow;
            this.queue = queue;
            this.hadCore = core;
        }

        TraceEvent.Alloc alloc() {
            return new TraceEvent.Alloc(time, address, device, queue, flow, cpu, node, len);
        }
    }

    private final CpuNodeMap nodes;
    private final boolean strict;
    private final String source;
    private final Consumer<TraceEvent> sink;
    private final Map<Long, Live> live = new HashMap<>();
    private final Map<String, Integer> deviceIds = new LinkedHashMap<>();
    private final ArrayDeque<Object> waiting = new ArrayDeque<>(); // Live (pending Alloc) or TraceEvent
    private final List<String> firstSkips = new ArrayList<>();
    private final Map<String, Long> otherEventCounts = new LinkedHashMap<>();
    private long lineNo;
    private long allocs;
    private long consumes;
    private long frees;
    private long unmatchedCopies;
    private long skipped;
    private long others;
    private long unmappedCpu;
    private int maxCpu = -1;
    private long lastEmitted = Long.MIN_VALUE;
    private long clampedTimes;

    /**
     * @param nodes  maps CPUs to nodes
     * @param strict whether the first skipped line is an error
     * @param source the input's name, for messages
     * @param sink   receives the events in order
     */
    public PerfScriptImporter(CpuNodeMap nodes, boolean strict, String source, Consumer<TraceEvent> sink) {
        this.nodes = nodes;
        this.strict = strict;
        this.source = source;
        this.sink = sink;
    }

    /**
     * Reads every line.
     *
     * @param progress called with the number of characters read so far, every few thousand lines
     * @throws TraceFormatException with {@code strict}, at the first skipped line
     */
    public Result run(BufferedReader in, java.util.function.LongConsumer progress) throws IOException {
        String line;
        long chars = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            chars += line.length() + 1;
            accept(line);
            if ((lineNo & 0x3FFF) == 0) {
                progress.accept(chars);
            }
        }
        for (Live buffer : live.values()) {
            buffer.settled = true; // rule 6: live at the end, not freed
        }
        flush();
        progress.accept(chars);
        return new Result(lineNo, allocs, consumes, frees, unmatchedCopies, skipped, others, unmappedCpu, clampedTimes, maxCpu,
                List.copyOf(deviceIds.keySet()), List.copyOf(firstSkips), Map.copyOf(otherEventCounts));
    }

    private void accept(String text) {
        PerfLine line = text.length() > MAX_LINE ? null : PerfLine.parse(text);
        if (line == null) {
            skip(text, text.length() > MAX_LINE ? "longer than " + MAX_LINE + " characters" : "not a perf script line");
            return;
        }
        String event = line.event();
        boolean receive = event.equals(CORE_EVENT) || ENTRY_EVENTS.contains(event);
        boolean copy = event.equals(COPY_EVENT);
        boolean free = FREE_EVENTS.contains(event);
        if (!receive && !copy && !free) {
            others++;
            otherEventCounts.merge(event, 1L, Long::sum);
            return;
        }
        Long address = hex(line.field("skbaddr"));
        if (address == null) {
            skip(text, event + " without a hex skbaddr");
            return;
        }
        long len = -1;
        if (receive || copy) {
            Long parsed = decimal(line.field("len"));
            if (parsed == null) {
                skip(text, event + " without a decimal len");
                return;
            }
            len = parsed;
            maxCpu = Math.max(maxCpu, line.cpu()); // a projection's node count: the highest CPU on any R or C line
        }
        if (receive) {
            receive(line, address, len, event.equals(CORE_EVENT), text);
        } else if (copy) {
            Live buffer = live.get(address);
            if (buffer == null) {
                unmatchedCopies++;
                return;
            }
            int node = nodeOf(line.cpu(), text);
            if (node < 0) {
                return;
            }
            buffer.copied = true;
            buffer.settled = true;
            consumes++;
            emit(new TraceEvent.Consume(line.timeNs(), address, line.cpu(), node, len));
        } else {
            Live buffer = live.remove(address);
            if (buffer != null) {
                buffer.settled = true;
                frees++;
                emit(new TraceEvent.Free(line.timeNs(), address));
            }
        }
    }

    private void receive(PerfLine line, long address, long len, boolean core, String text) {
        String name = line.field("dev");
        if (name == null) {
            name = line.field("name");
        }
        int device = name == null ? -1 : deviceIds.computeIfAbsent(name, n -> deviceIds.size());
        Live buffer = live.get(address);
        Long hash = hex(line.field("hash"));
        long flow = hash == null || hash == 0 ? -1 : hash & 0xFFFF_FFFFL;
        Long queueMapping = decimal(line.field("queue_mapping"));
        int queue = queueMapping == null || queueMapping > Integer.MAX_VALUE ? -1 : queueMapping.intValue();
        if (core && buffer != null && !buffer.copied && !buffer.hadCore) { // rule 1: the same buffer
            buffer.hadCore = true;
            if (buffer.flow == -1) {
                buffer.flow = flow;
            }
            if (buffer.queue == -1) {
                buffer.queue = queue;
            }
            buffer.settled = true;
            flush();
            return;
        }
        int node = nodeOf(line.cpu(), text);
        if (node < 0) {
            return;
        }
        if (buffer != null) { // rule 2: the address was reused; its old buffer ends without a Free
            buffer.settled = true;
        }
        Live started = new Live(address, line.timeNs(), line.cpu(), node, device, len, flow, queue, core);
        started.settled = core; // nothing merges into a buffer started by a core event
        live.put(address, started);
        allocs++;
        waiting.add(started);
        flush();
    }

    private int nodeOf(int cpu, String text) {
        int node = nodes.nodeOf(cpu);
        if (node < 0) {
            unmappedCpu++;
            skip(text, "cpu " + cpu + " is not in the topology");
        }
        return node;
    }

    private void emit(TraceEvent event) {
        waiting.add(event);
        flush();
    }

    /** Emits the waiting events from the front while the front is final. */
    private void flush() {
        while (!waiting.isEmpty()) {
            Object head = waiting.peekFirst();
            if (head instanceof Live buffer) {
                if (!buffer.settled && waiting.size() < MAX_WAITING) {
                    return;
                }
                buffer.settled = true;
                deliver(buffer.alloc());
            } else {
                deliver((TraceEvent) head);
            }
            waiting.pollFirst();
        }
    }

    /**
     * Hands an event to the sink. perf script sorts by time, so the emitted order is time order; for
     * input that is not sorted (concatenated or edited captures) a time earlier than the previous
     * event's is raised to it, and counted as {@code clampedTimes}, so that the trace stays valid.
     */
    private void deliver(TraceEvent event) {
        TraceEvent e = event;
        if (e.timeNs() < lastEmitted) {
            clampedTimes++;
            e = switch (e) {
                case TraceEvent.Alloc a -> new TraceEvent.Alloc(lastEmitted, a.bufferId(), a.device(), a.queue(), a.flow(),
                        a.cpu(), a.node(), a.bytes());
                case TraceEvent.Consume c -> new TraceEvent.Consume(lastEmitted, c.bufferId(), c.cpu(), c.node(), c.bytes());
                case TraceEvent.Free f -> new TraceEvent.Free(lastEmitted, f.bufferId());
            };
        }
        lastEmitted = e.timeNs();
        sink.accept(e);
    }

    private void skip(String text, String why) {
        skipped++;
        String report = source + ":" + lineNo + ": " + why + ": " + (text.length() > 120 ? text.substring(0, 117) + "..." : text);
        if (strict) {
            throw new TraceFormatException(report + " (--strict)");
        }
        if (firstSkips.size() < REPORTED_SKIPS) {
            firstSkips.add(report);
        }
    }

    private static Long hex(String value) {
        if (value == null) {
            return null;
        }
        String digits = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
        if (digits.isEmpty() || digits.length() > 16) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(digits, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long decimal(String value) {
        if (value == null || value.isEmpty() || value.length() > 18) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(value);
    }
}
