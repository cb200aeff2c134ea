package org.numabias.kernel.perf;

import java.util.Arrays;

/**
 * Splits one {@code perf script} line ({@link PerfLine}'s form, DESIGN.md's parse rules) in place:
 * one left-to-right scan finds {@code [CPU]}, the time and the event name, and the fields are
 * tokenised once into index ranges, so that looking up a key, comparing the event name or parsing a
 * number needs no substring, no boxing and no regular expression. Reused line after line; not
 * thread-safe.
 *
 * <p>Hand-written because it is the import's measured hot path ({@code PerfImportBenchmark}); it
 * accepts exactly the lines that DESIGN.md's regular expression accepts (a property test compares
 * the two on random and mutated lines): {@code \s} is ASCII whitespace and {@code .} excludes line
 * terminators as in {@link java.util.regex.Pattern}; COMM/TID and field tokens split on
 * {@link Character#isWhitespace}.
 */
final class PerfLineScanner {
    /** ASCII hex digit values (-1: not a digit); other characters go through {@link Character#digit}. */
    private static final byte[] HEX = new byte[128];

    static {
        Arrays.fill(HEX, (byte) -1);
        for (int c = 0; c < 128; c++) {
            HEX[c] = (byte) Character.digit((char) c, 16);
        }
    }

    private char[] line = new char[0];
    private int cpu;
    private long timeNs;
    private long number;
    private int lineStart;
    private int tidStart;
    private int tidEnd;
    private int eventStart;
    private int eventEnd;
    private int fieldsStart;
    private int fieldsEnd;
    private int tokens;
    /** Per token: where its key starts, where its first '=' is, where its value ends. */
    private int[] keyStart = new int[16];
    private int[] equals = new int[16];
    private int[] valueEnd = new int[16];

    /** Scans {@code text}; false if it is not a perf script line (then nothing else is valid). */
    boolean scan(String text) {
        return scan(text.toCharArray(), 0, text.length());
    }

    /**
     * Scans the line in {@code chars[from, to)} (without its line terminator); false if it is not a
     * perf script line. The array is read, not copied: it must stay unchanged while this line's
     * results are used.
     */
    boolean scan(char[] chars, int from, int to) {
        line = chars;
        lineStart = from;
        for (int open = from; open < to; open++) {
            if (chars[open] == '[' && header(chars, open, to) && tid(chars, from, open)) {
                return true;
            }
        }
        return false;
    }

    /** {@code [CPU]\s+SEC.FRAC:\s+SUBSYS:EVENT:\s*FIELDS$} from {@code open}; sets cpu, time, event and fields. */
    private boolean header(char[] s, int open, int n) {
        int i = open + 1;
        int value = 0;
        int digits = 0;
        while (i < n && isDigit(s[i])) {
            if (++digits > 9) {
                return false;
            }
            value = value * 10 + (s[i++] - '0');
        }
        if (digits == 0 || i >= n || s[i] != ']') {
            return false;
        }
        cpu = value;
        i = skipSpace(s, i + 1, n);
        if (i == open + 2 + digits) {
            return false; // \s+ after [CPU]
        }
        long seconds = 0;
        int start = i;
        while (i < n && isDigit(s[i])) {
            if (i - start == 12) {
                return false;
            }
            seconds = seconds * 10 + (s[i++] - '0');
        }
        if (i == start || i >= n || s[i] != '.') {
            return false;
        }
        start = ++i;
        long fraction = 0;
        while (i < n && isDigit(s[i])) {
            if (i - start < 9) {
                fraction = fraction * 10 + (s[i] - '0');
            }
            i++;
        }
        if (i == start || i >= n || s[i] != ':') {
            return false;
        }
        for (int d = i - start; d < 9; d++) {
            fraction *= 10;
        }
        timeNs = seconds * 1_000_000_000L + fraction;
        int afterColon = i + 1;
        i = skipSpace(s, afterColon, n);
        if (i == afterColon) {
            return false;
        }
        eventStart = i;
        i = eventPart(s, i, n);
        if (i < 0) {
            return false;
        }
        i = eventPart(s, i, n);
        if (i < 0) {
            return false;
        }
        eventEnd = i - 1;
        fieldsStart = skipSpace(s, i, n);
        fieldsEnd = tokenize(s, fieldsStart, n, true);
        return fieldsEnd >= 0;
    }

