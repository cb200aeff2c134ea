package org.numabias.kernel.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PerfLineTest {
    @Test
    void parsesARealLine() {
        PerfLine l = PerfLine.parse("         python3 12315 [000]  1217.678545:       net:netif_receive_skb: dev=lo skbaddr=0xffff888106ae3d00 len=20028");
        assertEquals("python3", l.comm());
        assertEquals("12315", l.tid());
        assertEquals(0, l.cpu());
        assertEquals(1217_678_545_000L, l.timeNs());
        assertEquals("net:netif_receive_skb", l.event());
        assertEquals("0xffff888106ae3d00", l.field("skbaddr"));
        assertEquals("20028", l.field("len"));
        assertEquals("lo", l.field("dev"));
        assertNull(l.field("hash"));
    }

    @Test
    void commMayHoldSpacesDigitsColonsAndBrackets() {
        PerfLine l = PerfLine.parse("kworker/1:1-vir 7 [x] 41 [001]  1.5: skb:consume_skb: skbaddr=0x1");
        assertEquals("kworker/1:1-vir 7 [x]", l.comm());
        assertEquals("41", l.tid());
        assertEquals(1, l.cpu());
        assertEquals(1_500_000_000L, l.timeNs());
        PerfLine pidTid = PerfLine.parse("Web Content 100/200 [3] 2.000000001: skb:kfree_skb: skbaddr=ff");
        assertEquals("Web Content", pidTid.comm());
        assertEquals("100/200", pidTid.tid());
        assertEquals(2_000_000_001L, pidTid.timeNs());
        PerfLine digits = PerfLine.parse("foo12 [2] 3.25: a:b:");
        assertEquals("foo", digits.comm()); // COMM is lazy: the TID takes the digits
        assertEquals("12", digits.tid());
        assertEquals("", digits.fields());
    }

    @Test
    void fractionsAreDecimalFractionsTruncatedToNanoseconds() {
        assertEquals(7_100_000_000L, PerfLine.parse("c 1 [0] 7.1: a:b: x=1").timeNs());
        assertEquals(7_123_456_789L, PerfLine.parse("c 1 [0] 7.1234567899: a:b: x=1").timeNs());
    }

    @Test
    void theFirstTokenWithAKeyWinsAndBareTokensAreIgnored() {
        PerfLine l = PerfLine.parse("c 1 [0] 1.0: net:netif_rx_entry: data_len=5 len=7 bare len=9 =x hash=0x00000000");
        assertEquals("7", l.field("len"));
        assertEquals("5", l.field("data_len"));
        assertEquals("0x00000000", l.field("hash"));
    }

    @Test
    void linesWithoutTheFormAreRejected() {
        assertNull(PerfLine.parse(""));
        assertNull(PerfLine.parse("garbage"));
        assertNull(PerfLine.parse("c 1 [0] 1.0 a:b: x"));        // no colon after the time
        assertNull(PerfLine.parse("c [0] 1.0: a:b: x"));          // no TID
        assertNull(PerfLine.parse("c 1 [0] 1.0: ab: x"));         // no SUBSYS:EVENT
        assertNull(PerfLine.parse("c 1 [0]1.0: a:b: x"));         // no space after [CPU]
    }
}
