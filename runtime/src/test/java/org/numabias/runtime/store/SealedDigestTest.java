package org.numabias.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceSource;
import org.numabias.runtime.contract.RandomTraces;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ReplayReport;

/**
 * The events digest stored at seal time: equal to the digest of the events (computed here with a
 * plain {@code ByteBuffer} encoding), trusted by a replay of the sealed trace, checked by verify,
 * and absent (then computed) where the seal does not keep it.
 */
class SealedDigestTest {
    @TempDir
    Path tmp;

    private static final InMemoryTrace TRACE = RandomTraces.generate(23, 3, 4000, true);

    /** DESIGN.md's canonical encoding, written independently of the code under test. */
    private static String expectedDigest(InMemoryTrace trace) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (TraceEvent e : trace.events()) {
            ByteBuffer b = ByteBuffer.allocate(64);
            switch (e) {
                case TraceEvent.Alloc a -> b.put((byte) 'A').putLong(a.timeNs()).putLong(a.bufferId()).putInt(a.device())
                        .putInt(a.queue()).putLong(a.flow()).putInt(a.cpu()).putInt(a.node()).putLong(a.bytes());
                case TraceEvent.Consume c -> b.put((byte) 'C').putLong(c.timeNs()).putLong(c.bufferId()).putInt(c.cpu())
                        .putInt(c.node()).putLong(c.bytes());
                case TraceEvent.Free f -> b.put((byte) 'F').putLong(f.timeNs()).putLong(f.bufferId());
            }
            sha.update(b.array(), 0, b.position());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static ReplayReport replay(TraceSource source) {
        return new ReplayEngine(PredictorRegistry.builtIn()).run(source, source.header().topology(), List.of("majority"),
                ReplayEngine.Options.defaults());
    }

    @Test
    void aSealedTraceKeepsTheDigestOfItsEventsAndTheReplayUsesIt() throws Exception {
        Path dir = tmp.resolve("t");
        ChronicleTraceWriter.copy(TRACE, TRACE.header(), dir);
        String expected = expectedDigest(TRACE);
        try (ChronicleTraceSource source = ChronicleTraceSource.open(dir)) {
            assertEquals(expected, source.knownEventsSha256());
            assertEquals(TRACE.header(), source.header(), "the digest is not part of the header handed out");
            ReplayReport stored = replay(source);
            assertEquals(expected, stored.summary().eventsSha256());
            assertEquals(replay(TRACE).summary(), stored.summary(), "the same summary as hashing the events");
        }
        ChronicleTraceSource.Verification v = ChronicleTraceSource.verify(dir);
        assertTrue(v.intact(), v.damage().toString());
        assertTrue(v.digestStored());
        assertEquals(expected, v.eventsSha256());
    }

    @Test
    void verifyReportsASealWhoseDigestDiffersFromTheEvents() throws Exception {
        Path dir = tmp.resolve("t");
        ChronicleTraceWriter.copy(TRACE, TRACE.header(), dir);
        String stored = expectedDigest(TRACE);
        String other = (stored.charAt(0) == '0' ? "1" : "0") + stored.substring(1);
        rewriteSeal(dir, stored, other);
        ChronicleTraceSource.Verification v = ChronicleTraceSource.verify(dir);
        assertFalse(v.intact());
        assertEquals(1, v.damage().size(), v.damage().toString());
        assertTrue(v.damage().getFirst().contains("the seal's events digest " + other + " differs from the events' " + stored),
                v.damage().getFirst());
    }

    @Test
    void aSealWithoutADigestIsReadAndItsDigestComputed() throws Exception {
        Path dir = tmp.resolve("t");
        ChronicleTraceWriter.copy(TRACE, TRACE.header(), dir);
        rewriteSeal(dir, ChronicleTraceWriter.EVENTS_SHA256, "olderKeyName");
        try (ChronicleTraceSource source = ChronicleTraceSource.open(dir)) {
            assertNull(source.knownEventsSha256());
            assertEquals(expectedDigest(TRACE), replay(source).summary().eventsSha256());
        }
        ChronicleTraceSource.Verification v = ChronicleTraceSource.verify(dir);
        assertTrue(v.intact(), v.damage().toString());
        assertFalse(v.digestStored());
    }

    /**
     * Replaces {@code from} by {@code to} (same length) inside the seal excerpt and rewrites the seal's
     * CRC32C so that the seal itself reads as intact.
     */
    private static void rewriteSeal(Path dir, String from, String to) throws IOException {
        assertEquals(from.length(), to.length());
        int file;
        long payload;
        int length;
        try (QueueFiles files = new QueueFiles(dir)) {
            QueueFiles.Walk walk = files.walk();
            file = -1;
            payload = -1;
            length = 0;
            while (walk.next()) {
                file = walk.file();
                payload = walk.payload();
                length = walk.length();
            }
            assertEquals(ExcerptKind.SEAL, files.map(file).get(java.lang.foreign.ValueLayout.JAVA_BYTE, payload));
        }
        Path cq4 = QueueFiles.cq4Files(dir).get(file);
        try (RandomAccessFile f = new RandomAccessFile(cq4.toFile(), "rw")) {
            byte[] seal = new byte[length];
            f.seek(payload);
            f.readFully(seal);
            String text = new String(seal, StandardCharsets.ISO_8859_1);
            int at = text.indexOf(from);
            assertTrue(at > 0, "the seal holds " + from);
            System.arraycopy(to.getBytes(StandardCharsets.ISO_8859_1), 0, seal, at, to.length());
            CRC32C crc = new CRC32C();
            crc.update(seal, 0, length - 4);
            ByteBuffer.wrap(seal, length - 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
            f.seek(payload);
            f.write(seal);
        }
    }
}
