package org.numabias.tools.perf;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of {@code perf script} default output:
 * {@code COMM TID [CPU] SECONDS.FRACTION: SUBSYS:EVENT: key=value ...}. COMM may contain spaces,
 * digits, colons and brackets; it is matched lazily, i.e. the line is split at the first
 * {@code [CPU]} field after which the rest of the line has the expected form (DESIGN.md's
 * regular expression, implemented without backtracking over the whole line).
 *
 * @param comm   the command name
 * @param tid    the thread id, or {@code PID/TID}
 * @param cpu    the CPU the event fired on
 * @param timeNs SECONDS + FRACTION (a decimal fraction, truncated to nanoseconds), in ns
 * @param event  {@code SUBSYS:EVENT}
 * @param fields the text after the event name
 */
public record PerfLine(String comm, String tid, int cpu, long timeNs, String event, String fields) {
    private static final Pattern CPU = Pattern.compile("\\[(\\d{1,9})\\]");
    private static final Pattern REST = Pattern.compile("\\s+(\\d{1,12})\\.(\\d+):\\s+([^\\s:]+:[^\\s:]+):\\s*(.*)$");
    private static final Pattern TID = Pattern.compile("(\\d+(?:/\\d+)?)\\s+$");

    /** The parsed line, or null if it does not have the form. */
    public static PerfLine parse(String line) {
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
            return new PerfLine(comm, tid.group(1), Integer.parseInt(cpu.group(1)),
                    seconds * 1_000_000_000L + fractionNs(rest.group(2)), rest.group(3), rest.group(4));
        }
        return null;
    }

    /** Where the TID (digits, or digits/digits) before the trailing whitespace of {@code left} starts, or -1. */
    private static int tidStart(String left) {
        int end = left.length();
        while (end > 0 && Character.isWhitespace(left.charAt(end - 1))) {
            end--;
        }
        if (end == left.length()) {
            return -1; // TID must be followed by whitespace
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

    /**
     * The value of the first {@code key=value} token with this key, or null. Tokens are separated by
     * whitespace; tokens without '=' are ignored.
     */
    public String field(String key) {
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
}
