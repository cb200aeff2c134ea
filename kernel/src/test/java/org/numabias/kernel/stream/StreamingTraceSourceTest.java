package org.numabias.kernel.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceEvent;
import org.numabias.runtime.topology.CpuNodeMap;

/** A stream is a TraceSource read once, in order, whose failures reach its reader after the events before them. */
class StreamingTraceSourceTest {
    private static StreamingTraceSource source(Reader text) {
        return new StreamingTraceSource(text, CpuNodeMap.projection(1), CpuNodeMap.projection(1).topology(3), "s",
                Map.of("tool", "test"), null, false);
    }

    @Test
    void itsEventsAreTheImportersInOrderAndItCanBeReadOnlyOnce() {
        StreamingTraceSource s = source(new SyntheticPerfText(1000));
        List<TraceEvent> events = new ArrayList<>();
        try (TraceCursor c = s.open()) {
            c.forEachRemaining(events::add);
        }
        assertEquals(3000, events.size());
        assertEquals(TraceEvent.Alloc.class, events.get(0).getClass());
        assertEquals(TraceEvent.Consume.class, events.get(1).getClass());
        assertEquals(TraceEvent.Free.class, events.get(2).getClass());
        assertEquals(1000, s.result().allocs());
        assertEquals(List.of("lo"), s.header().deviceNames());
        IllegalStateException e = assertThrows(IllegalStateException.class, s::open);
        assertTrue(e.getMessage().contains("can be read only once"), e.getMessage());
    }

    @Test
    void anInputErrorReachesTheReaderAfterTheEventsBeforeIt() {
        Reader failing = new Reader() {
            private final StringReader first = new StringReader(
                    "p 1 [000] 1.000001: net:netif_receive_skb: dev=lo skbaddr=0xa0 len=100\n");

            @Override
            public int read(char[] b, int off, int len) throws IOException {
                int n = first.read(b, off, len);
                if (n < 0) {
                    throw new IOException("pipe broken");
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
        StreamingTraceSource s = source(failing);
        try (TraceCursor c = s.open()) {
            assertTrue(c.hasNext());
            assertEquals(TraceEvent.Alloc.class, c.next().getClass());
            RuntimeException e = assertThrows(RuntimeException.class, c::hasNext);
            assertEquals("s: pipe broken", e.getMessage());
        }
    }
}
