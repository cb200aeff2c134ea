package org.numabias.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporary files of atomic outputs: pending until settled, removed when the JVM exits first. */
class TempFilesTest {
    @TempDir
    Path dir;

    @Test
    void aTemporaryFileIsHiddenBesideItsTargetAndPendingUntilSettled() throws IOException {
        Path tmp = TempFiles.beside(dir.resolve("out.csv"));
        assertEquals(dir, tmp.getParent());
        assertTrue(tmp.getFileName().toString().startsWith(".out.csv."), tmp.toString());
        assertTrue(tmp.getFileName().toString().endsWith(".incomplete"), tmp.toString());
        assertTrue(TempFiles.isPending(tmp));
        TempFiles.settled(tmp);
        assertFalse(TempFiles.isPending(tmp));
        assertTrue(Files.exists(tmp), "settling does not delete");
    }

    @Test
    void theExitRemovesPendingFilesAndFoldersAndLeavesSettledOnes() throws IOException {
        Path pendingFile = TempFiles.beside(dir.resolve("a.csv"));
        Files.writeString(pendingFile, "half a file");
        Path pendingFolder = TempFiles.pending(Files.createDirectory(dir.resolve(".report.incomplete-1")));
        Files.createDirectories(pendingFolder.resolve("sub"));
        Files.writeString(pendingFolder.resolve("sub/table.html"), "<p>");
        Path settledFile = TempFiles.beside(dir.resolve("b.csv"));
        TempFiles.settled(settledFile);

        TempFiles.removePending();

        assertFalse(Files.exists(pendingFile));
        assertFalse(Files.exists(pendingFolder));
        assertTrue(Files.exists(settledFile));
        assertFalse(TempFiles.isPending(pendingFile));
    }

    @Test
    void deleteRemovesAFolderWithItsContentAndSettlesIt() throws IOException {
        Path folder = TempFiles.pending(Files.createDirectory(dir.resolve(".r.incomplete-2")));
        Files.writeString(folder.resolve("x"), "x");
        TempFiles.delete(folder);
        assertFalse(Files.exists(folder));
        assertFalse(TempFiles.isPending(folder));
        TempFiles.delete(dir.resolve("never-there")); // nothing to delete is not an error
    }

    /** A JVM ended by SIGTERM while writing removes its pending file and keeps its settled one. */
    @Test
    void sigtermRemovesWhatAJvmLeftPending() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Writer.class.getName(),
                dir.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            Path pending = Path.of(out.readLine());
            Path settled = Path.of(out.readLine());
            assertEquals("writing", out.readLine());
            assertTrue(Files.exists(pending));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the JVM did not end within 30 s of SIGTERM");
            assertEquals(143, p.exitValue());
            assertFalse(Files.exists(pending), "the pending file survived SIGTERM");
            assertTrue(Files.exists(settled));
            assertEquals(List.of(settled), Files.list(dir).toList());
        } finally {
            p.destroyForcibly();
        }
    }

    /** Makes a pending and a settled temporary file in the folder {@code args[0]}, then writes until killed. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            Path folder = Path.of(args[0]);
            Path pending = TempFiles.beside(folder.resolve("out.csv"));
            Path settled = TempFiles.beside(folder.resolve("done.csv"));
            TempFiles.settled(settled);
            System.out.println(pending);
            System.out.println(settled);
            System.out.println("writing");
            System.out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // bounded, if nobody ends it
            while (System.nanoTime() < deadline) {
                Files.writeString(pending, "row\n", java.nio.file.StandardOpenOption.APPEND);
                Thread.sleep(10);
            }
        }
    }
}
