package org.numabias.runtime.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;

class CsvTraceSourceTest {
    @TempDir
    Path tmp;

    private Path file(String text) throws IOException {
        Path f = tmp.resolve("t.csv");
        Files.writeString(f, text);
        return f;
    }

    private static List<TraceEvent> read(CsvTraceSource s) {
        List<TraceEvent> out = new ArrayList<>();
        try (TraceCursor c = s.open()) {
            c.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void readsEveryRowTypeWithUnknownsHexFlowsAndComments() throws IOException {
        CsvTraceSource s = CsvTraceSource.open(file("""
                # comment before the header

                type,time_ns,buffer,device,queue,flow,cpu,node,bytes
                A,10,1,0,-1,0xdeadbeef,3,1,1500
                A,10,2,,,,,0,
                # a comment between rows
                C,11,1,junk,ignored,zz,5,2,700
                F,12,1,x,x,x,x,x,x
                """));
        assertEquals(3, s.header().topology().nodes()); // 1 + largest node (2, on a C row)
        assertEquals(List.of(
                new TraceEvent.Alloc(10, 1, 0, -1, 0xdeadbeefL, 3, 1, 1500),
                new TraceEvent.Alloc(10, 2, -1, -1, -1, -1, 0, -1),
                new TraceEvent.Consume(11, 1, 5, 2, 700),
                new TraceEvent.Free(12, 1)), read(s));
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndingsAreAccepted() throws IOException {
        CsvTraceSource s = CsvTraceSource.open(file("\uFEFF" + CsvTraceSource.HEADER + "\r\nA,1,1,0,0,0,0,1,1\r\n"));
        assertEquals(List.of(new TraceEvent.Alloc(1, 1, 0, 0, 0, 0, 1, 1)), read(s));
    }

    @Test
    void nodesCommentAnywhereSetsTheNodeCount() throws IOException {
        CsvTraceSource s = CsvTraceSource.open(file("type,time_ns,buffer,device,queue,flow,cpu,node,bytes\nA,1,1,0,0,0,0,0,1\n# nodes=4\n"));
        assertEquals(4, s.header().topology().nodes());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing header              | A,1,1,0,0,0,0,0,1                                          | t.csv:1: expected the header line
            wrong field count           | HDR\\nA,1,1,0,0,0,0,0                                      | t.csv:2: expected 9 fields, got 8
            bad type                    | HDR\\nX,1,1,0,0,0,0,0,1                                    | t.csv:2: field 'type'
            time decreases              | HDR\\nA,5,1,0,0,0,0,0,1\\nC,4,1,0,0,0,0,0,1                | t.csv:3: field 'time_ns': time 4 is before
            time unknown                | HDR\\nA,,1,0,0,0,0,0,1                                     | t.csv:2: field 'time_ns': required, but empty
            buffer unknown              | HDR\\nF,1,-1,,,,,,                                          | t.csv:2: field 'buffer': required, but -1
            node unknown on A           | HDR\\nA,1,1,0,0,0,0,,1                                     | t.csv:2: field 'node': required
            bytes unknown on C          | HDR\\nA,1,1,0,0,0,0,0,1\\nC,2,1,,,,0,0,-1                  | t.csv:3: field 'bytes': required
            not a number                | HDR\\nA,1,1,zero,0,0,0,0,1                                 | t.csv:2: field 'device': not a decimal integer: 'zero'
            hex flow too wide           | HDR\\nA,1,1,0,0,0x1ffffffff,0,0,1                          | t.csv:2: field 'flow': hex flow must be a 32-bit value
            node beyond declared        | # nodes=2\\nHDR\\nA,1,1,0,0,0,0,0,1\\nA,2,2,0,0,0,0,2,1    | t.csv:4: field 'node': node 2 is not below nodes=2
            node beyond declared later  | HDR\\nA,1,1,0,0,0,0,0,1\\nA,2,2,0,0,0,0,3,1\\n# nodes=2    | t.csv:3: field 'node': node 3 is not below nodes=2
            nodes twice                 | # nodes=2\\n# nodes=3\\nHDR                                 | t.csv:2: second '# nodes=' comment
            """)
    void errorsNameFileLineAndField(String name, String body, String expected) throws IOException {
        Path f = file(body.replace("\\n", "\n").replace("HDR", CsvTraceSource.HEADER));
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> CsvTraceSource.open(f));
        assertTrue(e.getMessage().contains(expected), () -> name + ": got '" + e.getMessage() + "'");
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }
}
