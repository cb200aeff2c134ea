package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.runtime.store.ChronicleTraceWriter;

/**
 * Writing onto a full disk (a 3 MB tmpfs) or a read-only file system ends every writing command
 * with one line naming the file, exit 1, no JVM fault (a full tmpfs faults writes into a mapped
 * file) and no stack trace; what is left is either nothing or a readable {@code .incomplete}.
 * Mounting needs root: without it the test is skipped, except under CI, where it fails.
 */
class FullDiskTest {
    @TempDir
    Path tmp;

    private Path full;
    private Path readOnly;
    private final List<Path> mounted = new ArrayList<>();

    private void mount(Path dir, String options) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (!ok) {
            if ("true".equals(System.getenv("CI"))) {
                fail("cannot mount a tmpfs (CI runs as root and must): " + out);
            }
            Assumptions.abort("cannot mount a tmpfs here (needs root): " + out);
        }
        mounted.add(dir);
    }

    @BeforeEach
    void disks() throws IOException, InterruptedException {
        full = tmp.resolve("full");
        readOnly = tmp.resolve("ro");
        mount(full, "size=3m");
        mount(readOnly, "size=1m,ro");
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        for (Path dir : mounted) {
            new ProcessBuilder("umount", dir.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Fills the tmpfs but {@code leaveKiB}. */
    private void fill(long leaveKiB) throws IOException {
        long free = Files.getFileStore(full).getUsableSpace();
        Files.write(full.resolve("filler"), new byte[(int) Math.max(0, free - leaveKiB * 1024)]);
    }

    private static void oneClearLine(CliTest.Run r, String command, String startsWith) {
        assertEquals(1, r.code(), command + ": " + r.out() + r.err());
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("live: EMULATED")).toList();
        assertEquals(1, lines.size(), command + ": " + r.err());
        assertTrue(lines.getFirst().startsWith(startsWith), command + ": " + r.err());
        assertFalse(r.err().contains("InternalError") || r.err().contains("\tat "), command + ": " + r.err());
    }

    @Test
    void aTraceWriterOnAFullDiskStopsWithOneLineAndLeavesNothingOrAReadablePrefix() throws IOException {
        Path trace = full.resolve("t");
        CliTest.Run gen = CliTest.run("generate", "static-skew", "--param", "length=100000", "-o", trace.toString());
        oneClearLine(gen, "generate", "generate: error: " + ChronicleTraceWriter.incompleteDir(trace)
                + ": no space left on device; writing stopped, nothing was kept");
        assertEquals(List.of(), listing(full));

        Path csv = tmp.resolve("big.csv");
        assertEquals(0, CliTest.run("generate", "static-skew", "--param", "length=40000", "-o", csv.toString()).code());
        CliTest.Run imp = CliTest.run("import", csv.toString(), "-o", trace.toString());
        oneClearLine(imp, "import", "import: error: " + ChronicleTraceWriter.incompleteDir(trace) + ": no space left on device");
        assertEquals(List.of(), listing(full));

        fill(600);
        Path recorded = full.resolve("live");
        CliTest.Run live = CliTest.run("live", "-w", "migration", "--duration", "3", "--emulate-nodes", "2",
                "--record", recorded.toString(), "-p", "producer-local");
        Path kept = ChronicleTraceWriter.incompleteDir(recorded);
        oneClearLine(live, "live", "live: error: " + kept + ": no space left on device; writing stopped: the first ");
        CliTest.Run verify = CliTest.run("verify", kept.toString());
        assertTrue(verify.out().contains("status    intact but INCOMPLETE"), verify.out() + verify.err());
    }

    @Test
    void fileOutputsAndReportsOnAFullDiskNameTheFileAndLeaveNothing() throws IOException {
        Path trace = tmp.resolve("t");
        assertEquals(0, CliTest.run("generate", "static-skew", "--param", "length=3000", "-o", trace.toString()).code());
        fill(150);
        Path csv = full.resolve("g.csv");
        CliTest.Run gen = CliTest.run("generate", "static-skew", "--param", "length=30000", "-o", csv.toString());
        oneClearLine(gen, "generate csv", "generate: error: " + csv + ": No space left on device");
        Path report = full.resolve("report");
        CliTest.Run rep = CliTest.run("compare", trace.toString(), "-p", "majority", "--report", report.toString());
        oneClearLine(rep, "compare --report", "compare: error: " + report.toAbsolutePath() + "/");
        assertTrue(rep.err().strip().endsWith("No space left on device (the report was not written)"), rep.err());
        assertEquals(List.of("filler"), listing(full), "no partial report, no temporary folder");
    }

    @Test
    void aReadOnlyFileSystemIsNamedByEveryWriter() throws IOException {
        Path csv = tmp.resolve("t.csv");
        assertEquals(0, CliTest.run("generate", "static-skew", "--param", "length=300", "-o", csv.toString()).code());
        Path trace = readOnly.resolve("t");
        oneClearLine(CliTest.run("import", csv.toString(), "-o", trace.toString()), "import",
                "import: error: " + trace + ".lock: cannot create the lock file for " + trace + ": Read-only file system");
        oneClearLine(CliTest.run("generate", "mix", "-o", readOnly.resolve("g.csv").toString()), "generate csv",
                "generate: error: " + readOnly.resolve("g.csv") + ": cannot write here: Read-only file system");
        oneClearLine(CliTest.run("compare", csv.toString(), "-p", "majority", "--report", readOnly.resolve("r").toString()),
                "compare --report", "compare: error: " + readOnly.resolve("r") + ": cannot create the report folder");
        assertEquals(List.of(), listing(readOnly));
    }
}
