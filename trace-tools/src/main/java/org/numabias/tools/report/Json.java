package org.numabias.tools.report;

import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for reports: maps (in their iteration order), lists, arrays of longs, strings,
 * numbers, booleans and null. Non-finite doubles are written as null. Pretty-printed, two spaces.
 */
public final class Json {
    private Json() {
    }

    /** {@code value} as JSON text. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object value, int indent) {
        switch (value) {
            case null -> sb.append("null");
            case String s -> string(sb, s);
            case Double d -> sb.append(Double.isFinite(d) ? d.toString() : "null");
            case Float f -> sb.append(Float.isFinite(f) ? f.toString() : "null");
            case Number n -> sb.append(n);
            case Boolean b -> sb.append(b);
            case Map<?, ?> m -> {
                if (m.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    pad(sb, indent + 1);
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(": ");
                    write(sb, e.getValue(), indent + 1);
                    sb.append(++i < m.size() ? ",\n" : "\n");
                }
                pad(sb, indent);
                sb.append('}');
            }
            case List<?> l -> {
                if (l.isEmpty()) {
                    sb.append("[]");
                    return;
                }
                boolean flat = l.stream().allMatch(x -> x == null || x instanceof Number || x instanceof String);
                sb.append(flat ? "[" : "[\n");
                for (int i = 0; i < l.size(); i++) {
                    if (!flat) {
                        pad(sb, indent + 1);
                    }
                    write(sb, l.get(i), indent + 1);
                    if (i + 1 < l.size()) {
                        sb.append(flat ? ", " : ",\n");
                    }
                }
                if (!flat) {
                    sb.append('\n');
                    pad(sb, indent);
                }
                sb.append(']');
            }
            case long[] a -> write(sb, java.util.Arrays.stream(a).boxed().toList(), indent);
            case int[] a -> write(sb, java.util.Arrays.stream(a).boxed().toList(), indent);
            case Object[] a -> write(sb, List.of(a), indent);
            default -> string(sb, value.toString());
        }
    }

    private static void pad(StringBuilder sb, int indent) {
        sb.append("  ".repeat(indent));
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
