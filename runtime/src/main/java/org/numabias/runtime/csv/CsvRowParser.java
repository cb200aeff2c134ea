package org.numabias.runtime.csv;

import java.io.IOException;
import org.numabias.api.Topology;
import org.numabias.api.trace.TraceEvent;
import org.numabias.api.trace.TraceFormatException;

/**
 * Parses the lines of a CSV trace one event at a time, checking every rule of DESIGN.md's CSV
 * format and naming file, line and field in each error. Remembers what the first pass needs: the
 * {@code # nodes=N} comment, the largest node and where it first appeared.
 */
final class CsvRowParser {
    /** The longest line accepted, in bytes (a row is under 150; comments carry provenance). */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /** Devices and rx queues are numbered below this (the width of the Linux ifindex and queue spaces in practice). */
    static final int MAX_DEVICE = 65_536;
    private static final String[] FIELDS = {"type", "time_ns", "buffer", "device", "queue", "flow", "cpu", "node", "bytes"};
    private static final long UNKNOWN = -1;

    private final String file;
    private final int nodeLimit; // -1 while the node count is not known yet
    private long line;
    private boolean sawHeader;
    private long lastTime = Long.MIN_VALUE;
    private int declaredNodes = -1;
    private long nodesCommentLine;
    private int maxNode = -1;
    // the line on which the running maximum node first reached each value, for error messages
    private final java.util.TreeMap<Integer, Long> maxNodeFirstLine = new java.util.TreeMap<>();

    CsvRowParser(String file, int nodeLimit) {
        this.file = file;
        this.nodeLimit = nodeLimit;
    }

    /** The next event, or null at the end of the input. */
    TraceEvent next(LineReader in) throws IOException {
        String raw;
        while ((raw = in.next()) != null) {
            line = in.lineNumber();
            String text = (line == 1 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw).strip(); // a UTF-8 BOM
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("#")) {
                comment(text.substring(1).strip());
                continue;
            }
            if (!sawHeader) {
                if (!text.equals(CsvTraceSource.HEADER)) {
                    throw error(null, "expected the header line '" + CsvTraceSource.HEADER + "', got '" + abbreviate(text) + "'");
                }
                sawHeader = true;
                continue;
            }
            return row(text);
        }
        return null;
    }

    private void comment(String text) {
        if (!text.startsWith("nodes=")) {
            return;
        }
        if (declaredNodes >= 0) {
            throw error(null, "second '# nodes=' comment (the first is on line " + nodesCommentLine + ")");
        }
        String value = text.substring("nodes=".length()).strip();
        try {
            declaredNodes = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw error(null, "'# nodes=' needs a positive integer, got '" + abbreviate(value) + "'");
        }
        if (declaredNodes < 1) {
            throw error(null, "'# nodes=' needs a positive integer, got " + declaredNodes);
        }
        if (declaredNodes > Topology.MAX_NODES) {
            throw error(null, "'# nodes=" + declaredNodes + "' exceeds the limit of " + Topology.MAX_NODES + " NUMA nodes");
        }
        nodesCommentLine = line;
    }

    private TraceEvent row(String text) {
        String[] f = text.split(",", -1);
        if (f.length != FIELDS.length) {
            throw error(null, "expected " + FIELDS.length + " fields, got " + f.length);
        }
        String type = f[0].strip();
        long time = required(f, 1);
        if (time < 0) {
            throw error(1, "must be a time >= 0 (nanoseconds), got " + time);
        }
        if (time < lastTime) {
            throw error(1, "time " + time + " is before the previous row's " + lastTime
                    + " (rows must be in non-decreasing time order)");
        }
        long buffer = required(f, 2);
        TraceEvent event = switch (type) {
            case "A" -> new TraceEvent.Alloc(time, buffer, intField(f, 3, MAX_DEVICE), intField(f, 4, MAX_DEVICE), flow(f),
                    intField(f, 6, Topology.MAX_CPUS), node(f), allocBytes(f));
            case "C" -> new TraceEvent.Consume(time, buffer, intField(f, 6, Topology.MAX_CPUS), node(f), bytes(f));
            case "F" -> new TraceEvent.Free(time, buffer);
            default -> throw error(0, "type must be A, C or F, got '" + abbreviate(type) + "'");
        };
        lastTime = time;
        return event;
    }

    private long required(String[] f, int i) {
        long v = optional(f, i);
        if (v == UNKNOWN) {
            throw error(i, "required, but " + (f[i].isBlank() ? "empty" : "-1 (unknown)"));
        }
        return v;
    }

    /** A decimal integer, -1 when empty. */
    private long optional(String[] f, int i) {
        String s = f[i].strip();
        if (s.isEmpty()) {
            return UNKNOWN;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(i, "not a decimal integer: '" + abbreviate(s) + "'");
        }
    }

    private int intField(String[] f, int i, int limit) {
        long v = optional(f, i);
        if (v < UNKNOWN || v >= limit) {
            throw error(i, "must be -1 (unknown) or in 0.." + (limit - 1) + ", got " + v);
        }
        return (int) v;
    }

    private int node(String[] f) {
        long v = required(f, 7);
        if (v < 0) {
            throw error(7, "must be a node id >= 0, got " + v);
        }
        if (v >= Topology.MAX_NODES) {
            throw error(7, "node " + v + " exceeds the limit of " + Topology.MAX_NODES + " NUMA nodes (ids 0.."
                    + (Topology.MAX_NODES - 1) + ")");
        }
        int node = (int) v;
        if (nodeLimit >= 0 && node >= nodeLimit) {
            throw error(7, "node " + node + " is not below nodes=" + nodeLimit);
        }
        if (node > maxNode) {
            maxNode = node;
            maxNodeFirstLine.put(node, line);
        }
        return node;
    }

    private long bytes(String[] f) {
        long v = required(f, 8);
        if (v < 0) {
            throw error(8, "must be >= 0, got " + v);
        }
        return v;
    }

    private long allocBytes(String[] f) {
        long v = optional(f, 8);
        if (v < UNKNOWN) {
            throw error(8, "must be -1 (unknown) or >= 0, got " + v);
        }
        return v;
    }

    private long flow(String[] f) {
        String s = f[5].strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            try {
                long v = Long.parseUnsignedLong(s.substring(2), 16);
                if (v > 0xFFFF_FFFFL || v < 0) {
                    throw error(5, "hex flow must be a 32-bit value, got '" + abbreviate(s) + "'");
                }
                return v;
            } catch (NumberFormatException e) {
                throw error(5, "not a hex integer: '" + abbreviate(s) + "'");
            }
        }
        long v = optional(f, 5);
        if (v < UNKNOWN) {
            throw error(5, "must be -1 (unknown) or >= 0, got " + v);
        }
        return v;
    }

    private TraceFormatException error(Integer field, String message) {
        return new TraceFormatException(file + ":" + line + ": " + (field == null ? "" : "field '" + FIELDS[field] + "': ")
                + message);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    boolean sawHeader() {
        return sawHeader;
    }

    int declaredNodes() {
        return declaredNodes;
    }

    long nodesCommentLine() {
        return nodesCommentLine;
    }

    int maxNode() {
        return maxNode;
    }

    /** The first line on which a node >= {@code nodes} appeared (the largest node must be >= nodes). */
    long firstLineWithNodeAtLeast(int nodes) {
        return maxNodeFirstLine.ceilingEntry(nodes).getValue();
    }
}
