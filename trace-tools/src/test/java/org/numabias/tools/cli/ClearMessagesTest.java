package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of random bytes given as a topology, a distance matrix or a workload are named with the line
 * and byte where they stop being text (Java's reader says only "Input length = 1"); a CSV written by
 * generate gets the permissions of every other output, not a temporary file's 0600.
 */
class ClearMessagesTest {
    @TempDir
    Path tmp;

    private Path randomBytes() throws IOException {
        byte[] bytes = new byte[3000];
        new Random(21).nextBytes(bytes);
        bytes[0] = (byte) 0xB0; // a continuation byte cannot start UTF-8 text
        Path f = tmp.resolve("random.bin");
        Files.write(f, bytes);
        return f;
    }

    @Test
    void randomBytesAreNamedAsNotTextWithFileLineAndOffset() throws IOException {
        Path junk = randomBytes();
        Path csv = tmp.resolve("t.csv");
        assertEquals(0, CliTest.run("generate", "static-skew", "--param", "length=300", "-o", csv.toString()).code());
        String expected = junk + ":1: not UTF-8 text (byte offset 0)";
        CliTest.Run topology = CliTest.run("import", "--format", "perf-script", "--topology", junk.toString(), csv.toString(),
                "-o", tmp.resolve("p").toString());
        assertEquals("import: error: " + expected, topology.err().strip());
        CliTest.Run distances = CliTest.run("compare", csv.toString(), "-p", "majority", "--distances", junk.toString());
        assertEquals("compare: error: " + expected, distances.err().strip());
        CliTest.Run workload = CliTest.run("live", "-w", junk.toString());
        assertEquals("live: error: " + expected, workload.err().strip());
    }

    @Test
    void aGeneratedCsvGetsTheUsualFileMode() throws IOException {
        Path csv = tmp.resolve("g.csv");
        assertEquals(0, CliTest.run("generate", "mix", "-o", csv.toString()).code());
        Path plain = Files.createFile(tmp.resolve("plain")); // what any file created here gets (0666 less the umask)
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(csv)));
    }
}
