package org.numabias.kernel.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;
import org.numabias.datasets.RecordedTrace;
import org.numabias.runtime.topology.CpuNodeMap;

/**
 * The perf script parser on damaged real captures: truncated lines, garbage, huge fields, swapped
 * and duplicated lines. It never throws (but {@link TraceFormatException} with --strict), never
 * hangs, and what it emits is still a valid trace: time-ordered, counts that add up.
 */
class DamagedInputTest {
    private static final List<String> REAL = load();

    private static List<String> load() {
        List<String> lines = new ArrayList<>();
        for (RecordedTrace t : RecordedTrace.all()) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(t.perfScript(), StandardCharsets.UTF_8))) {
                in.lines().limit(400).forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    static String damage(long seed, int length) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        int start = rnd.nextInt(REAL.size());
        for (int i = 0; i < length; i++) {
            String line = REAL.get((start + i) % REAL.size());
            switch (rnd.nextInt(10)) {
                case 0 -> line = line.substring(0, rnd.nextInt(line.length() + 1));            // truncated
                case 1 -> line = line.replace("skbaddr=0x", "skbaddr=0x" + "f".repeat(rnd.nextInt(30)));
                case 2 -> line = line + " len=" + "9".repeat(rnd.nextInt(1, 40));               // huge field
                case 3 -> line = randomGarbage(rnd);
                case 4 -> line = line.replace('[', rnd.nextBoolean() ? ']' : '[');
                case 5 -> line = "[0] ".repeat(rnd.nextInt(1, 2000)) + line;                   // many brackets
                case 6 -> line = line.replace(":", rnd.nextBoolean() ? "" : "::");
                case 8 -> line = line.replaceFirst("\\] +\\d", "] 9");                          // time jumps
                case 7 -> line = "x".repeat(rnd.nextInt(60_000, 70_000));                        // huge line
                default -> { }
            }
            sb.append(line).append(rnd.nextInt(20) == 0 ? "\r\n" : "\n");
            if (rnd.nextInt(15) == 0) {
                sb.append(line).append('\n');                                                    // duplicated
            }
        }
        return sb.toString();
    }

    private static String randomGarbage(SplittableRandom rnd) {
        char[] c = new char[rnd.nextInt(200)];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) rnd.nextInt(1, 0x3000);
        }
        return new String(c);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void neverThrowsNeverHangsAndEmitsAValidTrace() {
        qt().withExamples(150).forAll(longs().all(), integers().between(1, 300)).checkAssert((seed, length) -> {
            String text = damage(seed, length);
            List<TraceEvent> events = new ArrayList<>();
            PerfScriptImporter.Result r;
            try {
                r = new PerfScriptImporter(CpuNodeMap.projection(1), false, "damaged", events::add)
                        .run(new BufferedReader(new StringReader(text)), c -> { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertEquals(r.allocs() + r.consumes() + r.frees(), events.size());
            assertTrue(r.lines() >= r.skippedLines() + r.otherEvents());
            long last = Long.MIN_VALUE;
            for (TraceEvent e : events) {
                assertTrue(e.timeNs() >= last, "time order, even when damage reordered the lines");
                last = e.timeNs();
            }
        });
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void strictModeThrowsOnlyTheDocumentedError() {
        qt().withExamples(100).forAll(longs().all(), integers().between(1, 100)).checkAssert((seed, length) -> {
            try {
                new PerfScriptImporter(CpuNodeMap.projection(1), true, "damaged", e -> { })
                        .run(new BufferedReader(new StringReader(damage(seed, length))), c -> { });
            } catch (TraceFormatException expected) {
                assertTrue(expected.getMessage().startsWith("damaged:"), expected.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
