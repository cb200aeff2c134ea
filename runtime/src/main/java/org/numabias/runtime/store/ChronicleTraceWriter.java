package org.numabias.runtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.numabias.api.trace.EventDigest;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;

/**
 * Writes a trace into a Chronicle Queue directory: the header first, then events as raw bytes (one
 * excerpt each) with a checksum excerpt after every block of {@link #BLOCK_EVENTS} events (and at
 * least every second), then, on {@link #close(TraceHeader)}, a seal holding the final header (device
 * names and counts known only at the end, and the events digest, {@link #EVENTS_SHA256}), the totals
 * and a checksum over every event.
 *
 * <p><b>Atomic output.</b> The trace is written into {@code DIR.incomplete} next to the target and
 * renamed to {@code DIR} only when it is sealed, so a trace under the target's name is always
 * complete. A writer that stops early keeps {@code DIR.incomplete}: every event up to its last
 * checksum is readable there (an unsealed trace, reported as incomplete; the events after the last
 * checksum are ignored). {@link #abandon()} removes it instead, for failures after which the data is
 * worthless (a bad input file). Not thread-safe: one writer thread.
 *
 * <p><b>One writer.</b> A writer holds an {@link OutputLock} on {@code DIR.lock} from creation to
 * close, so a second writer for the same target is refused naming the first instead of both
 * writing into one queue. A full or failing file system (which faults a write into the mapped file)
 * ends the writer with one {@link UncheckedIOException} naming the directory, keeping what was
 * checksummed.
 *
 * <p><b>Block size.</b> Chronicle grows a queue file in blocks of {@link #BLOCK_SIZE} bytes (sparse:
 * untouched blocks use no disk). Larger blocks write faster (1 MiB blocks cost 27% of write speed
 * against 64 MiB, TraceStoreBenchmark) but make the file's apparent size large, which costs real
 * bytes when it is copied without sparse-file support. Both are had: 64 MiB blocks while writing, and
 * on sealing the last file is cut to its data (rounded up to 4 KiB), so a small sealed trace is about
 * 0.7 MB whatever tool copies it. An unsealed trace keeps its sparse 64 MiB tail. The cut is where the
 * seal ends, known from writing it: sealing reads nothing back.
 */
public final class ChronicleTraceWriter implements AutoCloseable {
    /** Events per checksum block: what a reader buffers, and the most a killed writer loses besides the last second. */
    public static final int BLOCK_EVENTS = 1024;
    /** Chronicle's block size while writing; see the class comment. */
    public static final long BLOCK_SIZE = 64L << 20;
    private static final long CHECKPOINT_NS = 1_000_000_000L;
    private static final String INCOMPLETE = ".incomplete";
    /**
     * The seal header's provenance key for the events digest ({@link EventDigest}) computed while
     * writing: the seal's checksum covers it, {@code verify} checks it, and a replay of the sealed trace
     * uses it instead of hashing every event. Readers take it out of the header they hand out.
     */
    static final String EVENTS_SHA256 = "eventsSha256";
    private static final String STOPPED = "writing stopped";

    private final Path target;
    private final Path dir;
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    /** The event excerpts of the block since the last checksum, back to back: checksummed in one pass at the checksum. */
    private final byte[] blockBytes = new byte[BLOCK_EVENTS * ExcerptKind.ALLOC_BYTES];
    private int blockLength;
    private final CRC32C blockCrc = new CRC32C();
    /** The CRC32C of every event excerpt in order, concatenated from the block checksums. */
    private int traceCrc;
    private final Crc32cConcat concat = new Crc32cConcat();
    private final EventDigest digest = new EventDigest();
    private long events;
    private long allocs;
    private long consumes;
    private long frees;
    private long blocks;
    private int blockCount;
    private long lastCheckpointNs = System.nanoTime();
    private LongConsumer checkpoints = n -> { };
    private boolean closed;

    private final OutputLock lock;

