package org.numabias.reports;

import java.awt.Color;

/**
 * Maps a value to a colour. Sequential scales run dark purple to yellow (the viridis anchors, readable
 * in grey and by the colour-blind); diverging scales run red (negative) through near-white (0) to
 * blue (positive), symmetric around 0. Values outside [min, max] take the end colour.
 *
 * @param min       the value of the first colour (diverging: -max)
 * @param max       the value of the last colour
 * @param diverging whether the scale is centred on 0
 */
public record ColourScale(double min, double max, boolean diverging) {
    private static final Color[] SEQUENTIAL = {new Color(0x440154), new Color(0x3b528b), new Color(0x21918c),
            new Color(0x5ec962), new Color(0xfde725)};
    private static final Color[] DIVERGING = {new Color(0xb2182b), new Color(0xef8a62), new Color(0xf7f7f7),
            new Color(0x67a9cf), new Color(0x2166ac)};

    /** Checks the bounds. */
    public ColourScale {
        if (!(max > min)) {
            throw new IllegalArgumentException("colour scale needs min < max, got " + min + " and " + max);
        }
    }

    /** A sequential scale from min to max. */
    public static ColourScale sequential(double min, double max) {
        return new ColourScale(min, max, false);
    }

    /** A diverging scale from -limit to +limit. */
    public static ColourScale diverging(double limit) {
        return new ColourScale(-limit, limit, true);
    }

    /** The colour of {@code value}. */
    public Color colour(double value) {
        double t = Math.clamp((value - min) / (max - min), 0.0, 1.0);
        Color[] anchors = diverging ? DIVERGING : SEQUENTIAL;
        double x = t * (anchors.length - 1);
        int i = Math.min((int) x, anchors.length - 2);
        double f = x - i;
        Color a = anchors[i];
        Color b = anchors[i + 1];
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f), mix(a.getBlue(), b.getBlue(), f));
    }

    /** Black or white, whichever reads better on {@code background}. */
    public static Color textOn(Color background) {
        double luminance = 0.2126 * background.getRed() + 0.7152 * background.getGreen() + 0.0722 * background.getBlue();
        return luminance > 140 ? Color.BLACK : Color.WHITE;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
