package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.numabias.tools.cli.CliTest.run;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What issue 12 found wrong as a hostile or careless user, through the command line: each case
 * failed on main at b9768ed (a crash, a silent wrong number, a misleading file or an unclear error).
 */
class ReliabilityCliTest {
    @TempDir
    Path tmp;

    private static final String ROWS = "type,time_ns,buffer,device,queue,flow,cpu,node,bytes\n"
            + "A,1,100,0,0,0x1,0,0,1500\nC,2,100,,,,1,1,1000\nF,3,100,,,,,,\n";

    private Path file(String name, String body) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, body);
        return f;
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aMissingInputIsNamedWithWhatIsWrong() {
        CliTest.Run r = run("import", tmp.resolve("nosuch.csv").toString(), "-o", tmp.resolve("t").toString());
        assertEquals(1, r.code());
        assertEquals("import: error: " + tmp.resolve("nosuch.csv") + ": no such file or directory", r.err().strip());
    }

    @Test
    void textThatIsNotUtf8NamesFileLineAndByteOffset() throws IOException {
        Path f = tmp.resolve("latin1.csv");
        byte[] head = ROWS.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = "# caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(f, concat(head, bad));
        CliTest.Run r = run("import", f.toString(), "-o", tmp.resolve("t").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(f + ":5: not UTF-8 text (byte offset " + (head.length + 5) + ")"), r.err());
        Path perf = tmp.resolve("latin1.txt");
        Files.write(perf, concat(" a 1 [000] 1.0: net:netif_receive_skb: dev=lo skbaddr=0x1 len=1\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), bad));
        CliTest.Run p = run("import", "--format", "perf-script", "--topology", "cpu-as-node", perf.toString(), "-o",
                tmp.resolve("p").toString());
        assertEquals(1, p.code());
        assertTrue(p.err().contains(perf + ":2: not UTF-8 text (byte offset"), p.err());
        assertFalse(Files.exists(tmp.resolve("p.incomplete")), "a failed import leaves nothing that blocks a rerun");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void nodeAndCpuNumbersBeyondTheLimitsAreRefusedBeforeAnythingIsAllocated() throws IOException {
        for (String node : List.of("30000", "1000000", "99999999999")) {
            Path f = file("n" + node + ".csv", ROWS.replace("C,2,100,,,,1,1,1000", "C,2,100,,,,1," + node + ",1000"));
            CliTest.Run r = run("compare", f.toString(), "-p", "majority");
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains(f + ":3: field 'node': node " + node + " exceeds the limit of 1024 NUMA nodes"), r.err());
        }
        Path declared = file("declared.csv", "# nodes=100000000\n" + ROWS);
        CliTest.Run r = run("stats", declared.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(declared + ":1: '# nodes=100000000' exceeds the limit of 1024 NUMA nodes"), r.err());
        Path perf = file("big-cpu.txt", " a 1 [99999] 1.0: net:netif_receive_skb: dev=lo skbaddr=0x1 len=1\n");
        CliTest.Run p = run("import", "--format", "perf-script", "--topology", "cpu-as-node", perf.toString(), "-o",
                tmp.resolve("p").toString());
        assertEquals(1, p.code());
        assertTrue(p.err().contains(perf + ": cpu 99999 exceeds the limit of 8192 CPUs"), p.err());
        assertEquals(List.of("big-cpu.txt", "declared.csv", "n1000000.csv", "n30000.csv", "n99999999999.csv"), listing());
    }

    @Test
    void byteSumsThatCannotBeRepresentedAreRefusedNotWrapped() throws IOException {
        String max = Long.toString(Long.MAX_VALUE);
        Path f = file("huge.csv", "type,time_ns,buffer,device,queue,flow,cpu,node,bytes\n"
                + "A,1,100,0,0,0x1,0,0,1500\nC,2,100,,,,1,1," + max + "\nA,3,101,0,0,0x1,0,0,1500\nC,4,101,,,,1,1," + max + "\n");
        for (String command : List.of("compare", "stats")) {
            CliTest.Run r = command.equals("compare") ? run("compare", f.toString(), "-p", "majority") : run("stats", f.toString());
            assertEquals(1, r.code(), command + ": " + r.out());
            assertTrue(r.err().contains("cannot be computed exactly"), r.err());
            assertFalse(r.out().contains("-2"), "no wrapped sum is printed: " + r.out());
        }
        Path ok = file("big.csv", "type,time_ns,buffer,device,queue,flow,cpu,node,bytes\n"
                + "A,1,100,0,0,0x1,0,0,1500\nC,2,100,,,,1,1," + (Long.MAX_VALUE / 40) + "\n");
        CliTest.Run r = run("stats", ok.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(Long.toString(Long.MAX_VALUE / 40)), r.out());
    }

    @Test
    void usageErrorsExitTwoAndAnUnknownCommandIsNotHelp() throws IOException {
        CliTest.Run unknown = run("nosuch", "--help");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown command 'nosuch'"), unknown.err());
        Path f = file("t.csv", ROWS);
        CliTest.Run strictCsv = run("import", "--strict", f.toString(), "-o", tmp.resolve("o").toString());
        assertEquals(2, strictCsv.code(), strictCsv.err());
        assertTrue(strictCsv.err().contains("--format perf-script only"), strictCsv.err());
        assertEquals(2, run("compare", f.toString(), "--no-such-option").code());
        CliTest.Run past = run("compare", f.toString(), "-p", "majority", "--score-from", "3");
        assertEquals(2, past.code(), past.err());
        assertTrue(past.err().contains("--score-from 3 is at or past the end"), past.err());
        assertEquals(0, run("compare", f.toString(), "-p", "majority", "--score-from", "2").code());
        assertEquals(2, run("record", "-o", tmp.resolve("r").toString(), "--duration", "-1").code());
    }

    @Test
    void outputsAppearOnlyWhenCompleteAndAreNeverOverwrittenSilently() throws IOException {
        Path f = file("t.csv", ROWS);
        Path dir = tmp.resolve("trace");
        assertEquals(0, run("import", f.toString(), "-o", dir.toString()).code());
        assertEquals(List.of("t.csv", "trace"), listing());
        assertEquals(1, run("import", f.toString(), "-o", dir.toString()).code());
        CliTest.Run forced = run("import", f.toString(), "-o", dir.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());

        Path report = file("report.txt", "precious");
        CliTest.Run compare = run("compare", dir.toString(), "-p", "majority", "-o", report.toString());
        assertEquals(1, compare.code());
        assertTrue(compare.err().contains(report + ": exists; use --force"), compare.err());
        assertEquals("precious", Files.readString(report));
        assertEquals(0, run("compare", dir.toString(), "-p", "majority", "-o", report.toString(), "--force").code());
        assertTrue(Files.readString(report).contains("majority"));

        damage(dir);
        Path out = tmp.resolve("out.csv");
        CliTest.Run export = run("export", dir.toString(), "-o", out.toString());
        assertEquals(1, export.code());
        assertTrue(export.err().contains("damaged"), export.err());
        assertEquals(List.of("report.txt", "t.csv", "trace"), listing(), "a failed export leaves no file, not even a temporary one");
    }

    /** Flips a bit of the first event excerpt (buffer id of the Alloc). */
    private static void damage(Path dir) throws IOException {
        Path cq4;
        try (Stream<Path> files = Files.list(dir)) {
            cq4 = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] all = Files.readAllBytes(cq4);
        int at = -1;
        for (int i = 0x80110; i + 5 < all.length; i += 4) { // the first 'A' excerpt after the header
            if (all[i] == 53 && all[i + 1] == 0 && all[i + 4] == 'A') {
                at = i + 4 + 9;
                break;
            }
        }
        assertTrue(at > 0, "found the Alloc");
        try (RandomAccessFile raf = new RandomAccessFile(cq4.toFile(), "rw")) {
            raf.seek(at);
            raf.write(all[at] ^ 4);
        }
    }

    @Test
    void verifySaysIntactOrWhereTheDamageIs() throws IOException {
        Path dir = tmp.resolve("trace");
        assertEquals(0, run("import", file("t.csv", ROWS).toString(), "-o", dir.toString()).code());
        CliTest.Run ok = run("verify", dir.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("events    3 found, 3 readable") && ok.out().contains("status    intact"), ok.out());
        damage(dir);
        CliTest.Run bad = run("verify", dir.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.out().contains("damage    " + dir) && bad.out().contains(".cq4 at byte")
                && bad.out().contains("checksum mismatch in the block of events 0..2"), bad.out());
        assertTrue(bad.out().contains("status    DAMAGED"), bad.out());
    }

    @Test
    void anImportOfWhichEveryLineWasSkippedIsRefusedAndLeavesNothing() throws IOException {
        Path f = file("junk.txt", "hello\nworld\n");
        CliTest.Run r = run("import", "--format", "perf-script", "--topology", "cpu-as-node", f.toString(), "-o",
                tmp.resolve("t").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("every one of its 2 non-blank lines was skipped"), r.err());
        assertEquals(List.of("junk.txt"), listing());
        CliTest.Run strict = run("import", "--format", "perf-script", "--topology", "cpu-as-node", "--strict", f.toString(),
                "-o", tmp.resolve("t").toString());
        assertEquals(1, strict.code());
        assertEquals(List.of("junk.txt"), listing(), "--strict leaves nothing that blocks the rerun");
    }

    @Test
    void distanceMatricesThatCannotBeSlitTablesAreRefusedAndAsymmetricOnesWarned() throws IOException {
        Path f = file("t.csv", "# nodes=2\n" + ROWS);
        for (String m : List.of("0 0\n0 0\n", "20 10\n10 20\n", "10 10\n10 10\n")) {
            CliTest.Run r = run("compare", f.toString(), "-p", "majority", "--distances", file("d.txt", m).toString());
            assertEquals(1, r.code(), m);
            assertTrue(r.err().contains("distance["), r.err());
        }
        CliTest.Run asym = run("compare", f.toString(), "-p", "majority", "--distances", file("d.txt", "10 20\n30 10\n").toString());
        assertEquals(0, asym.code(), asym.err());
        assertTrue(asym.err().contains("not symmetric"), asym.err());
    }

    @Test
    void topologyFilesWithADuplicateNodeOrCpuAreRefused() throws IOException {
        Path perf = file("p.txt", " a 1 [000] 1.0: net:netif_receive_skb: dev=lo skbaddr=0x1 len=1\n");
        for (String topo : List.of("node 0 cpus=0-1\nnode 0 cpus=2\n", "node 0 cpus=0-1\nnode 1 cpus=1-2\n", "0,0\n1,0\n1,1\n")) {
            Path t = file("topo.txt", topo);
            CliTest.Run r = run("import", "--format", "perf-script", "--topology", t.toString(), perf.toString(), "-o",
                    tmp.resolve("o").toString());
            assertEquals(1, r.code(), topo);
            assertTrue(r.err().contains(t + ":") && (r.err().contains("again") || r.err().contains("listed twice")), r.err());
        }
    }

    @Test
    void aCorruptOrNonJarPluginIsReportedAsSuchAndTheOthersStillWork() throws IOException {
        Path notJar = file("plugin.jar", "this is text, not a jar");
        Path truncated = tmp.resolve("cut.jar");
        Files.write(truncated, new byte[]{'P', 'K', 3, 4, 20, 0, 0, 0});
        CliTest.Run r = run("predictors", "--plugin-path", notJar.toString(), "--plugin-path", truncated.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains(notJar + ": not a readable jar file") && r.err().contains(truncated + ": not a readable jar file"),
                r.err());
        assertTrue(r.out().contains("majority"), "the built-ins are still there: " + r.out());
    }

    private Path fakePerf(String recordBody) throws IOException {
        Path perf = tmp.resolve("perf");
        Files.writeString(perf, """
                #!/bin/sh
                case "$1" in
                  --version) echo "perf version 0.fake" ;;
                  list) printf '  net:netif_receive_skb [Tracepoint event]\\n  skb:skb_copy_datagram_iovec [Tracepoint event]\\n  skb:consume_skb [Tracepoint event]\\n' ;;
                  record) out=""; while [ $# -gt 0 ]; do [ "$1" = "-o" ] && out="$2"; [ "$1" = "--" ] && { shift; break; }; shift; done
                          %s ;;
                  script) echo ' r 1 [000] 1.0: net:netif_receive_skb: dev=lo skbaddr=0x1 len=1' ;;
                esac
                """.formatted(recordBody));
        Files.setPosixFilePermissions(perf, PosixFilePermissions.fromString("rwxr-xr-x"));
        return perf;
    }

    @Test
    void recordPassesTheWorkloadsOutputThroughAndReportsItsFailure() throws IOException {
        Path perf = fakePerf("touch \"$out\"; \"$@\"");
        Path trace = tmp.resolve("t");
        CliTest.Run r = run("record", "-o", trace.toString(), "--perf", perf.toString(), "--topology", "cpu-as-node", "--",
                "sh", "-c", "echo workload-says-hello; echo workload-complains >&2; exit 3");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("workload-says-hello"), r.out());
        assertTrue(r.err().contains("workload-complains"), r.err());
        assertTrue(r.err().contains("the workload failed (exit status 3)"), r.err());
        assertTrue(Files.isDirectory(trace), "the recording is kept");
    }

    @Test
    void recordShowsPerfsOwnMessage() throws IOException {
        Path perf = fakePerf("touch \"$out\"; echo \"Failed to collect 'skb:consume_skb' for the '$1' workload: No such file or "
                + "directory\" >&2; exit 255");
        CliTest.Run r = run("record", "-o", tmp.resolve("t").toString(), "--perf", perf.toString(), "--topology", "cpu-as-node",
                "--", "/nonexistent/cmd");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Failed to collect 'skb:consume_skb' for the '/nonexistent/cmd' workload: No such file"),
                r.err());
        assertFalse(Files.exists(tmp.resolve("t")));
    }
}
