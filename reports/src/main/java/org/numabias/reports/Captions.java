package org.numabias.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Puts a caption (what the chart shows, seed, provenance) under a chart so that a PNG stands on its
 * own, and writes PNGs. Lines wider than the image are wrapped at spaces.
 */
public final class Captions {
    static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final int MARGIN = 14;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Captions() {
    }

    /** A new image: {@code chart} above the wrapped {@code lines}. */
    public static BufferedImage below(BufferedImage chart, List<String> lines) {
        int width = chart.getWidth();
        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        probe.setFont(FONT);
        FontMetrics fm = probe.getFontMetrics();
        List<String> wrapped = new ArrayList<>();
        for (String line : lines) {
            wrapped.addAll(wrap(line, fm, width - 2 * MARGIN));
        }
        probe.dispose();
        int height = chart.getHeight() + (wrapped.isEmpty() ? 0 : wrapped.size() * fm.getHeight() + 2 * MARGIN);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(out);
        g.drawImage(chart, 0, 0, null);
        g.setColor(new Color(0x333333));
        g.drawLine(MARGIN, chart.getHeight(), width - MARGIN, chart.getHeight());
        int y = chart.getHeight() + MARGIN + fm.getAscent();
        for (String line : wrapped) {
            g.drawString(line, MARGIN, y);
            y += fm.getHeight();
        }
        g.dispose();
        return out;
    }

    /** A white-filled, anti-aliased graphics context on {@code image}, caption font set. */
    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(FONT);
        return g;
    }

    /** {@code text} split at spaces into lines no wider than {@code width} pixels (a longer word stays whole). */
    static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (fm.stringWidth(candidate) > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** Writes {@code image} as a PNG file; a failure names the file (ImageIO's own message does not). */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        boolean written;
        try {
            written = ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException(file + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), e);
        }
        if (!written) {
            throw new IOException("no PNG writer for " + file);
        }
    }
}