    /** {@code [^\s:]+:} from {@code i}: the index after the colon, or -1. */
    private static int eventPart(char[] s, int i, int n) {
        int start = i;
        while (i < n) {
            char c = s[i];
            if (c == ':') {
                return i == start ? -1 : i + 1;
            }
            if (isSpace(c)) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /** {@code (TID|PID/TID)\s+$} just before {@code [CPU]}, COMM being lazy; sets the TID's range. */
    private boolean tid(char[] s, int from, int open) {
        int end = open;
        while (end > from && Character.isWhitespace(s[end - 1])) {
            end--;
        }
        if (end == open) {
            return false;
        }
        int i = end;
        while (i > from && isDigit(s[i - 1])) {
            i--;
        }
        if (i == end) {
            return false;
        }
        if (i > from + 1 && s[i - 1] == '/' && isDigit(s[i - 2])) {
            i--;
            while (i > from && isDigit(s[i - 1])) {
                i--;
            }
        }
        int spaceEnd = skipSpace(s, end, open);
        if (spaceEnd == end) {
            return false; // \s+ after the TID
        }
        if (spaceEnd < open && !(spaceEnd == open - 1 && isTerminator(s[spaceEnd]))) {
            return false; // $ holds only at the end or before a final terminator
        }
        tidStart = i;
        tidEnd = end;
        return true;
    }

    /**
     * Splits {@code [from, to)} into tokens separated by {@link Character#isWhitespace} and finds
     * each token's first '='; returns where the text ends. With {@code terminators}, the text is
     * FIELDS of {@code (.*)$}: it ends at the first line terminator ({@code .} stops there), which
     * must be the final one ({@code $} holds at the end or before a final terminator), else -1.
     */
    int tokenize(char[] s, int from, int to, boolean terminators) {
        line = s;
        tokens = 0;
        int start = -1;
        int eq = -1;
        int i = from;
        for (; i < to; i++) {
            char c = s[i];
            if (c > ' ' && c < 0x7F) { // the common case: a printable ASCII character, part of a token
                if (start < 0) {
                    start = i;
                    eq = -1;
                }
                if (c == '=' && eq < 0) {
                    eq = i;
                }
            } else if (terminators && isTerminator(c)) {
                boolean last = i == to - 1 || (i == to - 2 && c == '\r' && s[to - 1] == '\n');
                if (!last) {
                    return -1;
                }
                break;
            } else if (c == ' ' || Character.isWhitespace(c)) {
                if (start >= 0) {
                    addToken(start, eq, i);
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
                eq = -1;
            }
        }
        if (start >= 0) {
            addToken(start, eq, i);
        }
        return i;
    }

    private void addToken(int start, int eq, int end) {
        if (eq <= start) {
            return; // tokens without '=', or starting with it (no key), are ignored
        }
        if (tokens == keyStart.length) {
            keyStart = Arrays.copyOf(keyStart, tokens * 2);
            equals = Arrays.copyOf(equals, tokens * 2);
            valueEnd = Arrays.copyOf(valueEnd, tokens * 2);
        }
        keyStart[tokens] = start;
        equals[tokens] = eq;
        valueEnd[tokens] = end;
        tokens++;
    }

    /** The first token whose key is {@code key}, or -1 (the first token with a key wins). */
    int token(String key) {
        int length = key.length();
        for (int t = 0; t < tokens; t++) {
            if (equals[t] - keyStart[t] == length && matches(key, keyStart[t])) {
                return t;
            }
        }
        return -1;
    }

    /** The value of token {@code t} as a string. */
    String value(int t) {
        return text(equals[t] + 1, valueEnd[t]);
    }

    /** Whether the value of token {@code t} is {@code text}. */
    boolean valueIs(int t, String text) {
        return valueEnd[t] - equals[t] - 1 == text.length() && matches(text, equals[t] + 1);
    }

    /**
     * Whether {@code key} has a hex value: {@code 0x} optional, then what
     * {@link Long#parseUnsignedLong} reads with radix 16 (an optional '+' and digits, 1 to 16
     * characters in all). The value is then {@link #number()}.
     */
    boolean hex(String key) {
        int t = token(key);
        if (t < 0) {
            return false;
        }
        int i = equals[t] + 1;
        int end = valueEnd[t];
        if (end - i >= 2 && line[i] == '0' && (line[i + 1] == 'x' || line[i + 1] == 'X')) {
            i += 2;
        }
        if (end == i || end - i > 16) {
            return false;
        }
        if (line[i] == '+' && ++i == end) {
            return false;
        }
        long value = 0;
        for (; i < end; i++) {
            char c = line[i];
            int digit = c < HEX.length ? HEX[c] : Character.digit(c, 16);
            if (digit < 0) {
                return false;
            }
            value = (value << 4) | digit;
        }
        number = value;
        return true;
    }

    /** The number read by the last successful {@link #hex}. */
    long number() {
        return number;
    }

    /** The value of {@code key} as 1 to 18 decimal digits, or -1 if it has none. */
    long decimal(String key) {
        int t = token(key);
        if (t < 0) {
            return -1;
        }
        int i = equals[t] + 1;
        int end = valueEnd[t];
        if (end == i || end - i > 18) {
            return -1;
        }
        long value = 0;
        for (; i < end; i++) {
            char c = line[i];
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Whether the event name is {@code name}. */
    boolean eventIs(String name) {
        return eventEnd - eventStart == name.length() && matches(name, eventStart);
    }

    String event() {
        return text(eventStart, eventEnd);
    }

    String comm() {
        return text(lineStart, tidStart).strip();
    }

    String tid() {
        return text(tidStart, tidEnd);
    }

    String fields() {
        return text(fieldsStart, fieldsEnd);
    }

    int cpu() {
        return cpu;
    }

    long timeNs() {
        return timeNs;
    }

    /** Whether the line holds {@code text} at {@code at} (the caller has checked that it fits). */
    private boolean matches(String text, int at) {
        for (int k = 0; k < text.length(); k++) {
            if (line[at + k] != text.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private String text(int from, int to) {
        return new String(line, from, to - from);
    }

    private static int skipSpace(char[] s, int i, int n) {
        while (i < n && isSpace(s[i])) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code \s} of {@link java.util.regex.Pattern}: ASCII whitespace. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** {@link Character#isWhitespace}, with the common ASCII cases first. */
    private static boolean isBlank(char c) {
        return c == ' ' || (c > ' ' && c < 0x80 ? false : Character.isWhitespace(c));
    }

    private static boolean isTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
