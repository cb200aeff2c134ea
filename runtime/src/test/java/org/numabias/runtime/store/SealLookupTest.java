package org.numabias.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.runtime.contract.RandomTraces;

/**
 * Opening a sealed trace finds its seal where the last file's queue header records the last
 * document, without walking the files; where that record cannot be trusted the files are walked, with
 * the same result.
 */
class SealLookupTest {
    @TempDir
    Path tmp;

    private static final InMemoryTrace TRACE = RandomTraces.generate(5, 2, 3000, true);

    /** The last data excerpt a full walk reaches: (file, payload, length). */
    private static QueueFiles.Document walkedLast(QueueFiles files) {
        QueueFiles.Walk walk = files.walk();
        QueueFiles.Document last = null;
        while (walk.next()) {
            last = new QueueFiles.Document(walk.file(), walk.payload(), walk.length());
        }
        return last;
    }

    @Test
    void theRecordedLastDocumentOfASealedTraceIsItsSeal() {
        Path dir = tmp.resolve("t");
        ChronicleTraceWriter.copy(TRACE, TRACE.header(), dir);
        try (QueueFiles files = new QueueFiles(dir)) {
            QueueFiles.Document recorded = files.lastDocument();
            assertNotNull(recorded);
            assertEquals(walkedLast(files), recorded);
            assertEquals('S', files.map(recorded.file()).get(java.lang.foreign.ValueLayout.JAVA_BYTE, recorded.payload()));
            QueueFiles.Walk walk = files.walk();
            while (walk.next()) {
                // to the end
            }
            assertEquals(walk.dataEnd(0), files.recordedDataEnd(0), "where the writer cut the file");
            assertEquals((recorded.payload() + recorded.length() + 3) & ~3L, files.recordedDataEnd(0));
        }
    }

    @Test
    void aWrongRecordedPositionIsNotTrustedAndTheWalkFindsTheSeal() throws IOException {
        Path dir = tmp.resolve("t");
        ChronicleTraceWriter.copy(TRACE, TRACE.header(), dir);
        Path file = QueueFiles.cq4Files(dir).getLast();
        long before;
        long traceHeader;
        try (QueueFiles files = new QueueFiles(dir)) {
            before = files.writePosition(0);
            QueueFiles.Walk walk = files.walk();
            assertTrue(walk.next());
            traceHeader = walk.offset();
        }
        // point the queue header's writePosition (the int64 after the field name, array code, capacity
        // and count) at the trace's header excerpt: a complete data document, but more data follows it
        byte[] bytes = Files.readAllBytes(file);
        int name = indexOf(bytes, "writePosition".getBytes(StandardCharsets.US_ASCII));
        int array = name + "writePosition".length();
        while (bytes[array] != (byte) 0x8D) {
            array++;
        }
        assertEquals(before, ByteBuffer.wrap(bytes, array + 17, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, traceHeader).rewind(), array + 17);
        }
        try (QueueFiles files = new QueueFiles(dir)) {
            assertNull(files.lastDocument());
            assertEquals(-1, files.recordedDataEnd(0), "data follows the recorded document");
        }
        try (ChronicleTraceSource source = ChronicleTraceSource.open(dir)) {
            assertEquals(TRACE.header(), source.header());
            assertEquals(TRACE.events().size(), source.knownEvents());
        }
        assertTrue(ChronicleTraceSource.verify(dir).intact());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no " + new String(needle, StandardCharsets.US_ASCII));
    }
}
