package org.numabias.runtime.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.numabias.api.ConfigurationException;
import org.numabias.api.Topology;
import org.numabias.api.trace.EventDigest;
import org.numabias.api.trace.PullCursor;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.api.trace.TraceHeader;
import org.numabias.api.trace.TraceSource;

/**
 * Reads a trace written by {@link ChronicleTraceWriter}. The header is the seal's when the trace was
 * closed properly. An unsealed trace (a killed writer) is read up to its last checksum; its header
 * is the initial one with provenance {@code incomplete=true ...} saying what was ignored, and its
 * node count is raised to cover the nodes its events use (the final topology was to be in the seal).
 *
 * <p>Reading never goes through Chronicle's tailer but through {@link QueueFiles}: bounded by the
 * files' real sizes, so a truncated or damaged trace gives a {@link TraceFormatException} naming the
 * file and byte, never a JVM fault. Every block of events is checked against its checksum before it
 * is handed out (format 2; format-1 traces are read unchecked), decoded into columns
 * ({@link #blocks()}); the record cursor ({@link #open()}) is a view of those blocks. Cursors stream:
 * memory does not grow with the trace's length. Close the source when done.
 */
public final class ChronicleTraceSource implements TraceSource, AutoCloseable {
    private final Path dir;
    private final QueueFiles files;
    private final TraceHeader header;
    /** The seal's event total (format 2), or -1: format 1, or unsealed. */
    private final long sealedEvents;
    /** The events digest the seal keeps, or null (unsealed, or written before seals kept it). */
    private final String sealedDigest;

