package org.numabias.runtime.store;

/**
 * The CRC32C of two byte strings one after the other, from the CRC32C of each and the second one's
 * length, without reading the bytes again: how the trace checksum (over every event excerpt) is had
 * from the block checksums already computed, so a block's bytes are read by one checksum pass, not
 * two. Hand-written (the JDK's {@link java.util.zip.CRC32C} has no such operation) because it is on the
 * store's read and write paths, once per block.
 *
 * <p>The arithmetic: a CRC is the remainder of the message's polynomial over GF(2) modulo the CRC's
 * polynomial (here in reflected bit order, bit 31 the lowest power), with the register started and
 * finished inverted. Appending {@code n} bytes to A multiplies A's remainder by x^(8n) and adds B's;
 * the inversions cancel out in the sum, so {@code crc(AB) = crc(A) * x^(8n) + crc(B)} (mod the
 * polynomial). x^(8n) is built from the powers x^(2^k), squared once when the class loads.
 */
final class Crc32cConcat {
    /** The Castagnoli polynomial, reflected. */
    private static final int POLY = 0x82F63B78;
    /** x^0 in reflected order. */
    private static final int ONE = 0x8000_0000;
    /** x^(2^k) mod the polynomial, for k = 0..63 (8n < 2^64 for every length n). */
    private static final int[] X_POW_2K = new int[64];

    static {
        int p = ONE >>> 1; // x^1
        X_POW_2K[0] = p;
        for (int k = 1; k < X_POW_2K.length; k++) {
            p = multiply(p, p);
            X_POW_2K[k] = p;
        }
    }

    /** The last second length and its factor x^(8n): block lengths repeat, so most blocks skip the powering. */
    private long lastLength = -1;
    private int lastFactor;

    /** {@code crc(A followed by B)} from {@code crc(A)}, {@code crc(B)} and B's length in bytes. */
    int concat(int crcA, int crcB, long lengthB) {
        if (lengthB != lastLength) {
            lastFactor = xPow8n(lengthB);
            lastLength = lengthB;
        }
        return multiply(lastFactor, crcA) ^ crcB;
    }

    /** x^(8n) mod the polynomial (n >= 0): the product of x^(2^k) over the set bits k of 8n. */
    static int xPow8n(long n) {
        int p = ONE;
        int k = 3; // 8n = n << 3
        for (long m = n; m != 0; m >>>= 1, k++) {
            if ((m & 1) != 0) {
                p = multiply(X_POW_2K[k], p);
            }
        }
        return p;
    }

    /** {@code a * b} mod the polynomial, both in reflected order. */
    static int multiply(int a, int b) {
        int product = 0;
        int bb = b;
        for (int bit = ONE; bit != 0; bit >>>= 1) {
            if ((a & bit) != 0) {
                product ^= bb;
            }
            bb = (bb & 1) != 0 ? (bb >>> 1) ^ POLY : bb >>> 1;
        }
        return product;
    }
}
