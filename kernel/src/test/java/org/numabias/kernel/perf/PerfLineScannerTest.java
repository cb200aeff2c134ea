package org.numabias.kernel.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.numabias.datasets.RecordedTrace;

/**
 * The regex-free {@link PerfLineScanner} accepts exactly the lines that DESIGN.md's regular
 * expression accepts and reads the same COMM, TID, CPU, time, event, fields, field values and hex
 * and decimal numbers: compared with the regex parser (kept here only as the reference) on real
 * lines, random mutations of them and random text over an alphabet of the characters that matter
 * (ASCII and Unicode whitespace, line terminators, brackets, colons, digits, Unicode digits).
 */
class PerfLineScannerTest {
    private static final List<String> REAL = load();
    private static final String ALPHABET = " \t\u000B\f\r\n\u0085\u2028\u2029\u00A0\u3000\u001F\u2007[]:./=+-0123456789"
            + "xXabcdefABCDEF\u0663\uFF21\uFF46 skbaddrlenhashqueue_mappingdevname";
    private static final String[] KEYS = {"skbaddr", "len", "dev", "name", "hash", "queue_mapping", "data_len", "x"};
    private static final String[] PIECES = {" ", "  ", "\t", "[", "]", "[7]", ":", ": ", ".", "=", "0x", "+", "/",
            "\u2028", "\u0085", "\u00A0", "\u3000", "\u001F", "\r", "\n", "\r\n", "\u0663", "\uFF21", "12", "skbaddr=",
            "len=", "hash=0x", "dev=", "name=", " a:b: ", "1.5:", "99999999999999"};