    private ChronicleTraceWriter(Path target, Path dir, TraceHeader header, OutputLock lock) {
        this.target = target;
        this.dir = dir;
        this.lock = lock;
        ChronicleQueue q = null;
        try {
            q = openQueue(dir);
            this.queue = q;
            this.appender = q.createAppender();
            writeHeader(ExcerptKind.HEADER, withoutDigest(header), null); // only the seal's digest is the events'
        } catch (RuntimeException | InternalError e) {
            if (q != null) {
                closeQuietly(q);
            }
            throw StoreWriteFailure.translate(e, dir, "could not start the trace");
        }
    }

    /** {@code header} without an {@link #EVENTS_SHA256} entry. */
    static TraceHeader withoutDigest(TraceHeader header) {
        if (!header.provenance().containsKey(EVENTS_SHA256)) {
            return header;
        }
        java.util.Map<String, String> provenance = new java.util.LinkedHashMap<>(header.provenance());
        provenance.remove(EVENTS_SHA256);
        return new TraceHeader(header.formatVersion(), header.topology(), header.deviceNames(), provenance, header.counts());
    }

    static ChronicleQueue openQueue(Path dir) {
        return ChronicleQueue.singleBuilder(dir).rollCycle(net.openhft.chronicle.queue.rollcycles.LargeRollCycles.XLARGE_DAILY)
                .blockSize(BLOCK_SIZE).build();
    }

    /** Where the trace for {@code target} is written until it is sealed. */
    public static Path incompleteDir(Path target) {
        Path name = target.toAbsolutePath().normalize().getFileName();
        return target.toAbsolutePath().normalize().resolveSibling(name + INCOMPLETE);
    }

