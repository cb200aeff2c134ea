package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.numabias.tools.cli.CliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.datasets.RecordedTrace;

/** {@code numabias watch}: the online replay equals compare of what it recorded; perf's failures are clear and sealed. */
class WatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PREDICTORS = List.of("-p", "producer-local", "-p", "last-consumer", "-p", "ewma",
            "-p", "oracle");

    @TempDir
    Path tmp;

    private Path capture(String name) throws IOException {
        Path text = tmp.resolve(name + ".txt");
        RecordedTrace trace = RecordedTrace.all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        try (InputStream in = trace.perfScript()) {
            Files.write(text, in.readAllBytes());
        }
        return text;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void compareOfTheRecordedStreamGivesExactlyTheFinalNumbersWatchPrinted() throws IOException {
        Path text = capture("udp-migrating");
        Path trace = tmp.resolve("watched");
        java.util.ArrayList<String> args = new java.util.ArrayList<>(List.of("watch", "--from-script", text.toString(),
                "--topology", "cpu-as-node", "--record", trace.toString(), "--format", "json"));
        args.addAll(PREDICTORS);
        CliTest.Run watched = run(args.toArray(String[]::new));
        assertEquals(0, watched.code(), watched.err());
        List<String> lines = watched.out().lines().toList();
        JsonNode last = JSON.readTree(lines.getLast());
        assertEquals("final", last.path("type").asText());
        for (String line : lines) {
            JSON.readTree(line); // NDJSON: every line one JSON object
        }
        args = new java.util.ArrayList<>(List.of("compare", trace.toString(), "--format", "json"));
        args.addAll(PREDICTORS);
        CliTest.Run compared = run(args.toArray(String[]::new));
        assertEquals(0, compared.code(), compared.err());
        JsonNode report = JSON.readTree(compared.out());
        JsonNode watchedReport = last.path("report");
        assertEquals(report.path("trace").path("eventsSha256"), watchedReport.path("trace").path("eventsSha256"));
        assertEquals(300 + 356 + 206, report.path("trace").path("events").asLong(), "the capture's allocs, consumes, frees (RecordedFixturesTest)");
        for (int i = 0; i < 4; i++) {
            JsonNode a = report.path("results").get(i);
            JsonNode b = watchedReport.path("results").get(i);
            assertEquals(a.path("label"), b.path("label"));
            for (String m : List.of("localByteRatio", "remoteBytesAvoided", "remoteBytes", "accuracy", "cost", "consumptions")) {
                assertEquals(a.path(m), b.path(m), a.path("label") + " " + m);
                assertFalse(a.path(m).isMissingNode(), m);
            }
            assertEquals(a.path("localByteRatio").asDouble(),
                    last.path("predictors").get(i).path("localByteRatio").asDouble(), "the final line's own summary");
        }
    }

    private Path fakePerf(String recordBody, String scriptBody) throws IOException {
        Path perf = tmp.resolve("perf");
        Files.writeString(perf, """
                #!/bin/sh
                case "$1" in
                  --version) echo "perf version 0.fake" ;;
                  version) echo "libpython: [ OFF ]" ;;
                  list) printf '  net:netif_receive_skb [Tracepoint event]\\n  skb:skb_copy_datagram_iovec [Tracepoint event]\\n  skb:consume_skb [Tracepoint event]\\n' ;;
                  record) %s ;;
                  script) %s ;;
                esac
                """.formatted(recordBody, scriptBody));
        Files.setPosixFilePermissions(perf, PosixFilePermissions.fromString("rwxr-xr-x"));
        return perf;
    }

    @Test
    void noPerfIsAClearError() {
        CliTest.Run r = run("watch", "--perf", "/nonexistent/perf", "--duration", "1", "--topology", "cpu-as-node");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot run '/nonexistent/perf'") && r.err().contains("linux-perf"), r.err());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void lackOfPermissionSaysWhatToDoAndSealsAnEmptyTrace() throws IOException {
        Path perf = fakePerf("echo 'Error: Access to performance monitoring and observability operations is limited. "
                + "perf_event_paranoid setting is 4' >&2; exit 255", "cat >/dev/null; exit 1");
        Path trace = tmp.resolve("t");
        CliTest.Run r = run("watch", "--perf", perf.toString(), "--duration", "1", "--topology", "cpu-as-node",
                "--record", trace.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("lack of permission") && r.err().contains("perf_event_paranoid"), r.err());
        CliTest.Run verify = run("verify", trace.toString());
        assertEquals(0, verify.code(), verify.out() + verify.err());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void perfScriptEndingEarlyIsReportedAndWhatCameIsSealed() throws IOException {
        Path lines = tmp.resolve("two.txt");
        Files.writeString(lines, """
                 tx 10 [000] 5.000001: net:netif_receive_skb: dev=lo skbaddr=0xa0 len=120
                 rx 11 [001] 5.000003: skb:skb_copy_datagram_iovec: skbaddr=0xa0 len=92
                """);
        // perf record keeps recording (it would for a long --duration); perf script prints two lines and dies.
        // exec: one process, like perf, so watch's SIGTERM ends it (a sleep left behind by a killed shell would hold
        // perf record's error stream open for its 30 s)
        Path perf = fakePerf("exec sleep 30", "cat " + lines + "; exit 3");
        Path trace = tmp.resolve("t");
        CliTest.Run r = run("watch", "--perf", perf.toString(), "--duration", "20", "--topology", "cpu-as-node",
                "--record", trace.toString(), "-p", "producer-local");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("perf script ended early (exit status 3) after 2 events"), r.err());
        CliTest.Run stats = run("stats", trace.toString(), "--format", "json");
        assertEquals(0, stats.code(), stats.err());
        assertTrue(stats.out().contains("\"consumes\": 1") && stats.out().contains("perf script ended early"), stats.out());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void perfRecordDyingIsReportedAndWhatCameIsSealed() throws IOException {
        Path lines = tmp.resolve("one.txt");
        Files.writeString(lines, " tx 10 [000] 5.000001: net:netif_receive_skb: dev=lo skbaddr=0xa0 len=120\n");
        Path perf = fakePerf("cat " + lines + "; echo 'perf: Segmentation fault' >&2; exit 139", "cat");
        Path trace = tmp.resolve("t");
        CliTest.Run r = run("watch", "--perf", perf.toString(), "--duration", "20", "--topology", "cpu-as-node",
                "--record", trace.toString(), "-p", "producer-local");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("perf record ended unexpectedly (exit status 139) after 1 events")
                && r.err().contains("Segmentation fault"), r.err());
        assertEquals(0, run("verify", trace.toString()).code());
    }

    /** The last line of {@code file} that starts with {@code prefix}, or "" (the file may still be growing). */
    private static String lastLine(Path file, String prefix) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    /**
     * {@code p}, sent SIGTERM, ends as a program ended by SIGTERM (143) without a stack trace or an
     * error, after its final JSON summary of {@code events} events; its trace is sealed under its name
     * (nothing left as .incomplete), verifies, holds those events and says it was stopped.
     */
    private void assertCleanEndAfterSigterm(Process p, Path out, Path err, Path trace, long events) throws Exception {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ended within a minute of SIGTERM");
        String messages = Files.readString(err);
        assertEquals(143, p.exitValue(), messages);
        assertFalse(messages.contains("\tat ") || messages.contains("error:"), messages);
        JsonNode last = JSON.readTree(lastLine(out, "{"));
        assertEquals("final", last.path("type").asText());
        assertEquals(events, last.path("events").asLong());
        assertTrue(Files.isDirectory(trace), "sealed under its name");
        assertFalse(Files.exists(org.numabias.runtime.store.ChronicleTraceWriter.incompleteDir(trace)), "no .incomplete left");
        CliTest.Run verify = run("verify", trace.toString());
        assertEquals(0, verify.code(), verify.out() + verify.err());
        CliTest.Run stats = run("stats", trace.toString(), "--format", "json");
        JsonNode s = JSON.readTree(stats.out());
        assertTrue(s.path("provenance").path("stoppedBySignal").asText().startsWith("true (SIGTERM or Ctrl-C after "
                + events + " events"), stats.out());
        assertEquals(events, s.path("events").asLong(), stats.out());
    }

    /**
     * SIGTERM while perf is still starting (the fake perf record has started and delivers nothing): the
     * watch ends as on SIGTERM (143), with its final summary and an empty trace sealed under its name.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigtermDuringStartUpSealsTheEmptyTrace() throws Exception {
        Path started = tmp.resolve("perf-started");
        Path perf = fakePerf("touch " + started + "; exec sleep 60", "cat");
        Path trace = tmp.resolve("t");
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        Process p = new ProcessBuilder(ChildJvm.command(Numabias.class, "watch", "--perf", perf.toString(), "--duration",
                "60", "--topology", "cpu-as-node", "--record", trace.toString(), "-p", "producer-local", "--format", "json"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(started) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(started) && p.isAlive(), "perf record started:\n" + Files.readString(err));
        p.destroy(); // SIGTERM
        assertCleanEndAfterSigterm(p, out, err, trace, 0);
    }

    /**
     * {@code --from-script -} reading a pipe that stays open (perf script text piped in): SIGTERM ends the
     * read at once, and every event read before it is in the final summary and in the sealed trace.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigtermWhileReadingStandardInputSealsWhatWasRead() throws Exception {
        Path text = capture("udp-migrating");
        Path trace = tmp.resolve("t");
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        Process p = new ProcessBuilder(ChildJvm.command(Numabias.class, "watch", "--from-script", "-", "--topology",
                "cpu-as-node", "--record", trace.toString(), "-p", "producer-local", "--format", "json"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var stdin = p.getOutputStream()) { // kept open until the end of the test: the pipe never ends by itself
            stdin.write(Files.readAllBytes(text));
            stdin.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!lastLine(out, "{").contains("\"events\":862,") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(p.isAlive(), "still reading its open standard input:\n" + Files.readString(err));
            p.destroy(); // SIGTERM
            assertCleanEndAfterSigterm(p, out, err, trace, 300 + 356 + 206); // the capture's allocs, consumes, frees
        }
    }
}
