package org.numabias.kernel.perf;

/**
 * One line of {@code perf script} default output:
 * {@code COMM TID [CPU] SECONDS.FRACTION: SUBSYS:EVENT: key=value ...}. COMM may contain spaces,
 * digits, colons and brackets; it is matched lazily, i.e. the line is split at the first
 * {@code [CPU]} field after which the rest of the line has the expected form (DESIGN.md's
 * regular expression, implemented by {@link PerfLineScanner} without regular expressions).
 * The importer uses the scanner directly; this record is the parsed line as strings.
 *
 * @param comm   the command name
 * @param tid    the thread id, or {@code PID/TID}
 * @param cpu    the CPU the event fired on
 * @param timeNs SECONDS + FRACTION (a decimal fraction, truncated to nanoseconds), in ns
 * @param event  {@code SUBSYS:EVENT}
 * @param fields the text after the event name
 */
public record PerfLine(String comm, String tid, int cpu, long timeNs, String event, String fields) {
    /** The parsed line, or null if it does not have the form. */
    public static PerfLine parse(String line) {
        PerfLineScanner scanner = new PerfLineScanner();
        if (!scanner.scan(line)) {
            return null;
        }
        return new PerfLine(scanner.comm(), scanner.tid(), scanner.cpu(), scanner.timeNs(), scanner.event(),
                scanner.fields());
    }

    /**
     * The value of the first {@code key=value} token with this key, or null. Tokens are separated by
     * whitespace; tokens without '=' are ignored.
     */
    public String field(String key) {
        PerfLineScanner scanner = new PerfLineScanner();
        scanner.tokenize(fields.toCharArray(), 0, fields.length());
        int t = scanner.token(key);
        return t < 0 ? null : scanner.value(t);
    }
}