    /**
     * Prepares Chronicle for a writer created or sealed while the JVM shuts down (a SIGTERM's or
     * Ctrl-C's shutdown hook): Chronicle registers a JVM shutdown hook when its resource releaser
     * class initializes, which fails ("Shutdown in progress") if that first happens during shutdown.
     * Call it before installing a hook that seals a trace.
     *
     * @throws org.numabias.api.ConfigurationException if the JVM is already shutting down (a signal
     *         came before anything was recorded)
     */
    public static void prepareForShutdownSeal() {
        try {
            Class.forName("net.openhft.chronicle.core.io.BackgroundResourceReleaser", true,
                    ChronicleTraceWriter.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Chronicle Core is missing from the class path", e);
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            if (shuttingDown()) {
                throw new org.numabias.api.ConfigurationException("stopped during start-up (the JVM is shutting down, "
                        + "e.g. on SIGTERM) before anything was recorded");
            }
            throw e;
        }
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** {@link #create(Path, TraceHeader, boolean)} without {@code force}. */
    public static ChronicleTraceWriter create(Path target, TraceHeader header) {
        return create(target, header, false);
    }

    /**
     * Creates a new trace for {@code target} (written into {@link #incompleteDir} until sealed).
     *
     * @param force replace an existing trace (and an earlier incomplete output) at {@code target}
     * @throws UncheckedIOException if {@code target} holds something and may not be replaced (nothing is overwritten)
     */
    public static ChronicleTraceWriter create(Path target, TraceHeader header, boolean force) {
        return create(claim(target, force), target, header, force);
    }

    /**
     * Claims {@code target} for one writer and checks that it can receive a new trace ({@link
     * #requireNewOutput(Path, boolean)}), for a command that must refuse before long work and write
     * later: pass the claim to {@link #create(OutputLock, Path, TraceHeader, boolean)}.
     *
     * @throws UncheckedIOException if another writer holds it (naming the holder) or it is in the way
     */
    public static OutputLock claim(Path target, boolean force) {
        OutputLock lock = OutputLock.forTrace(target);
        try {
            requireNewOutput(target, force);
            return lock;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * {@link #create(Path, TraceHeader, boolean)} under a {@link #claim(Path, boolean)} made earlier
     * (the writer owns it from now on and releases it when it closes).
     */
    public static ChronicleTraceWriter create(OutputLock lock, Path target, TraceHeader header, boolean force) {
        try {
            requireNewOutput(target, force);
            Path dir = incompleteDir(target);
            try {
                if (force) {
                    deleteTrace(dir);
                }
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
            }
            try {
                return new ChronicleTraceWriter(target, dir, header, lock);
            } catch (RuntimeException e) {
                removeQuietly(dir, e);
                throw e;
            }
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static void removeQuietly(Path dir, Throwable cause) {
        try {
            deleteTrace(dir);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(ChronicleQueue q) {
        try {
            q.close();
        } catch (RuntimeException | InternalError ignored) {
            // the queue's file is what failed; the first error is the one reported
        }
    }

    /** {@link #requireNewOutput(Path, boolean)} without {@code force}. */
    public static void requireNewOutput(Path target) {
        requireNewOutput(target, false);
    }

    /**
     * Checks that {@code target} can receive a new trace, so that a command can refuse before doing
     * long work (a recording) whose result it could not store: it must not exist or be an empty
     * directory, and no earlier incomplete output may be in the way, unless {@code force} and both
     * are trace directories (nothing else is ever deleted).
     *
     * @throws UncheckedIOException naming what is in the way
     */
    public static void requireNewOutput(Path target, boolean force) {
        try {
            checkReplaceable(target, force, "use --force to replace it");
            checkReplaceable(incompleteDir(target), force, "it holds an unfinished earlier output (see what it holds "
                    + "with 'numabias verify " + incompleteDir(target) + "'); remove it or use --force");
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static void checkReplaceable(Path dir, boolean force, String advice) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " exists and is not a directory; refusing to overwrite it");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.toList();
        }
        if (files.isEmpty()) {
            return;
        }
        if (!onlyQueueFiles(files)) {
            throw new IOException(dir + " is not empty and not a trace; refusing to overwrite it (remove it or choose another output)");
        }
        if (!force) {
            throw new IOException(dir + " exists; " + advice);
        }
    }

    private static boolean onlyQueueFiles(List<Path> files) {
        return files.stream().allMatch(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && (p.getFileName().toString().endsWith(".cq4") || p.getFileName().toString().endsWith(".cq4t")));
    }

    /** Deletes a trace directory if it holds only queue files (refuses anything else). */
    private static void deleteTrace(Path dir) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.toList();
        }
        if (!onlyQueueFiles(files)) {
            throw new IOException(dir + " holds files other than a trace's; refusing to delete it");
        }
        for (Path f : files) {
            Files.delete(f);
        }
        Files.delete(dir);
    }

    /** Called with the number of events covered by checksums each time a checksum block is written. */
    public void onCheckpoint(LongConsumer listener) {
        this.checkpoints = listener;
    }

    /** Where the events are being written (the {@code .incomplete} directory until sealed). */
    public Path directory() {
        return dir;
    }

    /** Appends a header or seal excerpt; returns where it ends in its queue file ({@link #append}). */
    private long writeHeader(byte kind, TraceHeader header, ByteBuffer totals) {
        byte[] payload = HeaderCodec.encode(header);
        int extra = totals == null ? 0 : totals.remaining();
        ByteBuffer excerpt = ByteBuffer.allocate(1 + payload.length + extra + 4).order(ByteOrder.LITTLE_ENDIAN);
        excerpt.put(kind).put(payload);
        if (totals != null) {
            excerpt.put(totals);
        }
        CRC32C crc = new CRC32C();
        crc.update(excerpt.array(), 0, excerpt.position());
        excerpt.putInt((int) crc.getValue());
        return append(excerpt.array(), 0, excerpt.position());
    }

    /**
     * Appends one excerpt holding {@code bytes[from, from + length)}; returns the byte offset in the
     * current queue file just after its payload (Chronicle maps the whole file: its write position is
     * the file offset).
     */
    private long append(byte[] bytes, int from, int length) {
        DocumentContext dc;
        try {
            dc = appender.writingDocument();
        } catch (RuntimeException | InternalError e) {
            throw failed(e);
        }
        long end;
        try {
            net.openhft.chronicle.bytes.Bytes<?> out = dc.wire().bytes();
            out.write(bytes, from, length);
            end = out.writePosition();
        } catch (RuntimeException | InternalError e) {
            try {
                dc.rollbackOnClose(); // never mark a half-written excerpt complete
                dc.close();
            } catch (RuntimeException | InternalError e2) {
                e.addSuppressed(e2);
            }
            throw failed(e);
        }
        try {
            dc.close();
        } catch (RuntimeException | InternalError e) {
            throw failed(e);
        }
        return end;
    }

    /**
     * Closes after a failed write (the file system is full or failing) and translates the failure
     * into one line naming the trace; the {@code .incomplete} directory is kept, readable up to the
     * last checksum.
     */
    private RuntimeException failed(Throwable e) {
        RuntimeException translated = StoreWriteFailure.translate(e, dir, STOPPED + ": the first "
                + (events - blockCount) + " events are kept there, readable (see 'numabias verify " + dir + "')");
        if (!closed) {
            closed = true;
            try {
                appender.close();
            } catch (RuntimeException | InternalError ignored) {
                // the mapped file is what failed
            }
            closeQuietly(queue);
            try {
                shrink(dir); // frees the unwritten tail: on a full tmpfs even reading its holes faults
            } catch (IOException | RuntimeException | InternalError e2) {
                translated.addSuppressed(e2);
            }
            lock.close();
        }
        return translated;
    }

    /** Appends one event (its excerpt now; its block's checksum after the block's last event). */
    public void write(TraceEvent event) {
        int at = blockLength;
        int length = ExcerptKind.encode(event, blockBytes, at);
        append(blockBytes, at, length);
        blockLength += length;
        digest.add(event);
        events++;
        switch (blockBytes[at]) {
            case ExcerptKind.ALLOC -> allocs++;
            case ExcerptKind.CONSUME -> consumes++;
            default -> frees++;
        }
        blockCount++;
        if (blockCount == BLOCK_EVENTS || (blockCount % 64 == 0 && System.nanoTime() - lastCheckpointNs > CHECKPOINT_NS)) {
            checkpoint();
        }
    }

    /**
     * Writes the checksum of the events since the last one, so that they count as written even if
     * the writer is killed now. Called every {@link #BLOCK_EVENTS} events and at least every second
     * while events arrive; a writer that may sit idle (live recording) calls it when idle.
     */
    public void checkpoint() {
        if (blockCount == 0) {
            return;
        }
        blockCrc.update(blockBytes, 0, blockLength);
        int crc = (int) blockCrc.getValue();
        ByteBuffer k = ByteBuffer.allocate(ExcerptKind.CHECKSUM_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        k.put(ExcerptKind.CHECKSUM).putLong(events - blockCount).putInt(blockCount).putInt(crc);
        append(k.array(), 0, k.position());
        traceCrc = concat.concat(traceCrc, crc, blockLength);
        blocks++;
        blockCount = 0;
        blockLength = 0;
        blockCrc.reset();
        lastCheckpointNs = System.nanoTime();
        checkpoints.accept(events);
    }

    /** Events written so far. */
    public long events() {
        return events;
    }

    /**
     * Writes every event of {@code source} into a new trace for {@code target}, sealed with {@code header};
     * on failure nothing is left behind.
     *
     * @return the number of events written
     */
    public static long copy(TraceSource source, TraceHeader header, Path target) {
        return copy(source, header, target, false, n -> { });
    }

    /**
     * {@link #copy(TraceSource, TraceHeader, Path)}, replacing an existing trace when {@code force},
     * telling {@code checkpoints} the number of events safely written at each checksum.
     */
    public static long copy(TraceSource source, TraceHeader header, Path target, boolean force, LongConsumer checkpoints) {
        ChronicleTraceWriter writer = create(target, header, force);
        writer.onCheckpoint(checkpoints);
        try (TraceCursor cursor = source.open()) {
            while (cursor.hasNext()) {
                writer.write(cursor.next());
            }
        } catch (UncheckedIOException e) {
            writer.abandon(e);
            String m = e.getMessage();
            int kept = m.indexOf("; " + STOPPED);
            throw new UncheckedIOException((kept < 0 ? m : m.substring(0, kept)) + "; " + STOPPED + ", nothing was kept",
                    e.getCause());
        } catch (RuntimeException | Error e) {
            writer.abandon(e);
            throw e;
        }
        writer.close(header);
        return writer.events;
    }

    /**
     * Seals the trace with its final header, closes the queue, cuts the last file to its data and
     * moves the trace to its target name (replacing an existing trace there only if created with force).
     */
    public void close(TraceHeader finalHeader) {
        if (closed) {
            return;
        }
        checkpoint();
        ByteBuffer totals = ByteBuffer.allocate(ExcerptKind.SEAL_TOTALS_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        totals.putLong(events).putLong(allocs).putLong(consumes).putLong(frees).putLong(blocks).putInt(traceCrc);
        long sealEnd = writeHeader(ExcerptKind.SEAL, finalHeader.withProvenance(EVENTS_SHA256, digest.hex()), totals.flip());
        Path last = appender.currentFile().toPath();
        try {
            closeQueue();
        } catch (RuntimeException | InternalError e) {
            throw failed(e);
        }
        try {
            cut(last, (sealEnd + 3) & ~3L); // the seal is the last excerpt: its end, 4-byte aligned, is the data's
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Path old = target.resolveSibling(target.getFileName() + ".replaced");
                deleteTrace(old);
                move(target, old);
                move(dir, target);
                deleteTrace(old);
            } else {
                move(dir, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": sealed, but could not be moved to " + target + ": " + e.getMessage(), e);
        } finally {
            lock.close();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Cuts the last queue file after its data, for a writer that stopped without knowing where its
     * data ends (a failed write): the end is found from where the file's queue header says its last
     * document is ({@link QueueFiles#recordedDataEnd}); the files are walked only when that cannot be
     * trusted. A seal knows the end (its own) and cuts without reading the file again.
     */
    private static void shrink(Path dir) throws IOException {
        long end;
        Path last;
        try (QueueFiles files = new QueueFiles(dir)) {
            if (files.paths().isEmpty()) {
                return;
            }
            int index = files.paths().size() - 1;
            last = files.paths().get(index);
            end = files.recordedDataEnd(index);
            if (end < 0) {
                QueueFiles.Walk walk = files.trustingWalk();
                while (walk.next()) {
                    // to the end
                }
                end = walk.dataEnd(index);
            }
        }
        if (end >= 0) {
            cut(last, end);
        }
    }

    /**
     * Cuts queue file {@code last} after its data ending at {@code end} (4-byte aligned, where the next
     * document's header would go), plus room for Chronicle's 4-byte end mark, rounded up to 4 KiB.
     */
    private static void cut(Path last, long end) throws IOException {
        long size = (end + 4 + 4095) & ~4095L;
        try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
            if (ch.size() > size) {
                ch.truncate(size);
            }
        }
    }

    /**
     * Closes without a seal, keeping the {@code .incomplete} directory: it reads back with its initial
     * header, marked incomplete, every event written so far included (a checksum is written first).
     */
    @Override
    public void close() {
        if (!closed) {
            checkpoint();
            try {
                closeQueue();
            } catch (RuntimeException | InternalError e) {
                throw failed(e);
            }
            lock.close();
        }
    }

    /** Closes and deletes the unfinished trace (the input was bad: nothing in it is worth keeping). */
    public void abandon() {
        try {
            closeQueue();
        } catch (RuntimeException | InternalError e) {
            failed(e);
        }
        try {
            deleteTrace(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": could not remove the unfinished trace: " + e.getMessage(), e);
        } finally {
            lock.close();
        }
    }

    private void abandon(Throwable cause) {
        try {
            abandon();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private void closeQueue() {
        if (closed) {
            return;
        }
        closed = true;
        appender.close();
        queue.close();
    }
}
