package org.numabias.live.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real two-node placement on a one-node machine: boots a QEMU guest with two NUMA nodes (software
 * emulation) and runs {@link GuestCheck} inside it. Skipped, with the reason, when
 * {@code qemu-system-x86_64} is not installed.
 */
class TwoNodeGuestTest {
    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void placementAndBindingAreRealInATwoNodeGuest() throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("qemu-system-x86_64"),
                "qemu-system-x86_64 not installed (apt-get install qemu-system-x86): two-node guest test skipped");
        Path script = Path.of("src/test/guest/two-node-guest.sh").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), System.getProperty("java.home"),
                System.getProperty("java.class.path"), GuestCheck.class.getName(), "2"));
        Path log = Files.createTempFile("guest", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("NUMABIAS_GUEST_TIMEOUT", "200"); // per boot; a boot stalled before /init is tried twice
        pb.environment().put("NUMABIAS_GUEST_JAVA_OPTS", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"); // Agrona
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(540, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String out = Files.readString(log).replace("\r", "");
        Files.delete(log);
        System.out.println(out);
        assertTrue(out.contains("GUEST: nodes 2"), "the guest must see two nodes:\n" + out);
        assertTrue(out.contains("CHECK ok   1 MiB allocated on node 1: first page on 1, last on 1"), out);
        assertTrue(out.contains("CHECK ok   pool of node 1 carves"), out);
        assertTrue(out.contains("CHECK ok   thread bound to node 1 runs on node 1"), out);
        assertTrue(out.contains("CHECK ok   live loop (real mode)"), out);
        assertTrue(out.contains("CHECK ok   live loop placement"), out);
        assertTrue(out.contains("CHECK ok   node 2 refused"), out);
        assertTrue(out.contains("GUEST-CHECK PASS"), out);
        assertEquals(0, p.exitValue(), out);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
