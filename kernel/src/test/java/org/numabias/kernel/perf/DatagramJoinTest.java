package org.numabias.kernel.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.numabias.kernel.perf.PerfScriptImporterTest.importText;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.numabias.api.trace.TraceEvent.Alloc;
import org.numabias.api.trace.TraceEvent.Consume;
import org.numabias.api.trace.TraceEvent.Free;
import org.numabias.kernel.perf.PerfScriptImporterTest.Imported;

/** DESIGN.md's datagram join, rule by rule, on hand-written lines of numabias' perf script dialect. */
class DatagramJoinTest {
    private static String receive(int cpu, String time, String skb, int len) {
        return "tx 1 [%03d] %s: net:netif_receive_skb: skbaddr=%s len=%d name=lo%n".formatted(cpu, time, skb, len);
    }

    private static String ready(int cpu, String time, String sk, int protocol) {
        return "tx 1 [%03d] %s: sock:sk_data_ready: skaddr=%s family=2 protocol=%d ip=1%n".formatted(cpu, time, sk, protocol);
    }

    private static String read(int cpu, String time, String sk, int ret, int flags) {
        return "rx 2 [%03d] %s: sock:sock_recv_length: sk=%s family=2 protocol=17 ret=%d flags=%d%n".formatted(cpu, time, sk, ret, flags);
    }

    private static String free(int cpu, String time, String skb) {
        return "tx 1 [%03d] %s: skb:consume_skb: skbaddr=%s location=0x1%n".formatted(cpu, time, skb);
    }

    @Test
    void eachSocketsReadsTakeItsQueuedDatagramsInOrder() throws IOException {
        Imported i = importText(receive(0, "1.000000100", "0xa0", 128) + ready(0, "1.000000101", "0x5a", 17)
                + receive(0, "1.000000200", "0xb0", 1228) + ready(0, "1.000000201", "0x5b", 17)
                + receive(1, "1.000000300", "0xc0", 128) + ready(1, "1.000000301", "0x5a", 17)
                + read(3, "1.000000400", "0x5b", 1200, 64) // socket B: its only datagram, b0
                + read(2, "1.000000500", "0x5a", 100, 64) // socket A: first a0, then c0
                + read(3, "1.000000600", "0x5a", 100, 64), false);
        assertEquals(List.of(
                new Alloc(1_000_000_100L, 0xa0, 0, -1, -1, 0, 0, 128),
                new Alloc(1_000_000_200L, 0xb0, 0, -1, -1, 0, 0, 1228),
                new Alloc(1_000_000_300L, 0xc0, 0, -1, -1, 1, 1, 128),
                new Consume(1_000_000_400L, 0xb0, 3, 3, 1200),
                new Consume(1_000_000_500L, 0xa0, 2, 2, 100),
                new Consume(1_000_000_600L, 0xc0, 3, 3, 100)), i.events());
        DatagramJoin.Counts c = i.result().datagrams();
        assertEquals(new DatagramJoin.Counts(3, 0, 3, 3, 0, 0, 0, 0, 0, 0), c);
        assertEquals(3, i.result().consumes());
    }

    @Test
    void aDatagramFreedBeforeItsReadsEventIsConsumedJustBeforeItsFree() throws IOException {
        Imported i = importText(receive(0, "1.000000100", "0xa0", 128) + ready(0, "1.000000101", "0x5a", 17)
                + free(0, "1.000000300", "0xa0") // deferred free on the allocating CPU, before the read's event
                + receive(0, "1.000000350", "0xd0", 60) // a later receive waits behind the held Free
                + read(1, "1.000000400", "0x5a", 100, 0), false);
        assertEquals(List.of(
                new Alloc(1_000_000_100L, 0xa0, 0, -1, -1, 0, 0, 128),
                new Consume(1_000_000_300L, 0xa0, 1, 1, 100),
                new Free(1_000_000_300L, 0xa0),
                new Alloc(1_000_000_350L, 0xd0, 0, -1, -1, 0, 0, 60)), i.events());
        assertEquals(1, i.result().datagrams().joinedReads());
        assertEquals(0, i.result().clampedTimes());
    }

