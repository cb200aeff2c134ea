package org.numabias.kernel.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.numabias.api.trace.TraceEvent.Alloc;
import org.numabias.api.trace.TraceEvent.Free;

/**
 * {@link PerfLineScanner}'s field reading on hand-written lines, with hand-written expected values:
 * hex with and without {@code 0x}, signs, numbers too long for a long, fields at the line's end,
 * extra spaces, truncated lines, keys looked up in any order while the fields are tokenised on
 * demand, and line terminators inside a line (through the importer's own line splitting).
 */
class PerfLineScannerEdgeCasesTest {
    private static final String HEAD = "c 1 [0] 1.0: skb:consume_skb: ";

    /** The line scanned as the importer scans a line without terminators; it must be accepted. */
    private static PerfLineScanner scanned(String line) {
        PerfLineScanner scanner = new PerfLineScanner();
        assertTrue(scanner.scan(line.toCharArray(), 0, line.length(), false), line);
        return scanner;
    }

    private static long hex(PerfLineScanner scanner, String key) {
        assertTrue(scanner.hex(key), key);
        return scanner.number();
    }

    @Test
    void hexIsReadWithOrWithout0x() {
        PerfLineScanner s = scanned(HEAD + "a=0xff b=ff c=0XfF d=0x1F e=+1f f=0x+10 g=0xffff888105000000");
        assertEquals(255, hex(s, "a"));
        assertEquals(255, hex(s, "b"));
        assertEquals(255, hex(s, "c"));
        assertEquals(31, hex(s, "d"));
        assertEquals(31, hex(s, "e"));
        assertEquals(16, hex(s, "f"));
        assertEquals(0xffff888105000000L, hex(s, "g"));
    }

    @Test
    void hexWithoutDigitsOrWithASignOtherThanPlusIsNotHex() {
        PerfLineScanner s = scanned(HEAD + "a=0x b= c=-1 d=-0x1 e=0x-1 f=+ g=1g h=0x0x1");
        for (String key : List.of("a", "b", "c", "d", "e", "f", "g", "h", "absent")) {
            assertFalse(s.hex(key), key);
        }
    }

    @Test
    void hexLongerThanSixteenDigitsDoesNotFitALong() {
        PerfLineScanner s = scanned(HEAD + "a=ffffffffffffffff b=0xffffffffffffffff c=1ffffffffffffffff d=0x0000000000000000f");
        assertEquals(-1L, hex(s, "a"));
        assertEquals(-1L, hex(s, "b"));
        assertFalse(s.hex("c"));
        assertFalse(s.hex("d"));
    }

    @Test
    void decimalsAreOneToEighteenDigitsWithoutSign() {
        PerfLineScanner s = scanned(HEAD + "a=0 b=42 c=999999999999999999 d=1000000000000000000 e=9223372036854775808"
                + " f=-5 g=+5 h=0x10 i=1.5 j=");
        assertEquals(0, s.decimal("a"));
        assertEquals(42, s.decimal("b"));
        assertEquals(999_999_999_999_999_999L, s.decimal("c"));
        for (String key : List.of("d", "e", "f", "g", "h", "i", "j", "absent")) {
            assertEquals(-1, s.decimal(key), key);
        }
    }

    @Test
    void fieldsAtTheLineEndAndExtraSpaces() {
        assertEquals(42, scanned(HEAD + "skbaddr=0x1 len=42").decimal("len"));
        assertEquals(42, scanned(HEAD + "skbaddr=0x1 len=42   ").decimal("len"));
        PerfLineScanner spaced = scanned(HEAD + "    skbaddr=0x1      len=42 \t location=x  ");
        assertEquals(1, hex(spaced, "skbaddr"));
        assertEquals(42, spaced.decimal("len"));
        assertEquals("x", spaced.value(spaced.token("location")));
        assertEquals("skbaddr=0x1      len=42 \t location=x  ", spaced.fields());
        assertEquals(-1, scanned(HEAD + "len=").decimal("len"));
        assertEquals(-1, scanned(HEAD).token("len"));
    }

