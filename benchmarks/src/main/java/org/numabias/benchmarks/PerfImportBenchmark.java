package org.numabias.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.numabias.kernel.perf.PerfScriptImporter;
import org.numabias.runtime.topology.CpuNodeMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code perf script} import ({@link PerfScriptImporter}: parse and join, events handed to a
 * counting sink) of a generated capture shaped like the bundled loopback recordings (per buffer:
 * {@code netif_rx_entry}, {@code netif_receive_skb}, {@code skb_copy_datagram_iovec},
 * {@code consume_skb}, and now and then a {@code sched_migrate_task}), beside its baseline: a plain
 * {@link BufferedReader#readLine} loop over the same file. Both time one pass over the file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class PerfImportBenchmark {
    /** Buffers in the generated capture (about four lines each). */
    @Param({"50000"})
    public int buffers;

    private Path file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("numabias-perf", ".txt");
        write(file, buffers, new SplittableRandom(1));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Writes a loopback-like capture: each buffer's four lines, interleaved over a pool of live addresses. */
    static void write(Path file, int buffers, SplittableRandom rnd) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long micros = 1_462_005_411L;
            for (int b = 0; b < buffers; b++) {
                long addr = 0xffff888105000000L + 0x100L * rnd.nextInt(4096);
                int len = rnd.nextInt(60, 65_000);
                String hash = String.format(Locale.ROOT, "0x%08x", rnd.nextInt());
                int sender = rnd.nextInt(2);
                int receiver = rnd.nextInt(2);
                line(w, "python3", 14707, sender, micros++, "net:netif_rx_entry", "dev=lo napi_id=0 queue_mapping=0 skbaddr=0x"
                        + Long.toHexString(addr) + " vlan_tagged=0 vlan_proto=0x0000 vlan_tci=0x0000 protocol=0x0800 ip_summed=3 hash="
                        + hash + " l4_hash=1 len=" + len + " data_len=0 truesize=832 mac_header_valid=1 mac_header=-14 nr_frags=0"
                        + " gso_size=0 gso_type=0x1");
                line(w, "python3", 14707, sender, micros++, "net:netif_receive_skb", "dev=lo skbaddr=0x" + Long.toHexString(addr)
                        + " len=" + len);
                line(w, "python3", 14665, receiver, micros++, "skb:skb_copy_datagram_iovec", "skbaddr=0x"
                        + Long.toHexString(addr) + " len=" + (len - 52));
                line(w, "python3", 14665, receiver, micros++, "skb:consume_skb", "skbaddr=0x" + Long.toHexString(addr)
                        + " location=skb_defer_free_flush+0x70");
                if (rnd.nextInt(50) == 0) {
                    line(w, "migration/0", 18, 0, micros++, "sched:sched_migrate_task",
                            "comm=python3 pid=14665 prio=120 orig_cpu=0 dest_cpu=1");
                }
            }
        }
    }

    private static void line(Writer w, String comm, int tid, int cpu, long micros, String event, String fields)
            throws IOException {
        w.write(String.format(Locale.ROOT, "%16s %5d [%03d] %5d.%06d: %30s: %s%n", comm, tid, cpu, micros / 1_000_000,
                micros % 1_000_000, event, fields));
    }

    /** The import: every line parsed and joined; events counted. */
    @Benchmark
    public long importLines() throws IOException {
        long[] events = {0};
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            PerfScriptImporter.Result r = new PerfScriptImporter(CpuNodeMap.projection(1), false, "bench",
                    e -> events[0]++).run(in, chars -> { });
            return r.lines() + events[0];
        }
    }

    /** The baseline: the same file read line by line, nothing else. */
    @Benchmark
    public long readLines() throws IOException {
        long chars = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                chars += line.length();
            }
        }
        return chars;
    }
}
