package org.numabias.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A report as a list of blocks (headings, paragraphs, tables, images, preformatted text), rendered
 * both as Markdown (images as links to the PNG files beside it) and as a self-contained HTML page
 * (styles inline, every image embedded as a {@code data:} URI, so the page alone can be mailed or archived).
 */
public final class Document {
    private final String title;
    private final List<Object> blocks = new ArrayList<>();

    private record Heading(int level, String text) {
    }

    private record Paragraph(String text) {
    }

    private record Grid(List<String[]> rows) {
    }

    private record Image(String file, String alt) {
    }

    private record Pre(String text) {
    }

    /** An empty document with a title (the first heading). */
    public Document(String title) {
        this.title = title;
    }

    /** Adds a heading of level 2 or deeper. */
    public Document heading(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    /** Adds a paragraph. */
    public Document paragraph(String text) {
        blocks.add(new Paragraph(text));
        return this;
    }

    /** Adds a table; the first row is the heading. */
    public Document table(List<String[]> rows) {
        blocks.add(new Grid(List.copyOf(rows)));
        return this;
    }

    /** Adds an image file (relative to the document). */
    public Document image(String file, String alt) {
        blocks.add(new Image(file, alt));
        return this;
    }

    /** Adds preformatted text. */
    public Document pre(String text) {
        blocks.add(new Pre(text));
        return this;
    }

    /** The document as Markdown. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (Object block : blocks) {
            switch (block) {
                case Heading h -> sb.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
                case Paragraph p -> sb.append(p.text()).append("\n\n");
                case Grid g -> {
                    for (int r = 0; r < g.rows().size(); r++) {
                        sb.append("| ").append(String.join(" | ", escapeCells(g.rows().get(r)))).append(" |\n");
                        if (r == 0) {
                            sb.append("|").append(" --- |".repeat(g.rows().get(r).length)).append('\n');
                        }
                    }
                    sb.append('\n');
                }
                case Image i -> sb.append("![").append(i.alt()).append("](").append(i.file()).append(")\n\n");
                case Pre p -> sb.append("```\n").append(p.text().stripTrailing()).append("\n```\n\n");
                default -> throw new IllegalStateException("unknown block " + block);
            }
        }
        return sb.toString();
    }

    private static String[] escapeCells(String[] row) {
        String[] out = new String[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = row[i].replace("|", "\\|");
        }
        return out;
    }

    /**
     * The document as one self-contained HTML page.
     *
     * @param dir where the image files named by {@link #image} are
     * @throws IOException if an image file cannot be read
     */
    public String html(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>body{font-family:sans-serif;max-width:1700px;margin:2em auto;"
                        + "padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
                        + "padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}"
                        + "img{max-width:100%;border:1px solid #ddd}pre{background:#f7f7f7;padding:1em;overflow-x:auto}</style>"
                        + "</head><body>\n<h1>").append(escape(title)).append("</h1>\n");
        for (Object block : blocks) {
            switch (block) {
                case Heading h -> sb.append("<h").append(h.level()).append('>').append(escape(h.text())).append("</h")
                        .append(h.level()).append(">\n");
                case Paragraph p -> sb.append("<p>").append(escape(p.text())).append("</p>\n");
                case Grid g -> {
                    sb.append("<table>\n");
                    for (int r = 0; r < g.rows().size(); r++) {
                        String cell = r == 0 ? "th" : "td";
                        sb.append("<tr>");
                        for (String c : g.rows().get(r)) {
                            sb.append('<').append(cell).append('>').append(escape(c)).append("</").append(cell).append('>');
                        }
                        sb.append("</tr>\n");
                    }
                    sb.append("</table>\n");
                }
                case Image i -> sb.append("<p><img src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve(i.file()))))
                        .append("\" alt=\"").append(escape(i.alt())).append("\" title=\"").append(escape(i.file()))
                        .append("\"></p>\n");
                case Pre p -> sb.append("<pre>").append(escape(p.text())).append("</pre>\n");
                default -> throw new IllegalStateException("unknown block " + block);
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