    @Test
    void truncatedLinesAreNotPerfScriptLines() {
        for (String line : List.of("c 1 [0", "c 1 [0]", "c 1 [0] 1", "c 1 [0] 1.", "c 1 [0] 1.0", "c 1 [0] 1.0:",
                "c 1 [0] 1.0: skb", "c 1 [0] 1.0: skb:", "c 1 [0] 1.0: skb:consume_skb")) {
            assertFalse(new PerfLineScanner().scan(line.toCharArray(), 0, line.length(), false), line);
        }
        PerfLineScanner cut = scanned(HEAD + "skbaddr=0x");
        assertFalse(cut.hex("skbaddr"));
    }

    @Test
    void keysMayBeLookedUpInAnyOrderAndTheFirstTokenWithAKeyWins() {
        PerfLineScanner s = scanned(HEAD + "a=1 bare =x b=2 a=3 k==v c=4");
        assertEquals(4, s.decimal("c"));
        assertEquals(-1, s.decimal("zz"));
        assertEquals(1, s.decimal("a"));
        assertEquals(2, s.decimal("b"));
        assertEquals("=v", s.value(s.token("k")));
        assertEquals(-1, s.token("bare"));
        assertEquals(-1, s.token(""));
        assertEquals(-1, s.token("k=")); // the key of k==v is k
        assertEquals(-1, s.token("a=1"));
        assertTrue(s.scan((HEAD + "b=5").toCharArray(), 0, HEAD.length() + 3, false));
        assertEquals(-1, s.decimal("a")); // the previous line's tokens are gone
        assertEquals(5, s.decimal("b"));
    }

    @Test
    void tokensSplitOnUnicodeWhitespaceOnly() {
        PerfLineScanner s = scanned(HEAD + "a=1\u3000b=2 c=3\u00A0d=4");
        assertEquals(1, s.decimal("a"));
        assertEquals(2, s.decimal("b")); // U+3000 is whitespace
        assertEquals("3\u00A0d=4", s.value(s.token("c"))); // U+00A0 (no-break space) is not
        assertEquals(-1, s.token("d"));
    }

    @Test
    void aLineTerminatorEndsTheFieldsOnlyAtTheEnd() {
        PerfLineScanner s = new PerfLineScanner();
        assertTrue(s.scan(HEAD + "len=5\u2028"));
        assertEquals("len=5", s.fields());
        assertEquals(5, s.decimal("len"));
        assertTrue(s.scan(HEAD + "len=6\r\n"));
        assertEquals(6, s.decimal("len"));
        assertFalse(s.scan(HEAD + "len=5\u2028 x=1"));
        assertFalse(s.scan(HEAD + "len=5\u0085x=1"));
        assertFalse(s.scan(HEAD + "len=5\n\n"));
    }

    @Test
    void theImporterSkipsLinesWithATerminatorInsideAndReadsOtherWideCharacters() throws IOException {
        PerfScriptImporterTest.Imported i = PerfScriptImporterTest.importText(
                "p 1 [000] 1.000001: skb:consume_skb: skbaddr=0xa0\u2028 location=x\n"
                        + "p 1 [000] 1.000002: skb:consume_skb: skbaddr=0xa0 location=\u00e9\u0085x\n"
                        + "p 1 [000] 1.000003: net:netif_receive_skb: dev=\u00e9th0 skbaddr=0xa0 len=7\n"
                        + "p 1 [000] 1.000004: skb:consume_skb: skbaddr=0xa0 location=x\u2029\n", false);
        assertEquals(List.of("t.txt:1: not a perf script line: p 1 [000] 1.000001: skb:consume_skb: skbaddr=0xa0\u2028 location=x",
                "t.txt:2: not a perf script line: p 1 [000] 1.000002: skb:consume_skb: skbaddr=0xa0 location=\u00e9\u0085x"),
                i.result().firstSkips());
        assertEquals(List.of("\u00e9th0"), i.result().devices());
        assertEquals(List.of(new Alloc(1_000_003_000L, 0xa0, 0, -1, -1, 0, 0, 7), new Free(1_000_004_000L, 0xa0)),
                i.events());
    }
}