    @Test
    void whatCannotBeJoinedIsCountedNotGuessed() throws IOException {
        Imported i = importText(ready(0, "1.000000001", "0x5a", 17) // no receive before it on cpu 0: unjoined
                + read(1, "1.000000002", "0x5a", 100, 0) // nothing queued on 0x5a: an unjoined read
                + receive(0, "1.000000003", "0xa0", 128) + ready(0, "1.000000004", "0x5a", 17)
                + ready(0, "1.000000005", "0x5a", 17) // the last receive was taken already: unjoined
                + read(1, "1.000000006", "0x5a", 100, 2) // MSG_PEEK: dequeues nothing
                + read(1, "1.000000007", "0x5a", -11, 64) // EAGAIN: not a read
                + receive(2, "1.000000008", "0xe0", 52) + ready(2, "1.000000009", "0x77", 6) // TCP: not joined
                + receive(0, "1.000000010", "0xb0", 128) + ready(0, "1.000000011", "0x5c", 17), false); // never read
        assertEquals(new DatagramJoin.Counts(4, 2, 1, 0, 1, 0, 0, 1, 1, 2), i.result().datagrams());
        assertEquals(0, i.result().consumes());
        assertEquals(1, i.result().otherEventCounts().get("sock:sk_data_ready"));
        assertEquals(2, i.result().counts().get("datagram:unreadAtEnd"));
    }

    @Test
    void anErrorReturnPrintedUnsignedIsAFailedReadNotAConsumption() throws IOException {
        // perf's script may print the tracepoint's int ret unsigned: EAGAIN (-11) as 4294967285
        Imported i = importText(receive(0, "1.000000100", "0xa0", 128) + ready(0, "1.000000101", "0x5a", 17)
                + "rx 2 [001] 1.000000200: sock:sock_recv_length: sk=0x5a family=2 protocol=17 ret=4294967285 flags=64\n"
                + read(1, "1.000000300", "0x5a", 100, 64), false);
        assertEquals(List.of(
                new Alloc(1_000_000_100L, 0xa0, 0, -1, -1, 0, 0, 128),
                new Consume(1_000_000_300L, 0xa0, 1, 1, 100)), i.events());
        assertEquals(1, i.result().datagrams().failedReads());
        assertEquals(1, i.result().datagrams().joinedReads());
    }

    @Test
    void aDatagramAlreadyCopiedByACopyEventIsConsumedOnce() throws IOException {
        Imported i = importText(receive(0, "1.000000100", "0xa0", 20028) + ready(0, "1.000000101", "0x5a", 17)
                + "rx 2 [001] 1.000000200: skb:skb_copy_datagram_iovec: skbaddr=0xa0 len=20000\n"
                + read(1, "1.000000201", "0x5a", 20000, 0)
                + free(0, "1.000000300", "0xa0"), false);
        assertEquals(List.of(
                new Alloc(1_000_000_100L, 0xa0, 0, -1, -1, 0, 0, 20028),
                new Consume(1_000_000_200L, 0xa0, 1, 1, 20000),
                new Free(1_000_000_300L, 0xa0)), i.events());
        assertEquals(1, i.result().datagrams().readsAfterCopy());
    }

    @Test
    void aDatagramRecycledUntracedAndItsAddressReusedBeforeItsReadsEventIsConsumedJustBeforeTheReuse() throws IOException {
        // the reader ran on the allocating CPU: the skb went to that CPU's cache (no trace event) and the next
        // receive there took the same address before the reader's sock_recv_length fired
        Imported i = importText(receive(0, "1.000000100", "0xa0", 128) + ready(0, "1.000000101", "0x5a", 17)
                + receive(0, "1.000000200", "0xa0", 1000) + ready(0, "1.000000201", "0x5a", 17)
                + read(0, "1.000000300", "0x5a", 100, 0) // the first datagram, a0's old buffer
                + read(1, "1.000000400", "0x5a", 972, 0), false); // the second, a0's new buffer
        assertEquals(List.of(
                new Alloc(1_000_000_100L, 0xa0, 0, -1, -1, 0, 0, 128),
                new Consume(1_000_000_200L, 0xa0, 0, 0, 100),
                new Alloc(1_000_000_200L, 0xa0, 0, -1, -1, 0, 0, 1000),
                new Consume(1_000_000_400L, 0xa0, 1, 1, 972)), i.events());
        assertEquals(new DatagramJoin.Counts(2, 0, 2, 2, 0, 0, 0, 0, 0, 0), i.result().datagrams());
        assertEquals(0, i.result().clampedTimes());
    }

