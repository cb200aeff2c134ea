package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.runtime.store.ChronicleTraceWriter;
import org.numabias.runtime.store.OutputLock;

/**
 * Every command that writes a trace refuses to write one that another writer is writing, naming the
 * holder, and leaves the holder's output alone (two imports into one output used to damage it).
 */
class WriterLockTest {
    @TempDir
    Path tmp;

    private static final String ROWS = "type,time_ns,buffer,device,queue,flow,cpu,node,bytes\n"
            + "A,1,100,0,0,0x1,0,0,1500\nC,2,100,,,,1,1,1000\nF,3,100,,,,,,\n";

    private void refusedWhileHeld(Path target, String... command) {
        String holder = "pid " + ProcessHandle.current().pid() + ":";
        try (OutputLock held = OutputLock.forTrace(target)) {
            CliTest.Run r = CliTest.run(command);
            assertEquals(1, r.code(), command[0] + ": " + r.out() + r.err());
            assertTrue(r.err().contains(target.toAbsolutePath().normalize() + " is being written by another writer ("
                    + holder), r.err());
            assertTrue(r.err().contains("lock " + held.file()), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            assertFalse(Files.exists(target), "nothing written: " + command[0]);
            assertFalse(Files.exists(ChronicleTraceWriter.incompleteDir(target)), "nothing written: " + command[0]);
        }
    }

    @Test
    void everyTraceWriterRefusesAnOutputThatAnotherWriterHolds() throws IOException {
        Path csv = tmp.resolve("t.csv");
        Files.writeString(csv, ROWS);
        Path perf = tmp.resolve("p.txt");
        Files.writeString(perf, " a 1 [000] 1.0: net:netif_receive_skb: dev=lo skbaddr=0x1 len=1\n");
        refusedWhileHeld(tmp.resolve("imported"), "import", csv.toString(), "-o", tmp.resolve("imported").toString());
        // record writes its trace through this import path once perf has recorded
        refusedWhileHeld(tmp.resolve("perf"), "import", "--format", "perf-script", "--topology", "cpu-as-node",
                perf.toString(), "-o", tmp.resolve("perf").toString());
        refusedWhileHeld(tmp.resolve("gen"), "generate", "static-skew", "--param", "length=2000", "-o",
                tmp.resolve("gen").toString());
        refusedWhileHeld(tmp.resolve("mat"), "datasets", "materialize", "mix", "-o", tmp.resolve("mat").toString());
        refusedWhileHeld(tmp.resolve("live"), "live", "-w", "migration", "--duration", "0.3", "--emulate-nodes", "2",
                "--record", tmp.resolve("live").toString(), "-p", "producer-local");
    }

    @Test
    void theClaimIsReleasedWithTheWriterSoTheNextWriterProceeds() throws IOException {
        Path csv = tmp.resolve("t.csv");
        Files.writeString(csv, ROWS);
        Path target = tmp.resolve("t");
        CliTest.Run first = CliTest.run("import", csv.toString(), "-o", target.toString());
        assertEquals(0, first.code(), first.err());
        CliTest.Run again = CliTest.run("import", csv.toString(), "-o", target.toString(), "--force");
        assertEquals(0, again.code(), again.err());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("t", "t.csv"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no lock file is left behind");
        }
    }
}
