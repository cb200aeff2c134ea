package org.numabias.kernel.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.agrona.collections.Long2ObjectHashMap;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceHeader;
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
    private static final String[] ENTRY_EVENTS = {"net:netif_receive_skb_entry", "net:netif_rx_entry",
            "net:napi_gro_receive_entry", "net:napi_gro_frags_entry", "net:netif_receive_skb_list_entry"};
    /** The core receive event. */
    static final String CORE_EVENT = "net:netif_receive_skb";
    static final String COPY_EVENT = "skb:skb_copy_datagram_iovec";
    private static final String[] FREE_EVENTS = {"skb:consume_skb", "skb:kfree_skb"};
    /** The socket an skb was queued to (DESIGN.md's datagram join; its {@code skaddr} only in numabias' perf script dialect). */
    static final String DATA_READY_EVENT = "sock:sk_data_ready";
    /** A read on a socket: the reading CPU, the socket and the length read. */
    static final String RECV_EVENT = "sock:sock_recv_length";
    private static final int CORE = 0;
    private static final int ENTRY = 1;
    private static final int COPY = 2;
    private static final int FREE = 3;
    private static final int OTHER = 4;
    private static final int DATA_READY = 5;
    private static final int RECV = 6;
    /** The events of a kind other than {@link #OTHER}, as characters, and their kinds ({@link #kindOf}). */
    private static final char[][] KIND_NAMES;
    private static final int[] KINDS;

    static {
        Map<String, Integer> kinds = new LinkedHashMap<>(); // in the order kindOf tries them
        kinds.put(CORE_EVENT, CORE);
        kinds.put(DATA_READY_EVENT, DATA_READY);
        kinds.put(RECV_EVENT, RECV);
        kinds.put(COPY_EVENT, COPY);
        for (String name : FREE_EVENTS) {
            kinds.put(name, FREE);
        }
        for (String name : ENTRY_EVENTS) {
            kinds.put(name, ENTRY);
        }
        KIND_NAMES = kinds.keySet().stream().map(String::toCharArray).toArray(char[][]::new);
        KINDS = kinds.values().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The keys the importer reads, as characters (see {@link PerfLineScanner#token(char[])}). */
    private static final char[] SKBADDR = "skbaddr".toCharArray();
    private static final char[] LEN = "len".toCharArray();
    private static final char[] DEV = "dev".toCharArray();
    private static final char[] NAME = "name".toCharArray();
    private static final char[] HASH = "hash".toCharArray();
    private static final char[] QUEUE_MAPPING = "queue_mapping".toCharArray();
    private static final char[] PROTOCOL = "protocol".toCharArray();
    private static final char[] SKADDR = "skaddr".toCharArray();
    private static final char[] SK = "sk".toCharArray();
    private static final char[] FLAGS = "flags".toCharArray();
    private static final char[] RET = "ret".toCharArray();
    /** Lines longer than this are skipped without being parsed. */
    public static final int MAX_LINE = 65_536;
    /** How many skipped lines are remembered for the report. */
    static final int REPORTED_SKIPS = 5;
    /** A pending Alloc is finalised once this many events wait behind it (bounds memory). */
    static final int MAX_WAITING = 1 << 20;

    /** What the import found. */
    public record Result(long lines, long allocs, long consumes, long frees, long unmatchedCopies, long skippedLines,
                         long otherEvents, long unmappedCpuLines, long clampedTimes, int maxCpu, List<String> devices,
                         List<String> firstSkips, Map<String, Long> otherEventCounts, DatagramJoin.Counts datagrams,
                         Backwards backwards) {
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
            if (backwards.lines() > 0) {
                m.put("backwardsLines", backwards.lines());
                m.put("maxBackwardsNs", backwards.maxNs());
            }
            if (datagrams.seen()) {
                datagrams.asMap().forEach((k, v) -> m.put("datagram:" + k, v));
            }
            return m;
        }
    }

    /**
     * Lines whose time is before an earlier line's (perf script sorts by time: concatenated or edited
     * captures, or a clock stepping back). Their events are raised to the previous event's time
     * ({@code clampedTimes}) so the trace stays time-ordered; the lines are counted and reported here.
     *
     * @param lines   how many lines went back in time
     * @param maxNs   the largest step back, in ns
     * @param first   where the first was ({@code file:line: ...}), or null
     */
    public record Backwards(long lines, long maxNs, String first) {
    }

    /** What a datagram read dequeued (DESIGN.md's datagram join): a buffer, or a read still waiting for its buffer. */
    sealed interface Dequeued permits Live, PendingRead {
    }

    /**
     * A datagram read whose socket had nothing queued: its datagram's {@code sk_data_ready} may come
     * after it (another CPU queued the datagram, the reader took it before that CPU's
     * {@code sk_data_ready} fired). It holds its place in the stream until the join gives it a buffer
     * received on an earlier line, or {@link #PENDING_READ_NS} of trace time pass (then it is unjoined).
     */
    static final class PendingRead implements Dequeued {
        final long socket;
        /** Its input line: only a buffer started on an earlier line can be the one it read. */
        final long line;
        final long time;
        final int cpu;
        /** The reading CPU's node, or -1 if the CPU is not in the topology (then no Consume is emitted). */
        final int node;
        final long bytes;
        /** The buffer it read, once its {@code sk_data_ready} came; null while it waits. */
        Live buffer;

        PendingRead(long socket, long line, long time, int cpu, int node, long bytes) {
            this.socket = socket;
            this.line = line;
            this.time = time;
            this.cpu = cpu;
            this.node = node;
            this.bytes = bytes;
        }
    }

    /** How long (trace time) a datagram read that found nothing queued waits for its {@code sk_data_ready}. */
    static final long PENDING_READ_NS = 10_000_000L;

    /** A buffer started by a receive line, while its address is live. */
    static final class Live implements Dequeued {
        final long address;
        final long time;
        final int cpu;
        final int node;
        final int device;
        final long len;
        long flow;
        int queue;
        boolean copied;
        /** The CPU of its core receive event, or -1. */
        int coreCpu = -1;
        /** The input line that started it. */
        long startLine;
        /** Queued to a datagram socket and not read yet (DESIGN.md's datagram join). */
        boolean queued;
        /** Its end (a Free, or its address's reuse), held back while it is queued (the read's Consume goes before it). */
        HeldFree heldFree;
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
    /** The live buffers by address (a primitive-keyed map: no boxed address per line). */
    private final Long2ObjectHashMap<Live> live = new Long2ObjectHashMap<>();
    private final DatagramJoin datagrams = new DatagramJoin();
    private final PerfLineScanner scanner = new PerfLineScanner();
    private Reader in;
    private char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private int lineFrom;
    private int lineTo;
    private final DeviceNames deviceNames = new DeviceNames();
    private final ArrayDeque<Object> waiting = new ArrayDeque<>(); // Live (pending Alloc) or TraceEvent
    private final List<String> firstSkips = new ArrayList<>();
    /** The names of other events, in order of first sight (as characters: compared with every such line). */
    private final List<char[]> otherNames = new ArrayList<>();
    private long[] otherCounts = new long[8];
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
    /** The latest time on any line so far (held Frees time out against it). */
    private long lineTime = Long.MIN_VALUE;
    /** The input has ended: everything held is final. */
    private boolean ending;
    private long clampedTimes;
    private long backwardsLines;
    private long maxBackwardsNs;
    private String firstBackwards;

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
     * Reads every line (lines end at {@code \n}, {@code \r} or {@code \r\n}, as
     * {@link BufferedReader#readLine} splits them). The text is read in blocks into one reused
     * buffer and each line is scanned where it lies: no string per line (the import's hot path,
     * {@code PerfImportBenchmark}).
     *
     * @param progress called with the number of characters read so far, every few thousand lines
     * @throws TraceFormatException with {@code strict}, at the first skipped line
     */
    public Result run(Reader in, java.util.function.LongConsumer progress) throws IOException {
        this.in = in;
        long chars = 0;
        boolean skipLF = false;
        while (true) {
            if (skipLF && (pos < limit || fill()) && buf[pos] == '\n') {
                pos++; // the \n of a \r\n
            }
            int searched = 0;
            int eol = -1;
            boolean wide = false; // a character >= U+0085 (which may be a line terminator within the line) was seen
            while (eol < 0) {
                for (int i = pos + searched; i < limit; i++) {
                    char c = buf[i];
                    if (c <= '\r' || c >= '\u0085') {
                        if (c == '\n' || c == '\r') {
                            eol = i;
                            break;
                        }
                        wide |= c >= '\u0085';
                    }
                }
                if (eol < 0) {
                    searched = limit - pos;
                    if (!fill()) {
                        break;
                    }
                }
            }
            if (eol < 0 && pos == limit) {
                break; // end of input
            }
            int end = eol < 0 ? limit : eol;
            skipLF = eol >= 0 && buf[eol] == '\r';
            lineNo++;
            chars += end - pos + 1;
            lineFrom = pos;
            lineTo = end;
            accept(wide);
            pos = eol < 0 ? limit : eol + 1;
            if ((lineNo & 0x3FFF) == 0) {
                progress.accept(chars);
            }
        }
        for (Live buffer : live.values()) {
            buffer.settled = true; // rule 6: live at the end, not freed
        }
        ending = true;
        flush();
        progress.accept(chars);
        return new Result(lineNo, allocs, consumes, frees, unmatchedCopies, skipped, others, unmappedCpu, clampedTimes, maxCpu,
                deviceNames.list(), List.copyOf(firstSkips), otherEventCounts(), datagrams.counts(),
                new Backwards(backwardsLines, maxBackwardsNs, firstBackwards));
    }

    private Map<String, Long> otherEventCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int k = 0; k < otherNames.size(); k++) {
            counts.put(new String(otherNames.get(k)), otherCounts[k]);
        }
        return Map.copyOf(counts);
    }

    /**
     * Moves what is left of the buffer to its start and reads more behind it (growing the buffer
     * when one line fills it); false at the end of the input.
     */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n <= 0) {
            return false;
        }
        limit += n;
        return true;
    }

    /** Handles the line in {@code buf[lineFrom, lineTo)}; {@code wide}: it holds a character >= U+0085. */
    private void accept(boolean wide) {
        PerfLineScanner line = scanner;
        int length = lineTo - lineFrom;
        if (length > MAX_LINE || !line.scan(buf, lineFrom, lineTo, wide)) {
            skip(length > MAX_LINE ? "longer than " + MAX_LINE + " characters" : "not a perf script line");
            return;
        }
        int kind = kindOf(line);
        if (line.timeNs() < lineTime) {
            backwards(line.timeNs());
        }
        lineTime = Math.max(lineTime, line.timeNs());
        if (kind == DATA_READY || kind == RECV) {
            if (!datagram(line, kind)) {
                kind = OTHER;
            } else {
                return;
            }
        }
        if (kind == OTHER) {
            others++;
            countOther(line);
            return;
        }
        if (!line.hex(SKBADDR)) {
            skip(line.event() + " without a hex skbaddr");
            return;
        }
        long address = line.number();
        long len = -1;
        if (kind != FREE) {
            len = line.decimal(LEN);
            if (len < 0) {
                skip(line.event() + " without a decimal len");
                return;
            }
            maxCpu = Math.max(maxCpu, line.cpu()); // a projection's node count: the highest CPU on any R or C line
        }
        if (kind == CORE || kind == ENTRY) {
            receive(line, address, len, kind == CORE);
        } else if (kind == COPY) {
            Live buffer = live.get(address);
            if (buffer == null) {
                unmatchedCopies++;
                return;
            }
            int node = nodeOf(line.cpu());
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
                datagrams.ended(buffer);
                if (buffer.queued && !buffer.copied) { // freed before its read's event: hold the Free until the read (or a timeout)
                    buffer.heldFree = new HeldFree(line.timeNs(), buffer, true);
                    waiting.add(buffer.heldFree);
                    flush();
                } else {
                    frees++;
                    emit(new TraceEvent.Free(line.timeNs(), address));
                }
            }
        }
    }

    /**
     * The end of a buffer queued to a datagram socket and not read yet, held back: the kernel frees a
     * read datagram possibly before the reader's {@code sock_recv_length} fires, either deferred on
     * the allocating CPU (a traced Free) or, when the reader runs there, into the CPU's skb cache
     * without a trace event, whose next receive may then reuse the address (an untraced end). The
     * read fills in the Consume, emitted at the end's time just before the Free or the reusing Alloc
     * (the copy happened before the free); unread after {@link #HOLD_NS}, the end is emitted alone.
     */
    private static final class HeldFree {
        final long time;
        final Live buffer;
        /** Whether a Free line ended it (a Free is emitted) or a receive reused its address (none is). */
        final boolean traced;
        TraceEvent.Consume consume;
        boolean expired;

        HeldFree(long time, Live buffer, boolean traced) {
            this.time = time;
            this.buffer = buffer;
            this.traced = traced;
        }
    }

    /** How long (trace time) a held Free waits for its datagram's read. */
    static final long HOLD_NS = 100_000_000L;

    /**
     * A {@code sk_data_ready} or {@code sock_recv_length} line (DESIGN.md's datagram join); false
     * if it is not about a datagram socket or lacks the dialect's fields (then it counts as another event).
     */
    private boolean datagram(PerfLineScanner line, int kind) {
        long protocol = line.decimal(PROTOCOL);
        if (!DatagramJoin.isDatagram(protocol)) {
            return false;
        }
        if (kind == DATA_READY) {
            if (!line.hex(SKADDR)) {
                return false;
            }
            PendingRead read = datagrams.dataReady(line.cpu(), line.number());
            if (read != null && read.node >= 0) {
                consumes++;
                flush();
            }
            return true;
        }
        if (!line.hex(SK)) {
            return false;
        }
        long socket = line.number();
        long flags = line.decimal(FLAGS);
        long ret = line.decimal(RET); // -1 for a negative (error) return
        if (ret > Integer.MAX_VALUE) {
            ret = -1; // the tracepoint's ret is an int; perf's script may print a negative one unsigned (-11 as 4294967285)
        }
        int node = nodes.nodeOf(line.cpu());
        Dequeued dequeued = datagrams.read(socket, ret, flags, lineNo, line.timeNs(), line.cpu(), node);
        if (dequeued != null && node < 0) {
            nodeOf(line.cpu()); // counted and reported as an unmapped CPU
        }
        if (dequeued instanceof PendingRead pending) {
            waiting.add(pending);
            return true;
        }
        if (!(dequeued instanceof Live buffer) || node < 0) {
            return true;
        }
        if (buffer.heldFree != null) {
            if (buffer.heldFree.expired) {
                datagrams.lateRead();
                return true;
            }
            buffer.heldFree.consume = new TraceEvent.Consume(buffer.heldFree.time, buffer.address, line.cpu(), node, ret);
            datagrams.joined();
            consumes++;
            flush();
            return true;
        }
        buffer.copied = true;
        datagrams.joined();
        consumes++;
        emit(new TraceEvent.Consume(line.timeNs(), buffer.address, line.cpu(), node, ret));
        return true;
    }

    /** The event's kind: {@link #CORE}, {@link #ENTRY}, {@link #COPY}, {@link #FREE}, {@link #DATA_READY}, {@link #RECV} or {@link #OTHER}. */
    private static int kindOf(PerfLineScanner line) {
        for (int k = 0; k < KIND_NAMES.length; k++) {
            if (line.eventIs(KIND_NAMES[k])) {
                return KINDS[k];
            }
        }
        return OTHER;
    }

    /** Counts a line of another event, by name (a new name is copied out of the line once). */
    private void countOther(PerfLineScanner line) {
        for (int k = 0; k < otherNames.size(); k++) {
            if (line.eventIs(otherNames.get(k))) {
                otherCounts[k]++;
                return;
            }
        }
        if (otherNames.size() == otherCounts.length) {
            otherCounts = java.util.Arrays.copyOf(otherCounts, otherCounts.length * 2);
        }
        otherCounts[otherNames.size()] = 1;
        otherNames.add(line.event().toCharArray());
    }

    /** The device of a receive line ({@code dev=}, else {@code name=}; numbered by first sight), or -1. */
    private int deviceOf(PerfLineScanner line) {
        int t = line.token(DEV);
        if (t < 0) {
            t = line.token(NAME);
            if (t < 0) {
                return -1;
            }
        }
        int d = deviceNames.find(line, t);
        if (d >= 0) {
            return d;
        }
        if (deviceNames.full()) {
            throw new TraceFormatException(source + ":" + lineNo + ": device name '" + line.value(t) + "' would be device "
                    + (TraceHeader.MAX_ENTRIES + 1) + "; a trace holds at most " + TraceHeader.MAX_ENTRIES + " device names");
        }
        return deviceNames.add(line.value(t));
    }

    private void receive(PerfLineScanner line, long address, long len, boolean core) {
        int device = deviceOf(line);
        Live buffer = live.get(address);
        long flow = line.hex(HASH) && line.number() != 0 ? line.number() & 0xFFFF_FFFFL : -1;
        long queueMapping = line.decimal(QUEUE_MAPPING);
        int queue = queueMapping > Integer.MAX_VALUE ? -1 : (int) queueMapping;
        if (core && buffer != null && !buffer.copied && !buffer.hadCore) { // rule 1: the same buffer
            buffer.hadCore = true;
            if (buffer.flow == -1) {
                buffer.flow = flow;
            }
            if (buffer.queue == -1) {
                buffer.queue = queue;
            }
            buffer.settled = true;
            datagrams.received(line.cpu(), buffer);
            flush();
            return;
        }
        int node = nodeOf(line.cpu());
        if (node < 0) {
            return;
        }
        if (buffer != null) { // rule 2: the address was reused; its old buffer ends without a Free
            buffer.settled = true;
            datagrams.ended(buffer);
            if (buffer.queued && !buffer.copied) { // read, and recycled untraced before the read's event: hold its end
                buffer.heldFree = new HeldFree(line.timeNs(), buffer, false);
                waiting.add(buffer.heldFree);
            }
        }
        Live started = new Live(address, line.timeNs(), line.cpu(), node, device, len, flow, queue, core);
        started.startLine = lineNo;
        started.settled = core; // nothing merges into a buffer started by a core event
        live.put(address, started);
        if (core) {
            datagrams.received(line.cpu(), started);
        }
        allocs++;
        waiting.add(started);
        flush();
    }

    private int nodeOf(int cpu) {
        int node = nodes.nodeOf(cpu);
        if (node < 0) {
            unmappedCpu++;
            skip("cpu " + cpu + " is not in the topology");
        }
        return node;
    }

    private void emit(TraceEvent event) {
        if (waiting.isEmpty()) {
            deliver(event); // nothing waits before it: what flush would do at once
            return;
        }
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
            } else if (head instanceof HeldFree held) {
                if (held.consume == null && !ending && waiting.size() < MAX_WAITING && lineTime - held.time < HOLD_NS) {
                    return;
                }
                if (held.consume != null) {
                    deliver(held.consume);
                } else {
                    held.expired = true;
                }
                if (held.traced) {
                    frees++;
                    deliver(new TraceEvent.Free(held.time, held.buffer.address));
                }
            } else if (head instanceof PendingRead read) {
                if (read.buffer == null && !ending && waiting.size() < MAX_WAITING && lineTime - read.time < PENDING_READ_NS) {
                    return;
                }
                if (read.buffer != null) {
                    if (read.node >= 0) {
                        deliver(new TraceEvent.Consume(read.time, read.buffer.address, read.cpu, read.node, read.bytes));
                    }
                } else {
                    datagrams.unjoined(read);
                }
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

    /** The name of device {@code id} if it has been seen; safe from any thread while the import runs. */
    public String deviceName(int id) {
        return deviceNames.name(id);
    }

    /** The current line's time is {@code time}, before an earlier line's: counted, reported (an error with --strict). */
    private void backwards(long time) {
        long step = lineTime - time;
        backwardsLines++;
        maxBackwardsNs = Math.max(maxBackwardsNs, step);
        if (firstBackwards == null || strict) {
            int length = lineTo - lineFrom;
            String text = length > 120 ? new String(buf, lineFrom, 117) + "..." : new String(buf, lineFrom, length);
            String report = source + ":" + lineNo + ": time goes back " + step + " ns before an earlier line's: " + text;
            if (strict) {
                throw new TraceFormatException(report + " (--strict)");
            }
            firstBackwards = report;
        }
    }

    /** Counts the current line as skipped (and reports it: an error with --strict). */
    private void skip(String why) {
        skipped++;
        int length = lineTo - lineFrom;
        String text = length > 120 ? new String(buf, lineFrom, 117) + "..." : new String(buf, lineFrom, length);
        String report = source + ":" + lineNo + ": " + why + ": " + text;
        if (strict) {
            throw new TraceFormatException(report + " (--strict)");
        }
        if (firstSkips.size() < REPORTED_SKIPS) {
            firstSkips.add(report);
        }
    }
}
