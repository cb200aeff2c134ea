package org.numabias.kernel.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.numabias.runtime.topology.CpuNodeMap;

/**
 * The importer splits its input into the lines that {@link String#lines()} (and
 * {@link java.io.BufferedReader#readLine}) gives, whatever the terminators ({@code \n}, {@code \r},
 * {@code \r\n}, none at the end) and however the reader hands the text over (blocks of any size,
 * lines across block boundaries): the import of damaged captures with random terminators, read in
 * random small blocks, equals the import of the same lines joined with {@code \n}.
 */
class LineSplittingTest {
    @Test
    void linesAreThoseOfStringLinesWhateverTheTerminatorsAndBlocks() {
        qt().withExamples(60).forAll(longs().all(), integers().between(1, 300)).checkAssert((seed, length) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            String[] terminators = {"\n", "\r", "\r\n", "\n\n", "\r\r\n"};
            StringBuilder text = new StringBuilder();
            for (String line : DamagedInputTest.damage(seed, length).split("\n", -1)) {
                text.append(line).append(terminators[rnd.nextInt(terminators.length)]);
            }
            if (rnd.nextBoolean()) {
                text.setLength(text.length() - 1); // no terminator at the end, or a lone \r
            }
            String normalized = String.join("\n", text.toString().lines().toList()) + "\n";
            int block = rnd.nextInt(1, 5000);
            assertEquals(imported(new StringReader(normalized)), imported(new ChunkedReader(text.toString(), block, rnd)));
        });
    }

    private static List<Object> imported(Reader in) {
        List<Object> events = new ArrayList<>();
        try {
            PerfScriptImporter.Result r = new PerfScriptImporter(CpuNodeMap.projection(1), false, "t", events::add)
                    .run(in, chars -> { });
            events.add(r.counts());
            events.add(r.firstSkips());
            events.add(r.devices());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** Hands the text over in blocks of 1 to {@code max} characters. */
    private static final class ChunkedReader extends Reader {
        private final String text;
        private final int max;
        private final SplittableRandom rnd;
        private int at;

        ChunkedReader(String text, int max, SplittableRandom rnd) {
            this.text = text;
            this.max = max;
            this.rnd = rnd;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (at == text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(len, text.length() - at), rnd.nextInt(1, max + 1));
            text.getChars(at, at + n, cbuf, off);
            at += n;
            return n;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
