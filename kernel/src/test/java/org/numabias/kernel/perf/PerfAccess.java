package org.numabias.kernel.perf;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Whether perf can record system-wide tracepoints here; a test needing it skips, except under CI=true where it fails. */
final class PerfAccess {
    private PerfAccess() {
    }

    static void require() {
        boolean usable = canRecord();
        if (!usable && "true".equals(System.getenv("CI"))) {
            fail("CI=true and perf cannot record system-wide tracepoints (install perf, run as root)");
        }
        assumeTrue(usable, "perf cannot record system-wide tracepoints here");
    }

    private static boolean canRecord() {
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
