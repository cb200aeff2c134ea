package org.numabias.kernel.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceEvent.Alloc;
import org.numabias.api.trace.TraceEvent.Consume;
import org.numabias.api.trace.TraceEvent.Free;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.runtime.topology.CpuNodeMap;

/** DESIGN.md's join rules, one by one, on hand-written perf script lines (projection cpu-as-node). */
class PerfScriptImporterTest {
    record Imported(List<TraceEvent> events, PerfScriptImporter.Result result) {
    }

    static Imported importText(String text, boolean strict) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        PerfScriptImporter importer = new PerfScriptImporter(CpuNodeMap.projection(1), strict, "t.txt", events::add);
        PerfScriptImporter.Result r = importer.run(new BufferedReader(new StringReader(text)), c -> { });
        return new Imported(events, r);
    }

    private static final String ENTRY = "p 1 [000] 1.000001: net:netif_rx_entry: dev=lo queue_mapping=3 skbaddr=0xa0 hash=0x00000000 len=100 data_len=60\n";

    @Test
    void loopbackEntryThenCoreIsOneBufferFilledByTheCoreEvent() throws IOException {
        Imported i = importText(ENTRY
                + "p 1 [001] 1.000002: net:netif_receive_skb: dev=eth9 skbaddr=0xa0 len=999 hash=0x0000beef\n"
                + "q 2 [001] 1.000003: skb:skb_copy_datagram_iovec: skbaddr=0xa0 len=60\n"
                + "p 1 [000] 1.000004: skb:consume_skb: skbaddr=0xa0 location=x\n", false);
        // the first line's time, CPU, device, len; the hash only the core event knew; queue from the entry
        assertEquals(List.of(
                new Alloc(1_000_001_000L, 0xa0, 0, 3, 0xbeef, 0, 0, 100),
                new Consume(1_000_003_000L, 0xa0, 1, 1, 60),
                new Free(1_000_004_000L, 0xa0)), i.events());
        assertEquals(List.of("lo", "eth9"), i.result().devices());
    }

    @Test
    void aCoreEventAfterACopyOrASecondCoreEventStartsANewBuffer() throws IOException {
        Imported i = importText(ENTRY
                + "q 2 [001] 1.000002: skb:skb_copy_datagram_iovec: skbaddr=0xa0 len=60\n"
                + "p 1 [000] 1.000003: net:netif_receive_skb: dev=lo skbaddr=0xa0 len=70\n"
                + "p 1 [000] 1.000004: net:netif_receive_skb: dev=lo skbaddr=0xa0 len=80\n", false);
        assertEquals(3, i.result().allocs());
        assertEquals(new Alloc(1_000_003_000L, 0xa0, 0, -1, -1, 0, 0, 70), i.events().get(2));
        assertEquals(new Alloc(1_000_004_000L, 0xa0, 0, -1, -1, 0, 0, 80), i.events().get(3));
    }

    @Test
    void anEntryEventOnALiveAddressReplacesItsBufferWithoutAFree() throws IOException {
        Imported i = importText(ENTRY + ENTRY.replace("1.000001", "1.000005").replace("len=100", "len=200"), false);
        assertEquals(2, i.events().size());
        assertTrue(i.events().stream().noneMatch(e -> e instanceof Free));
        assertEquals(0, i.result().frees());
    }

    @Test
    void eventsKeepLineOrderWhileAnAllocWaitsForItsCoreEvent() throws IOException {
        Imported i = importText(ENTRY
                + "x 3 [001] 1.000002: net:netif_receive_skb: dev=lo skbaddr=0xb0 len=10\n"
                + "x 3 [001] 1.000003: skb:skb_copy_datagram_iovec: skbaddr=0xb0 len=10\n"
                + "p 1 [000] 1.000004: net:netif_receive_skb: dev=lo skbaddr=0xa0 len=100 queue_mapping=7\n", false);
        assertEquals(List.of(0xa0L, 0xb0L, 0xb0L), i.events().stream().map(TraceEvent::bufferId).toList());
        assertEquals(3, ((Alloc) i.events().getFirst()).queue()); // the entry's queue is kept
        long last = Long.MIN_VALUE;
        for (TraceEvent e : i.events()) {
            assertTrue(e.timeNs() >= last);
            last = e.timeNs();
        }
    }

    @Test
    void copiesAndFreesOfUnknownAddressesAreCountedOrIgnored() throws IOException {
        Imported i = importText("u 5 [001] 1.0: skb:skb_copy_datagram_iovec: skbaddr=0xdead len=5\n"
                + "u 5 [001] 1.1: skb:kfree_skb: skbaddr=0xdead\n"
                + "u 5 [001] 1.2: sched:sched_migrate_task: comm=x pid=1\n", false);
        assertEquals(List.of(), i.events());
        assertEquals(1, i.result().unmatchedCopies());
        assertEquals(1, i.result().maxCpu()); // an unmatched copy still counts for a projection's node count
        assertEquals(1, i.result().otherEvents());
        assertEquals(1L, i.result().otherEventCounts().get("sched:sched_migrate_task"));
    }

    @Test
    void linesWithoutAddressOrLengthAreSkippedWithTheirLineNumber() throws IOException {
        Imported i = importText("not perf output\n"
                + "p 1 [000] 1.0: net:netif_rx_entry: dev=lo skbaddr=zz len=5\n"
                + "p 1 [000] 1.0: skb:skb_copy_datagram_iovec: skbaddr=0x1\n"
                + ENTRY, false);
        assertEquals(3, i.result().skippedLines());
        assertEquals(1, i.result().allocs());
        assertTrue(i.result().firstSkips().get(0).startsWith("t.txt:1: not a perf script line"));
        assertTrue(i.result().firstSkips().get(1).startsWith("t.txt:2: net:netif_rx_entry without a hex skbaddr"));
        assertTrue(i.result().firstSkips().get(2).startsWith("t.txt:3: skb:skb_copy_datagram_iovec without a decimal len"));
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> importText("junk\n", true));
        assertTrue(e.getMessage().contains("t.txt:1:") && e.getMessage().contains("--strict"), e.getMessage());
    }

    @Test
    void aBufferStillLiveAtTheEndIsNotFreed() throws IOException {
        Imported i = importText(ENTRY, false);
        assertEquals(List.of(new Alloc(1_000_001_000L, 0xa0, 0, 3, -1, 0, 0, 100)), i.events());
    }

    @Test
    void linesGoingBackInTimeAreCountedAndReportedAndRefusedWithStrict() throws IOException {
        String text = "p 1 [000] 2.000000: net:netif_receive_skb: dev=lo skbaddr=0xa0 len=100\n"
                + "p 1 [000] 1.999000: net:netif_receive_skb: dev=lo skbaddr=0xb0 len=100\n"
                + "p 1 [000] 1.999500: net:netif_receive_skb: dev=lo skbaddr=0xc0 len=100\n";
        Imported i = importText(text, false);
        // both later lines are before the first line's 2.000000 s: 1 ms and 0.5 ms back
        assertEquals(new PerfScriptImporter.Backwards(2, 1_000_000, "t.txt:2: time goes back 1000000 ns before an earlier "
                + "line's: p 1 [000] 1.999000: net:netif_receive_skb: dev=lo skbaddr=0xb0 len=100"), i.result().backwards());
        assertEquals(2L, i.result().counts().get("backwardsLines"));
        assertEquals(2, i.result().clampedTimes());
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> importText(text, true));
        assertTrue(e.getMessage().startsWith("t.txt:2: time goes back 1000000 ns"), e.getMessage());
    }

    @Test
    void the65537thDeviceNameIsRefusedWithItsLine() {
        StringBuilder text = new StringBuilder();
        for (int d = 0; d < 70_000; d++) {
            text.append("p 1 [000] 1.%06d: net:netif_receive_skb: dev=eth%d skbaddr=0x%x len=100%n".formatted(d, d, 0x1000 + d));
        }
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> importText(text.toString(), false));
        assertEquals("t.txt:65537: device name 'eth65536' would be device 65537; a trace holds at most 65536 device names",
                e.getMessage());
    }

    @Test
    void manyDeviceNamesKeepTheirIdsBeyondTheScannedOnes() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int d = 0; d < 40; d++) {
            text.append("p 1 [000] 1.%06d: net:netif_receive_skb: dev=eth%d skbaddr=0x%x len=100%n".formatted(d, d % 20, 0x1000 + d));
        }
        Imported i = importText(text.toString(), false);
        assertEquals(20, i.result().devices().size());
        assertEquals(List.of(0, 19, 0, 19), List.of(((Alloc) i.events().get(0)).device(), ((Alloc) i.events().get(19)).device(),
                ((Alloc) i.events().get(20)).device(), ((Alloc) i.events().get(39)).device()));
    }
}
