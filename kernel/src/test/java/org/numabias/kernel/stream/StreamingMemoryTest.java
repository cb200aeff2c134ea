package org.numabias.kernel.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Watch's memory is bounded: 10.5M streamed events replayed online through four predictors with a 128 MB heap. */
class StreamingMemoryTest {
    @Test
    @Timeout(value = 900, unit = TimeUnit.SECONDS)
    void tenMillionStreamedEventsFitIn128Megabytes() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                StreamBound.class.getName(), "3500000").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "bounded");
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of("events 10500000 expected 10500000"), out.lines().filter(l -> l.startsWith("events")).toList(), out);
    }
}
