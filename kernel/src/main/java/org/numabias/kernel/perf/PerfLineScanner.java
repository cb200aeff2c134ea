package org.numabias.kernel.perf;

import java.util.Arrays;

/**
 * Splits one {@code perf script} line ({@link PerfLine}'s form, DESIGN.md's parse rules) in place:
 * one left-to-right scan finds {@code [CPU]}, the time and the event name; the fields are
 * tokenised into index ranges on demand, only as far as the keys asked for, so that looking up a
 * key, comparing the event name or parsing a number needs no substring, no boxing and no regular
 * expression, and the fields behind the last key the importer reads are never walked. Reused line
 * after line; not thread-safe.
 *
 * <p>Hand-written because it is the import's measured hot path ({@code PerfImportBenchmark}:
 * tokenising every field of every line was the largest share of the import's profile); it accepts
 * exactly the lines that DESIGN.md's regular expression accepts (a property test compares the two
 * on random and mutated lines): {@code \s} is ASCII whitespace and {@code .} excludes line
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
    /** Where tokenising goes on: the fields before it are in the token arrays. */
    private int next;
    private int tokens;
    /**
     * Per token {@code t}: where it starts, where its first '=' is (once {@link #token} returned it)
     * and where it ends, at {@code 3t, 3t+1, 3t+2}.
     */
    private int[] spans = new int[48];

    /** Scans {@code text}; false if it is not a perf script line (then nothing else is valid). */
    boolean scan(String text) {
        return scan(text.toCharArray(), 0, text.length(), true);
    }

    /**
     * Scans the line in {@code chars[from, to)} (without its line terminator); false if it is not a
     * perf script line. The array is read, not copied: it must stay unchanged while this line's
     * results are used. {@code mayHoldTerminators} false promises that no line terminator
     * ({@code \n}, {@code \r}, U+0085, U+2028, U+2029) is in the range (the importer's line splitter
     * knows), which spares a walk over the fields.
     */
    boolean scan(char[] chars, int from, int to, boolean mayHoldTerminators) {
        line = chars;
        lineStart = from;
        for (int open = from; open < to; open++) {
            if (chars[open] == '[' && header(chars, open, to, mayHoldTerminators) && tid(chars, from, open)) {
                return true;
            }
        }
        return false;
    }

    /** {@code [CPU]\s+SEC.FRAC:\s+SUBSYS:EVENT:\s*FIELDS$} from {@code open}; sets cpu, time, event and fields. */
    private boolean header(char[] s, int open, int n, boolean mayHoldTerminators) {
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
        int fields = skipSpace(s, i, n);
        int end = mayHoldTerminators ? fieldsEnd(s, fields, n) : n;
        if (end < 0) {
            return false;
        }
        tokenize(s, fields, end);
        return true;
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
     * Where FIELDS of {@code (.*)$} end in {@code [from, to)}: at the first line terminator
     * ({@code .} stops there), which must be the final one ({@code $} holds at the end or before a
     * final terminator), else -1.
     */
    private static int fieldsEnd(char[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s[i];
            if (isTerminator(c)) {
                boolean last = i == to - 1 || (i == to - 2 && c == '\r' && s[to - 1] == '\n');
                return last ? i : -1;
            }
        }
        return to;
    }

    /**
     * Makes {@code s[from, to)} the fields: tokens separated by {@link Character#isWhitespace},
     * found on demand by {@link #token}.
     */
    void tokenize(char[] s, int from, int to) {
        line = s;
        fieldsStart = from;
        fieldsEnd = to;
        next = from;
        tokens = 0;
    }

    /** Reads the token after {@link #next} and records where it starts and ends; returns its index. */
    private int nextToken() {
        char[] s = line;
        int end = fieldsEnd;
        int i = next;
        while (i < end && isSeparator(s[i])) {
            i++;
        }
        int start = i;
        while (i < end && !isSeparator(s[i])) {
            i++;
        }
        next = i;
        int slot = tokens * 3;
        if (slot == spans.length) {
            spans = Arrays.copyOf(spans, slot * 2);
        }
        spans[slot] = start;
        spans[slot + 2] = i;
        return tokens++;
    }

    /**
     * The first token whose key (its text before its first '=') is {@code key}, or -1. Tokens are
     * read only as far as the first one with the key; its '=' is then recorded for {@link #value}.
     */
    int token(String key) {
        if (key.indexOf('=') >= 0) {
            return -1; // no token's key holds '=': its first '=' would be earlier
        }
        return token(key.toCharArray());
    }

    /** {@link #token(String)} for a key held as characters, without '=' (the importer's keys: no conversion per line). */
    int token(char[] key) {
        int length = key.length;
        if (length == 0) {
            return -1; // a token starting with '=' has no key
        }
        char first = key[0];
        int t = 0;
        while (true) {
            if (t == tokens) {
                if (next >= fieldsEnd) {
                    return -1;
                }
                nextToken();
            }
            int start = spans[3 * t];
            int at = start + length;
            if (at < spans[3 * t + 2] && line[start] == first && line[at] == '=' && Arrays.equals(line, start, at, key, 0, length)) {
                spans[3 * t + 1] = at;
                return t;
            }
            t++;
        }
    }

    /** The value of token {@code t} as a string. */
    String value(int t) {
        return text(spans[3 * t + 1] + 1, spans[3 * t + 2]);
    }

    /** Whether the value of token {@code t} is {@code text}. */
    boolean valueIs(int t, String text) {
        int from = spans[3 * t + 1] + 1;
        return spans[3 * t + 2] - from == text.length() && matches(text, from);
    }

    /**
     * Whether {@code key} has a hex value: {@code 0x} optional, then what
     * {@link Long#parseUnsignedLong} reads with radix 16 (an optional '+' and digits, 1 to 16
     * characters in all). The value is then {@link #number()}.
     */
    boolean hex(String key) {
        int t = token(key);
        return t >= 0 && hexValue(t);
    }

    /** {@link #hex(String)} for a key held as characters, without '='. */
    boolean hex(char[] key) {
        int t = token(key);
        return t >= 0 && hexValue(t);
    }

    /** Whether token {@code t} has a hex value (then {@link #number()}). */
    private boolean hexValue(int t) {
        int i = spans[3 * t + 1] + 1;
        int end = spans[3 * t + 2];
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
        return t < 0 ? -1 : decimalValue(t);
    }

    /** {@link #decimal(String)} for a key held as characters, without '='. */
    long decimal(char[] key) {
        int t = token(key);
        return t < 0 ? -1 : decimalValue(t);
    }

    /** The value of token {@code t} as 1 to 18 decimal digits, or -1. */
    private long decimalValue(int t) {
        int i = spans[3 * t + 1] + 1;
        int end = spans[3 * t + 2];
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
        return eventIs(name.toCharArray());
    }

    /** {@link #eventIs(String)} for a name held as characters. */
    boolean eventIs(char[] name) {
        return eventEnd - eventStart == name.length && Arrays.equals(line, eventStart, eventEnd, name, 0, name.length);
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

    /** {@link Character#isWhitespace}, printable ASCII first (the common case: part of a token). */
    private static boolean isSeparator(char c) {
        if ((char) (c - '!') < 0x7F - '!') {
            return false; // '!' to '~'
        }
        return c == ' ' || Character.isWhitespace(c);
    }

    /** A line terminator of {@link java.util.regex.Pattern} (where {@code .} stops). */
    static boolean isTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
