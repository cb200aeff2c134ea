package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.numabias.tools.cli.CliTest.run;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code numabias record}: its errors with a fake perf, and a real system-wide recording where perf may run. */
class RecordCommandTest {
    @TempDir
    Path tmp;

    private Path fakePerf(String listOutput, String recordBody, String scriptFile) throws IOException {
        Path perf = tmp.resolve("perf");
        Files.writeString(perf, """
                #!/bin/sh
                case "$1" in
                  --version) echo "perf version 0.fake" ;;
                  list) printf '%%b\\n' "%s" ;;
                  record) out=""; while [ $# -gt 0 ]; do [ "$1" = "-o" ] && out="$2"; [ "$1" = "--" ] && { shift; break; }; shift; done
                          %s ;;
                  script) cat "%s" ;;
                esac
                """.formatted(listOutput, recordBody, scriptFile));
        Files.setPosixFilePermissions(perf, PosixFilePermissions.fromString("rwxr-xr-x"));
        return perf;
    }

    private static final String ALL_TRACEPOINTS = "  net:netif_receive_skb [Tracepoint event]\\n  skb:skb_copy_datagram_iovec [Tracepoint event]\\n"
            + "  skb:consume_skb [Tracepoint event]\\n  net:netif_rx_entry [Tracepoint event]";

    @Test
    void perfMissingIsAClearError() {
        CliTest.Run r = run("record", "-o", tmp.resolve("t").toString(), "--perf", "/nonexistent/perf", "--duration", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot run '/nonexistent/perf'") && r.err().contains("linux-perf"), r.err());
    }

    @Test
    void missingTracepointsAreListed() throws IOException {
        Path perf = fakePerf("  net:netif_receive_skb [Tracepoint event]", "true", "/dev/null");
        CliTest.Run r = run("record", "-o", tmp.resolve("t").toString(), "--perf", perf.toString(), "--duration", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("lacks the tracepoints [skb:skb_copy_datagram_iovec, skb:consume_skb]"), r.err());
    }

    @Test
    void lackOfPermissionSaysWhatToDo() throws IOException {
        Path perf = fakePerf(ALL_TRACEPOINTS, "echo 'Error: Access to performance monitoring and observability operations is limited. perf_event_paranoid setting is 4' >&2; exit 255", "/dev/null");
        CliTest.Run r = run("record", "-o", tmp.resolve("t").toString(), "--perf", perf.toString(), "--duration", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("lack of permission") && r.err().contains("perf_event_paranoid"), r.err());
    }

    @Test
    void recordsRunsTheCommandImportsAndKeepsProvenance() throws IOException {
        Path text = tmp.resolve("capture.txt");
        Files.writeString(text, """
                 sender 10 [000] 5.000001: net:netif_rx_entry: dev=lo skbaddr=0xa0 len=120 queue_mapping=0 hash=0x00000000
                 sender 10 [000] 5.000002: net:netif_receive_skb: dev=lo skbaddr=0xa0 len=120
                 reader 11 [001] 5.000003: skb:skb_copy_datagram_iovec: skbaddr=0xa0 len=92
                 sender 10 [000] 5.000004: skb:consume_skb: skbaddr=0xa0 location=x
                """);
        Path marker = tmp.resolve("ran");
        Path perf = fakePerf(ALL_TRACEPOINTS, "touch \"$out\"; \"$@\"", text.toString());
        Path trace = tmp.resolve("trace");
        CliTest.Run r = run("record", "-o", trace.toString(), "--perf", perf.toString(), "--topology", "cpu-as-node",
                "--", "touch", marker.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(marker), "the workload ran under perf");
        assertTrue(r.out().contains("allocs 1, consumes 1, frees 1"), r.out());
        CliTest.Run stats = run("stats", trace.toString(), "--format", "json");
        assertTrue(stats.out().contains("\"command\": \"touch " + marker + "\""), stats.out());
        assertTrue(stats.out().contains("\"perf\": \"perf version 0.fake\""), stats.out());
        assertTrue(stats.out().contains("\"projected\": true"), stats.out());
        assertEquals("[[0,92],[0,0]]",
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats.out()).path("bytesByNodePair").toString(),
                stats.out());
    }

    /** A real recording: needs perf, root (or perf_event_paranoid <= -1) and the tracepoints; skipped otherwise. */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void recordsRealLoopbackUdpTraffic() throws Exception {
        assumeTrue(perfCanRecord(), "perf cannot record system-wide tracepoints here");
        Path trace = tmp.resolve("real");
        CompletableFuture<CliTest.Run> recording = CompletableFuture.supplyAsync(
                () -> run("record", "-o", trace.toString(), "--duration", "4", "--topology", "cpu-as-node"));
        int received = 0;
        try (DatagramSocket rx = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket tx = new DatagramSocket()) {
            rx.setReceiveBufferSize(4 << 20);
            rx.setSoTimeout(2000);
            byte[] payload = new byte[20000]; // > 16 KB: copied with skb_copy_datagram_iovec
            byte[] buffer = new byte[65536];
            // traffic for as long as perf records (it may take a moment to start): bounded by the recording
            while (!recording.isDone() && received < 2000) {
                tx.send(new DatagramPacket(payload, payload.length, rx.getLocalSocketAddress()));
                rx.receive(new DatagramPacket(buffer, buffer.length));
                received++;
                Thread.sleep(5);
            }
        }
        // perf records system-wide: on a busy machine, converting everything it recorded takes a while
        CliTest.Run r = recording.get(240, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err());
        CliTest.Run stats = run("stats", trace.toString(), "--format", "json");
        assertTrue(stats.out().contains("\"lo\""), stats.out());
        long allocs = count(stats.out(), "allocs");
        long consumes = count(stats.out(), "consumes");
        // most of what was sent while perf was recording is in the trace: an Alloc and a Consume each
        assertTrue(consumes >= 20 && allocs >= 20, "allocs " + allocs + ", consumes " + consumes + " of " + received + " sent");
    }

    private static long count(String json, String field) {
        var m = java.util.regex.Pattern.compile("\"" + field + "\": (\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static boolean perfCanRecord() {
        try {
            Process p = new ProcessBuilder("perf", "record", "-q", "-a", "-e", "skb:consume_skb", "-o", "/dev/null", "--", "true")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