    private ChronicleTraceSource(Path dir) {
        this.dir = dir;
        this.files = new QueueFiles(dir);
        try {
            TraceReader.HeaderExcerpt excerpt = readHeader();
            this.header = excerpt.header();
            this.sealedEvents = excerpt.totals() == null ? -1 : excerpt.totals().events();
            this.sealedDigest = excerpt.totals() == null ? null : excerpt.eventsSha256();
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
    }

    /** Whether {@code path} looks like a trace directory (a directory with Chronicle queue files). */
    public static boolean isTraceDir(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".cq4"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens the trace in {@code dir}.
     *
     * @throws TraceFormatException if it is not a numabias trace, is damaged where it must be read now
     *                              (header, seal), or has a newer format version
     * @throws UncheckedIOException if its files cannot be read
     */
    public static ChronicleTraceSource open(Path dir) {
        if (!isTraceDir(dir)) {
            Path incomplete = ChronicleTraceWriter.incompleteDir(dir);
            throw new TraceFormatException(dir + ": not a numabias trace directory (no Chronicle Queue .cq4 files)"
                    + (isTraceDir(incomplete) ? "; " + incomplete + " holds an unfinished one" : ""));
        }
        return new ChronicleTraceSource(dir);
    }

    /**
     * The seal (with its totals in format 2), or for an unsealed trace its inferred header without totals.
     * The seal is looked up where the last file's queue header says the last document is; only when it
     * is not there are the files walked (an unsealed or damaged trace), so opening a sealed trace costs
     * no more for a long one. Damage before the seal is found when the events are read.
     */
    private TraceReader.HeaderExcerpt readHeader() {
        TraceReader reader = new TraceReader(files, dir.toString(), false);
        QueueFiles.Document last = files.lastDocument();
        if (last != null && files.map(last.file()).get(java.lang.foreign.ValueLayout.JAVA_BYTE, last.payload()) == ExcerptKind.SEAL) {
            return TraceReader.headerExcerpt(files, last.file(), last.payload(), last.length(),
                    files.paths().get(last.file()) + " at byte " + (last.payload() - 4), true);
        }
        QueueFiles.Walk walk = files.walk();
        int file = -1;
        long payload = -1;
        int length = 0;
        while (walk.next()) {
            file = walk.file();
            payload = walk.payload();
            length = walk.length();
        }
        if (file >= 0 && files.map(file).get(java.lang.foreign.ValueLayout.JAVA_BYTE, payload) == ExcerptKind.SEAL) {
            return TraceReader.headerExcerpt(files, file, payload, length, files.paths().get(file) + " at byte " + (payload - 4),
                    true);
        }
        return new TraceReader.HeaderExcerpt(withLoss(unsealed(reader), walk, reader.verified()), null, null);
    }

    /**
     * {@code header} marked {@link TraceState#DAMAGED} if a file's queue header says Chronicle finished
     * a document at or past where the file's data now ends (zeros where data was: a sealed trace whose
     * tail was lost reads like an unfinished one otherwise).
     */
    private TraceHeader withLoss(TraceHeader header, QueueFiles.Walk walk, long readable) {
        if (walk.end() != QueueFiles.End.CLEAN) {
            return header;
        }
        for (int i = 0; i < files.paths().size(); i++) {
            long written = files.writePosition(i);
            long end = walk.dataEnd(i);
            if (written >= 0 && end >= 0 && written >= end) {
                return header.withProvenance(TraceState.DAMAGED_KEY, "true (" + files.paths().get(i) + " records a "
                        + "finished write at byte " + written + " but holds zeros from byte " + end + ": written events "
                        + "were lost, e.g. by a power loss; only the first " + readable + " events are readable)");
            }
        }
        return header;
    }

    /** The header of an unsealed trace: read it through (checking every block) to say what it holds. */
    private TraceHeader unsealed(TraceReader reader) {
        while (reader.next() != null) {
            // counts the verified events and the nodes they use
        }
        TraceHeader first = reader.initialHeader();
        StringBuilder note = new StringBuilder("true (not sealed: the writer stopped before finishing; ")
                .append(reader.verified()).append(" events readable");
        if (reader.ignoredTail() > 0) {
            note.append(", the ").append(reader.ignoredTail()).append(" after the last checksum ignored");
        }
        if (reader.partialExcerpt()) {
            note.append(", a partly written excerpt ignored");
        }
        TraceHeader h = first.withProvenance("incomplete", note.append(')').toString());
        Topology t = first.topology();
        if (reader.maxNode() >= t.nodes()) {
            try {
                h = new TraceHeader(h.formatVersion(), t.withNodes(reader.maxNode() + 1), h.deviceNames(), h.provenance(),
                        h.counts()).withProvenance("nodesInferred", (reader.maxNode() + 1)
                        + " (1 + the largest node in the events; the final topology was to be in the missing seal)");
            } catch (ConfigurationException e) {
                throw new TraceFormatException(dir + ": unsealed trace with node " + reader.maxNode() + ": " + e.getMessage());
            }
        }
        return h;
    }

    /**
     * Checks the whole trace in {@code dir} without stopping at the first damage: header, seal,
     * totals and every block's checksum.
     *
     * @throws TraceFormatException if there is no readable header (nothing can be verified then)
     */
    public static Verification verify(Path dir) {
        if (!isTraceDir(dir)) {
            throw new TraceFormatException(dir + ": not a numabias trace directory (no Chronicle Queue .cq4 files)");
        }
        try (QueueFiles files = new QueueFiles(dir)) {
            TraceReader reader = new TraceReader(files, dir.toString(), true);
            long allocs = 0;
            long consumes = 0;
            long frees = 0;
            EventDigest digest = new EventDigest();
            for (TraceEvent e = reader.next(); e != null; e = reader.next()) {
                digest.add(e);
                switch (e) {
                    case TraceEvent.Alloc a -> allocs++;
                    case TraceEvent.Consume c -> consumes++;
                    case TraceEvent.Free f -> frees++;
                }
            }
            TraceReader.HeaderExcerpt seal = reader.seal();
            String eventsSha256 = digest.hex();
            if (seal != null && seal.eventsSha256() != null && reader.damage().isEmpty()
                    && !seal.eventsSha256().equals(eventsSha256)) {
                reader.damage().add(new TraceReader.Damage(dir.toString(), 0, "the seal's events digest "
                        + seal.eventsSha256() + " differs from the events' " + eventsSha256));
            }
            return new Verification(dir, files.paths().size(), seal != null ? seal.header() : reader.initialHeader(),
                    seal != null, reader.checksums(), reader.eventsSeen(), reader.verified(), allocs, consumes, frees,
                    reader.blocks(), reader.ignoredTail(), reader.partialExcerpt(),
                    seal != null && seal.eventsSha256() != null, eventsSha256,
                    reader.damage().stream().map(TraceReader.Damage::toString).toList());
        }
    }

    /**
     * What {@link #verify} found.
     *
     * @param eventsSeen  event excerpts found, damaged ones included
     * @param readable    events that passed their checksums (all events, unchecked, in format 1)
     * @param ignoredTail events after the last checksum of an unsealed trace
     * @param digestStored whether the seal keeps the events digest (then it was checked against the events)
     * @param eventsSha256 the digest of the readable events ({@link EventDigest})
     * @param damage      every damaged place (file, byte, first event affected, what); empty when intact
     */
    public record Verification(Path dir, int files, TraceHeader header, boolean sealed, boolean checksums, long eventsSeen,
                               long readable, long allocs, long consumes, long frees, long blocks, long ignoredTail,
                               boolean partialExcerpt, boolean digestStored, String eventsSha256,
                               java.util.List<String> damage) {
        /** No damage found (an unsealed trace may still be intact up to where its writer stopped). */
        public boolean intact() {
            return damage.isEmpty();
        }
    }

    @Override
    public TraceHeader header() {
        return header;
    }

    /**
     * The event total of a format-2 trace's seal (checked against the events as they are read: a wrong
     * total is reported as damage, never used silently); -1 for an unsealed trace and for format 1.
     */
    @Override
    public long knownEvents() {
        return sealedEvents;
    }

    /** The events digest the seal keeps (its writer computed it; the seal's checksum covers it); null if unsealed or older. */
    @Override
    public String knownEventsSha256() {
        return sealedDigest;
    }

    @Override
    public String description() {
        return dir.toString();
    }

    /**
     * The events, a record each, made from each checked block's bytes as it is handed out (without
     * filling columns: a record holds the same fields).
     */
    @Override
    public TraceCursor open() {
        TraceReader reader = new TraceReader(files, dir.toString(), false);
        return new PullCursor() {
            @Override
            protected TraceEvent fetch() {
                return reader.next();
            }

            @Override
            public void close() {
                // the mapping is the source's
            }
        };
    }

    /**
     * The trace's checked blocks of events as columns, in order: what {@link #open()}'s events are read
     * from, without an object per event (the replay engine reads a store this way).
     */
    public EventBlock.Cursor blocks() {
        TraceReader reader = new TraceReader(files, dir.toString(), false, true);
        return new EventBlock.Cursor() {
            @Override
            public EventBlock next() {
                return reader.nextBlock();
            }

            @Override
            public void close() {
                // the mapping is the source's
            }
        };
    }

    @Override
    public void close() {
        files.close();
    }
}