    @Test
    void aReadBeforeItsDatagramsDataReadyTakesTheDatagramReceivedBeforeIt() throws IOException {
        // cpu 1's softirq queued b0 to the socket; the reader on cpu 0 took it before cpu 1's sk_data_ready fired
        Imported i = importText(receive(1, "1.000000100", "0xb0", 128)
                + read(0, "1.000000150", "0x5a", 100, 64)
                + receive(0, "1.000000160", "0xc0", 60) // an unrelated receive waits behind the read
                + ready(1, "1.000000170", "0x5a", 17)
                + receive(1, "1.000000200", "0xd0", 228) + ready(1, "1.000000201", "0x5a", 17)
                + read(0, "1.000000300", "0x5a", 200, 64), false);
        assertEquals(List.of(
                new Alloc(1_000_000_100L, 0xb0, 0, -1, -1, 1, 1, 128),
                new Consume(1_000_000_150L, 0xb0, 0, 0, 100),
                new Alloc(1_000_000_160L, 0xc0, 0, -1, -1, 0, 0, 60),
                new Alloc(1_000_000_200L, 0xd0, 0, -1, -1, 1, 1, 228),
                new Consume(1_000_000_300L, 0xd0, 0, 0, 200)), i.events());
        assertEquals(new DatagramJoin.Counts(2, 0, 2, 2, 0, 0, 0, 0, 0, 0), i.result().datagrams());
        assertEquals(0, i.result().clampedTimes());
    }

    @Test
    void aReadOfAnUntracedDatagramIsNotGivenADatagramReceivedAfterIt() throws IOException {
        Imported i = importText(read(0, "1.000000100", "0x5a", 100, 64) // its skb was queued before the recording
                + receive(1, "1.000000200", "0xb0", 128) + ready(1, "1.000000201", "0x5a", 17)
                + read(0, "1.000000300", "0x5a", 100, 64)
                + read(0, "1.000000400", "0x5b", 100, 64) // nothing follows on 0x5b: unjoined at the end
                + receive(1, "1.050000000", "0xc0", 128) + ready(1, "1.050000001", "0x5b", 17), false); // 50 ms later
        assertEquals(List.of(
                new Alloc(1_000_000_200L, 0xb0, 0, -1, -1, 1, 1, 128),
                new Consume(1_000_000_300L, 0xb0, 0, 0, 100),
                new Alloc(1_050_000_000L, 0xc0, 0, -1, -1, 1, 1, 128)), i.events());
        assertEquals(new DatagramJoin.Counts(2, 0, 3, 1, 2, 0, 0, 0, 0, 1), i.result().datagrams());
    }

    @Test
    void anUnreadDatagramsHeldFreeIsEmittedAloneAfterTheHoldAndALateReadIsCounted() throws IOException {
        Imported i = importText(receive(0, "1.000000100", "0xa0", 128) + ready(0, "1.000000101", "0x5a", 17)
                + free(0, "1.000000200", "0xa0")
                + receive(0, "1.200000000", "0xb0", 60) // 200 ms later: past the hold
                + read(1, "1.200000001", "0x5a", 100, 0), false);
        assertEquals(List.of(
                new Alloc(1_000_000_100L, 0xa0, 0, -1, -1, 0, 0, 128),
                new Free(1_000_000_200L, 0xa0),
                new Alloc(1_200_000_000L, 0xb0, 0, -1, -1, 0, 0, 60)), i.events());
        assertEquals(1, i.result().datagrams().lateReads());
    }
}
