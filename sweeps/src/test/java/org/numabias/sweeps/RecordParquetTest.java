package org.numabias.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results written before a column was added still read, the new column null. */
class RecordParquetTest {
    @TempDir
    Path tmp;

    /** A record as an older version wrote it. */
    public record Before(String label, long consumptions, long[] byNode) {
    }

    /** The same record with a column added at the end. */
    public record After(String label, long consumptions, long[] byNode, String trainedOn) {
    }

    @Test
    void aColumnAddedAfterTheFileWasWrittenReadsAsNull() throws IOException {
        Path file = tmp.resolve("part-00000.parquet");
        new RecordParquet<>(Before.class).write(file, List.of(new Before("majority", 7, new long[]{3, 4})));
        After read = new RecordParquet<>(After.class).read(file).getFirst();
        assertEquals("majority", read.label());
        assertEquals(7, read.consumptions());
        assertArrayEquals(new long[]{3, 4}, read.byNode());
        assertNull(read.trainedOn());
    }
}
