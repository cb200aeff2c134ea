package org.numabias.kernel.stream;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.api.Topology;
import org.numabias.api.trace.PullCursor;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;
import org.numabias.kernel.perf.PerfScriptImporter;
import org.numabias.runtime.topology.CpuNodeMap;

/**
 * A trace that is still arriving: {@code perf script} text (a live pipe, or any {@link Reader}) imported
 * online with the perf importer's rules on a thread of its own, its events handed to the one cursor
 * through a bounded queue (when the reader falls behind, the import waits and perf's buffers absorb
 * or lose events, which perf counts). Memory: the queue and the importer's live buffers.
 *
 * <p>Unlike a stored trace it can be read <b>once</b>: {@link #open()} a second time is an error. The
 * topology is fixed before the first event (a replay needs it up front); {@link #header()} has the
 * device names and counts known so far (all of them once the cursor has ended). Every event can also
 * be kept as a trace ({@code record}): written on the importing thread (a Chronicle appender belongs to
 * its thread), in the same order, and sealed there when {@link #seal} is called after the end.
 */
public final class StreamingTraceSource implements TraceSource {
    /** Events buffered between the importing thread and the reader. */
    public static final int QUEUE_EVENTS = 1 << 14;
    private static final Object END = new Object();

    private final Reader input;
    private final CpuNodeMap nodes;
    private final Topology topology;
    private final String description;
    private final Map<String, String> provenance;
    private final Path record;
    private final boolean force;
    private final CompletableFuture<TraceHeader> sealWith = new CompletableFuture<>();
    private final CompletableFuture<Void> sealed = new CompletableFuture<>();
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_EVENTS);
    private final AtomicLong events = new AtomicLong();
    private volatile PerfScriptImporter importer;
    private volatile PerfScriptImporter.Result result;
    private volatile RuntimeException failure;
    private volatile boolean closed;
    private ChronicleTraceWriter writer;
    private boolean opened;

    /**
     * @param input       perf script text (default layout or numabias' dialect)
     * @param nodes       CPU to node map
     * @param topology    the topology of the whole stream (a projection's node count fixed up front)
     * @param description the stream's name, for messages ({@code file:line} of a bad line)
     * @param provenance  the header's provenance
     * @param record      also keep the events as a trace in this directory (null: none); it must be new
     *                    (or {@code force}): check with {@link ChronicleTraceWriter#requireNewOutput} first
     * @param force       replace a trace at {@code record}
     */
    public StreamingTraceSource(Reader input, CpuNodeMap nodes, Topology topology, String description,
                                Map<String, String> provenance, Path record, boolean force) {
        this.input = input;
        this.nodes = nodes;
        this.topology = topology;
        this.description = description;
        this.provenance = Map.copyOf(provenance);
        this.record = record;
        this.force = force;
        if (record == null) {
            sealed.complete(null);
        }
    }

    /**
     * Seals the recorded trace with {@code header} (device names and counts from {@link #result()},
     * what the caller knows about how the stream ended in its provenance) once the import has ended;
     * waits for it at most {@code seconds}. Without a record, nothing.
     *
     * @throws IllegalStateException if the trace could not be sealed in time (it is kept as DIR.incomplete)
     */
    public void seal(TraceHeader header, long seconds) {
        sealWith.complete(header);
        try {
            sealed.get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(record + ": the trace was not sealed within " + seconds + " s (kept as "
                    + ChronicleTraceWriter.incompleteDir(record) + ")");
        }
    }

    @Override
    public TraceHeader header() {
        PerfScriptImporter.Result r = result;
        return TraceHeader.of(topology, r == null ? List.of() : r.devices(), provenance, r == null ? Map.of() : r.counts());
    }

    @Override
    public String description() {
        return description;
    }

    /** Events imported so far (any thread). */
    public long eventsSoFar() {
        return events.get();
    }

    /** The name of device {@code id} if it has been seen (any thread), else null. */
    public String deviceName(int id) {
        PerfScriptImporter i = importer;
        return i == null ? null : i.deviceName(id);
    }

    /** What the import found, once the cursor has reached the end (else null). */
    public PerfScriptImporter.Result result() {
        return result;
    }

    /**
     * Starts the import and returns the stream's only cursor: {@link TraceCursor#hasNext()} waits for
     * the next event; it ends when the input ends. A bad line (with a strict importer) or an I/O error
     * is thrown from the cursor after the events before it.
     *
     * @throws IllegalStateException the second time: a stream cannot be read from its start again
     */
    @Override
    public synchronized TraceCursor open() {
        if (opened) {
            throw new IllegalStateException(description + " is a stream: it can be read only once (record it with a "
                    + "trace writer to read it again)");
        }
        opened = true;
        PerfScriptImporter imp = new PerfScriptImporter(nodes, false, description, this::accept);
        importer = imp;
        Thread.ofPlatform().name("numabias-stream-import").daemon().start(() -> {
            try {
                if (record != null) {
                    writer = ChronicleTraceWriter.create(record, TraceHeader.of(topology, List.of(), provenance, Map.of()), force);
                }
                result = imp.run(input, c -> { });
            } catch (IOException e) {
                failure = new UncheckedIOException(description + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                put(END);
                sealHere();
            }
        });
        return new PullCursor() {
            @Override
            protected TraceEvent fetch() {
                Object next;
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TraceFormatException(description + ": interrupted while waiting for events");
                }
                if (next == END) {
                    queue.offer(END); // a later hasNext() ends again
                    if (failure != null) {
                        throw failure;
                    }
                    return null;
                }
                return (TraceEvent) next;
            }

            @Override
            public void close() {
                closed = true;
                queue.clear(); // an importer waiting to put is released
            }
        };
    }

    /** On the importing thread, after the end: waits for {@link #seal} (or gives up after a day) and seals. */
    private void sealHere() {
        if (writer == null) {
            sealed.complete(null);
            return;
        }
        try {
            writer.close(sealWith.get(1, TimeUnit.DAYS));
            sealed.complete(null);
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            writer.close(); // kept unsealed, readable, as DIR.incomplete
            sealed.completeExceptionally(e instanceof RuntimeException r ? r : new IllegalStateException(e));
        }
    }

    private void accept(TraceEvent event) {
        if (writer != null) {
            writer.write(event);
        }
        events.incrementAndGet();
        put(event);
    }

    /** Hands an element to the reader, waiting while the queue is full (until the reader closes its cursor). */
    private void put(Object element) {
        try {
            while (!closed && !queue.offer(element, 100, TimeUnit.MILLISECONDS)) {
                // the reader is behind: wait (perf buffers, or loses and counts)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