    private static List<String> load() {
        List<String> lines = new ArrayList<>();
        for (RecordedTrace t : RecordedTrace.all()) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(t.perfScript(), StandardCharsets.UTF_8))) {
                in.lines().limit(300).forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        lines.add("kworker/1:1-vir 7 [x] 41 [001]  1.5: skb:consume_skb: skbaddr=0x1");
        lines.add("Web Content 100/200 [3] 2.000000001: skb:kfree_skb: skbaddr=ff len=0x+1 hash=+a");
        lines.add("c 1 [0] 1.0: net:netif_rx_entry: data_len=5 len=7 bare len=9 =x hash=0x00000000 dev= name=lo");
        return lines;
    }

    @Test
    void agreesWithTheRegexParserOnRealAndMutatedLines() {
        qt().withExamples(3000).forAll(longs().all(), integers().between(0, 12)).checkAssert((seed, mutations) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            StringBuilder line = new StringBuilder(REAL.get(rnd.nextInt(REAL.size())));
            for (int m = 0; m < mutations; m++) {
                int at = rnd.nextInt(line.length() + 1);
                switch (rnd.nextInt(4)) {
                    case 0 -> line.insert(at, PIECES[rnd.nextInt(PIECES.length)]);
                    case 1 -> line.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                    case 2 -> line.delete(at, Math.min(line.length(), at + rnd.nextInt(1, 6)));
                    default -> {
                        if (at < line.length()) {
                            line.setCharAt(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                        }
                    }
                }
            }
            assertSame(line.toString());
        });
    }

    @Test
    void agreesWithTheRegexParserOnRandomText() {
        qt().withExamples(3000).forAll(longs().all(), integers().between(0, 80)).checkAssert((seed, length) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            StringBuilder line = new StringBuilder();
            while (line.length() < length) {
                if (rnd.nextBoolean()) {
                    line.append(PIECES[rnd.nextInt(PIECES.length)]);
                } else {
                    line.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                }
            }
            assertSame(line.toString());
        });
    }

    @Test
    void readsTheSameNumbersAsTheRegexParser() {
        String[] parts = {"0x", "0X", "+", "-", "0", "7", "9", "a", "F", "g", "\u0663", "\uFF21", "\uFF46", "ffffffff", "="};
        qt().withExamples(3000).forAll(longs().all(), integers().between(0, 8)).checkAssert((seed, length) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            StringBuilder value = new StringBuilder();
            for (int i = 0; i < length; i++) {
                value.append(parts[rnd.nextInt(parts.length)]);
            }
            String key = KEYS[rnd.nextInt(KEYS.length)];
            assertSame("c 1 [0] 1.0: skb:consume_skb: " + key + "=" + value + (rnd.nextBoolean() ? " " + key + "=1" : ""));
        });
    }

    private static void assertSame(String text) {
        Reference expected = Reference.parse(text);
        boolean terminators = text.chars().anyMatch(c -> PerfLineScanner.isTerminator((char) c));
        assertSameLine(expected, text, true);
        if (!terminators) {
            assertSameLine(expected, text, false); // as the importer scans a line it knows has no terminator
        }
        if (expected == null) {
            return;
        }
        PerfLine record = PerfLine.parse(text);
        for (String key : KEYS) {
            assertEquals(expected.field(key), record.field(key), () -> key + " of the record of " + escape(text));
        }
    }

    /** The scanner reads the line as the reference does; its keys are looked up in an order drawn from the line. */
    private static void assertSameLine(Reference expected, String text, boolean mayHoldTerminators) {
        PerfLineScanner scanner = new PerfLineScanner();
        boolean ok = scanner.scan(text.toCharArray(), 0, text.length(), mayHoldTerminators);
        assertEquals(expected != null, ok, () -> "accepted? " + escape(text));
        if (expected == null) {
            return;
        }
        assertEquals(expected.comm, scanner.comm(), () -> "comm of " + escape(text));
        assertEquals(expected.tid, scanner.tid(), () -> "tid of " + escape(text));
        assertEquals(expected.cpu, scanner.cpu(), () -> "cpu of " + escape(text));
        assertEquals(expected.timeNs, scanner.timeNs(), () -> "time of " + escape(text));
        assertEquals(expected.event, scanner.event(), () -> "event of " + escape(text));
        assertEquals(expected.fields, scanner.fields(), () -> "fields of " + escape(text));
        List<String> keys = new ArrayList<>(List.of(KEYS));
        Collections.shuffle(keys, new Random(text.hashCode())); // tokenising on demand must not depend on the order
        for (String key : keys) {
            String value = expected.field(key);
            int t = scanner.token(key);
            assertEquals(value, t < 0 ? null : scanner.value(t), () -> key + " of " + escape(text));
            Long hex = Reference.hex(value);
            assertEquals(hex != null, scanner.hex(key), () -> "hex " + key + " of " + escape(text));
            if (hex != null) {
                assertEquals(hex.longValue(), scanner.number(), () -> "hex " + key + " of " + escape(text));
            }
            Long decimal = Reference.decimal(value);
            assertEquals(decimal == null ? -1 : decimal, scanner.decimal(key), () -> "decimal " + key + " of " + escape(text));
        }
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.append('"').toString();
    }

    /** The regex parser that the importer used before the scanner (DESIGN.md's expression), as the reference. */
    private record Reference(String comm, String tid, int cpu, long timeNs, String event, String fields) {
        private static final Pattern CPU = Pattern.compile("\\[(\\d{1,9})\\]");
        private static final Pattern REST = Pattern.compile("\\s+(\\d{1,12})\\.(\\d+):\\s+([^\\s:]+:[^\\s:]+):\\s*(.*)$");
        private static final Pattern TID = Pattern.compile("(\\d+(?:/\\d+)?)\\s+$");

        static Reference parse(String line) {
            Matcher cpu = CPU.matcher(line);
            Matcher rest = REST.matcher(line);
            int from = 0;
            while (cpu.find(from)) {
                from = cpu.start() + 1;
                rest.region(cpu.end(), line.length());
                if (!rest.lookingAt()) {
                    continue;
                }
                String left = line.substring(0, cpu.start());
                Matcher tid = TID.matcher(left);
                int tidStart = tidStart(left);
                if (tidStart < 0 || !tid.region(tidStart, left.length()).lookingAt()) {
                    continue;
                }
                String comm = left.substring(0, tidStart).strip();
                long seconds = Long.parseLong(rest.group(1));
                return new Reference(comm, tid.group(1), Integer.parseInt(cpu.group(1)),
                        seconds * 1_000_000_000L + fractionNs(rest.group(2)), rest.group(3), rest.group(4));
            }
            return null;
        }

        private static int tidStart(String left) {
            int end = left.length();
            while (end > 0 && Character.isWhitespace(left.charAt(end - 1))) {
                end--;
            }
            if (end == left.length()) {
                return -1;
            }
            int i = end;
            while (i > 0 && isDigit(left.charAt(i - 1))) {
                i--;
            }
            if (i == end) {
                return -1;
            }
            if (i > 1 && left.charAt(i - 1) == '/' && isDigit(left.charAt(i - 2))) {
                i--;
                while (i > 0 && isDigit(left.charAt(i - 1))) {
                    i--;
                }
            }
            return i;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static long fractionNs(String digits) {
            long ns = 0;
            for (int i = 0; i < 9; i++) {
                ns = ns * 10 + (i < digits.length() ? digits.charAt(i) - '0' : 0);
            }
            return ns;
        }

        String field(String key) {
            int n = fields.length();
            int i = 0;
            while (i < n) {
                while (i < n && Character.isWhitespace(fields.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !Character.isWhitespace(fields.charAt(i))) {
                    i++;
                }
                int eq = fields.indexOf('=', start);
                if (eq > start && eq < i && eq - start == key.length() && fields.startsWith(key, start)) {
                    return fields.substring(eq + 1, i);
                }
            }
            return null;
        }

        static Long hex(String value) {
            if (value == null) {
                return null;
            }
            String digits = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
            if (digits.isEmpty() || digits.length() > 16) {
                return null;
            }
            try {
                return Long.parseUnsignedLong(digits, 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        static Long decimal(String value) {
            if (value == null || value.isEmpty() || value.length() > 18) {
                return null;
            }
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                    return null;
                }
            }
            return Long.parseLong(value);
        }
    }
}
