package org.numabias.runtime.csv;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.trace.TraceCursor;
import org.numabias.api.trace.TraceFormatException;

/** Damaged CSV traces: the reader either reads them or fails with the documented error naming file and line. */
class CsvDamagedInputTest {
    @TempDir
    Path tmp;

    private static final String[] GOOD = {
            "A,1,100,0,0,0x1,0,0,1500", "C,2,100,,,,1,1,1000", "A,3,101,0,1,7,0,1,1500", "C,4,101,,,,1,0,500",
            "F,5,100,,,,,,", "C,6,999,,,,1,1,10", "A,7,102,2,-1,,3,1,64"};

    @Test
    void damagedFilesReadOrFailWithFileAndLine() {
        qt().withExamples(400).forAll(longs().all(), integers().between(0, 40)).checkAssert((seed, rows) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            StringBuilder sb = new StringBuilder();
            if (rnd.nextInt(5) > 0) {
                sb.append(rnd.nextInt(6) == 0 ? "# nodes=" + rnd.nextInt(-1, 3) + "\n" : "# nodes=2\n");
            }
            sb.append(rnd.nextInt(20) == 0 ? "type,time" : CsvTraceSource.HEADER).append('\n');
            for (int i = 0; i < rows; i++) {
                String row = GOOD[rnd.nextInt(GOOD.length)].replaceFirst(",\\d+,", "," + (i + 10) + ",");
                sb.append(damage(row, rnd)).append(rnd.nextBoolean() ? "\n" : "\r\n");
            }
            Path f = tmp.resolve("d" + seed + ".csv");
            try {
                Files.writeString(f, sb.toString());
                try (TraceCursor c = CsvTraceSource.open(f).open()) {
                    c.forEachRemaining(e -> { });
                }
            } catch (TraceFormatException e) {
                assertTrue(e.getMessage().matches("(?s)" + java.util.regex.Pattern.quote(f.toString()) + ":\\d+: .+"),
                        e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String damage(String row, SplittableRandom rnd) {
        return switch (rnd.nextInt(12)) {
            case 0 -> row.substring(0, rnd.nextInt(row.length() + 1));
            case 1 -> row.replace(",", ",,");
            case 2 -> row.replaceFirst("\\d+", "9".repeat(rnd.nextInt(1, 40)));
            case 3 -> row.replaceFirst("0x1", "0x" + "f".repeat(rnd.nextInt(1, 20)));
            case 4 -> row.replaceFirst("\\d", "\u00e9");
            case 5 -> row.replaceFirst("-1", "-" + rnd.nextInt(2, 9));
            case 6 -> "#" + row;
            case 7 -> (char) rnd.nextInt(32, 127) + row.substring(1);
            case 8 -> row.replaceFirst(",\\d+,", ",-" + rnd.nextInt(1, 5) + ",");
            default -> row;
        };
    }
}
