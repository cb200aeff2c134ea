package org.numabias.runtime.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceFormatException;

/** Negative Alloc bytes (other than -1, unknown) and negative times are refused with file, line and field. */
class CsvNegativeValuesTest {
    @TempDir
    Path tmp;

    private String refusal(String rows) throws IOException {
        Path f = tmp.resolve("t.csv");
        Files.writeString(f, CsvTraceSource.HEADER + "\n" + rows);
        return assertThrows(TraceFormatException.class, () -> {
            CsvTraceSource s = CsvTraceSource.open(f);
            try (TraceCursor c = s.open()) {
                c.forEachRemaining(e -> { });
            }
        }).getMessage().replace(f.toString(), "t.csv");
    }

    @Test
    void negativeAllocBytesAreRefused() throws IOException {
        assertEquals("t.csv:3: field 'bytes': must be -1 (unknown) or >= 0, got -1500",
                refusal("A,1,100,0,0,0x1,0,0,1500\nA,2,101,0,0,0x1,0,0,-1500\n"));
    }

    @Test
    void negativeTimesAreRefused() throws IOException {
        assertEquals("t.csv:2: field 'time_ns': must be a time >= 0 (nanoseconds), got -5",
                refusal("A,-5,100,0,0,0x1,0,0,1500\n"));
        assertEquals("t.csv:2: field 'time_ns': must be a time >= 0 (nanoseconds), got -9223372036854775808",
                refusal("C,-9223372036854775808,100,,,,1,1,10\n"));
    }
}
