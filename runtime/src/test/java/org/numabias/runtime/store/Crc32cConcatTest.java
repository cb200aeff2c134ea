package org.numabias.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class Crc32cConcatTest {
    private static int crc(byte[] bytes, int from, int length) {
        CRC32C c = new CRC32C();
        c.update(bytes, from, length);
        return (int) c.getValue();
    }

    @Test
    void theCrcOfTwoStringsOneAfterTheOtherIsTheJdksCrcOfTheirConcatenation() {
        Crc32cConcat concat = new Crc32cConcat();
        qt().withExamples(500).forAll(longs().all(), integers().between(0, 3000), integers().between(0, 70_000))
                .checkAssert((seed, lengthA, lengthB) -> {
                    byte[] bytes = new byte[lengthA + lengthB];
                    new SplittableRandom(seed).nextBytes(bytes);
                    assertEquals(crc(bytes, 0, bytes.length),
                            concat.concat(crc(bytes, 0, lengthA), crc(bytes, lengthA, lengthB), lengthB));
                });
    }

    @Test
    void chainingBlocksGivesTheCrcOfTheWholeSequence() {
        byte[] bytes = new byte[10 * 4096 + 17];
        new SplittableRandom(7).nextBytes(bytes);
        Crc32cConcat concat = new Crc32cConcat();
        int whole = 0; // the CRC32C of no bytes
        for (int from = 0; from < bytes.length; from += 4096) {
            int length = Math.min(4096, bytes.length - from);
            whole = concat.concat(whole, crc(bytes, from, length), length);
        }
        assertEquals(crc(bytes, 0, bytes.length), whole);
    }

    @Test
    void knownValues() {
        // CRC32C("123456789") = 0xE3069283, the polynomial's published check value
        byte[] digits = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, new Crc32cConcat().concat(crc(digits, 0, 4), crc(digits, 4, 5), 5));
        assertEquals(0xE3069283, new Crc32cConcat().concat(0, crc(digits, 0, 9), 9));
    }
}
