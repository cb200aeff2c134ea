package org.numabias.kernel.stream;

import java.io.Reader;

/**
 * An endless-looking perf script text made on the fly (nothing stored): per datagram a receive on
 * CPU {@code i % 4}, a copy on CPU {@code (i / 7) % 4} and a free, {@code datagrams} of them,
 * addresses recycled from a pool of 4096 (as the kernel reuses skbs), 100 flows. For measuring and
 * testing the streaming path ({@code WatchBenchmark}, the bounded-memory test) without perf.
 */
public final class SyntheticPerfText extends Reader {
    private final long datagrams;
    private long next;
    private String pending = "";
    private int at;

    /** A text of {@code datagrams} datagrams. */
    public SyntheticPerfText(long datagrams) {
        this.datagrams = datagrams;
    }

    /** Events the import makes of it: an Alloc, a Consume and a Free per datagram. */
    public long events() {
        return 3 * datagrams;
    }

    @Override
    public int read(char[] buf, int off, int len) {
        if (at == pending.length()) {
            if (next == datagrams) {
                return -1;
            }
            long i = next++;
            long address = 0xffff888100000000L + (i % 4096) * 0x100;
            long us = 1_000_000 + i;
            String time = (us / 1_000_000) + "." + String.format("%06d", us % 1_000_000);
            pending = String.format("tx 1 [%03d] %s: net:netif_receive_skb: dev=lo skbaddr=0x%x len=1500 hash=0x%08x%n"
                            + "rx 2 [%03d] %s: skb:skb_copy_datagram_iovec: skbaddr=0x%x len=1472%n"
                            + "tx 1 [%03d] %s: skb:consume_skb: skbaddr=0x%x location=0x1%n",
                    i % 4, time, address, 1 + i % 100, (i / 7) % 4, time, address, i % 4, time, address);
            at = 0;
        }
        int n = Math.min(len, pending.length() - at);
        pending.getChars(at, at + n, buf, off);
        at += n;
        return n;
    }

    @Override
    public void close() {
    }
}
