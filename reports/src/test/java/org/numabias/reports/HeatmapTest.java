package org.numabias.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeatmapTest {
    private static Heatmap map(Double[][] values, boolean[][] muted, boolean[][] framed) {
        return new Heatmap("t", null, List.of("a", "b"), List.of("synthetic", "recorded"), List.of("p:k=v,x=y", "q", "r"),
                List.of("", "", ""), values, muted, "%.2f", ColourScale.diverging(1), framed, "m", null);
    }

    @Test
    void cellsSayUndefinedNotMeaningfulAndNoNegativeZero() {
        Double[][] values = {{null, -0.001, 0.5}, {-110515.0, 0.25, 0.25}};
        boolean[][] muted = {{false, false, false}, {true, false, false}};
        Heatmap h = map(values, muted, null);
        assertEquals("-", h.text(0, 0));
        assertEquals("0.00", h.text(0, 1));
        assertEquals("0.50", h.text(0, 2));
        assertEquals("n/m", h.text(1, 0));
    }

    @Test
    void aMarkFollowsTheCellsTextWhateverItIs() {
        Double[][] values = {{null, 0.5, 0.25}, {1.0, 0.75, 0.0}};
        boolean[][] muted = {{false, false, false}, {true, false, false}};
        String[][] marks = {{"T", "", "H"}, {"I", "", ""}};
        Heatmap h = new Heatmap("t", null, List.of("a", "b"), null, List.of("p", "q", "r"), null, values, muted, "%.2f",
                ColourScale.sequential(0, 1), null, "m", marks);
        assertEquals("- T", h.text(0, 0));
        assertEquals("0.50", h.text(0, 1));
        assertEquals("0.25 H", h.text(0, 2));
        assertEquals("n/m I", h.text(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Heatmap("t", null, List.of("a", "b"), null,
                List.of("p", "q", "r"), null, values, null, "%.2f", ColourScale.sequential(0, 1), null, "m",
                new String[][]{{"", "", ""}}));
    }

    @Test
    void everyColumnGetsItsOwnReadableWidth() {
        Double[][] values = {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}};
        var narrow = new Heatmap("t", null, List.of("a", "b"), null, List.of("p", "q", "r"), null,
                values, null, "%.2f", ColourScale.sequential(0, 1), null, "m", null).render();
        var wide = new Heatmap("t", null, List.of("a", "b"), null, List.of("p", "q", "a-much-longer-predictor-label"), null,
                values, null, "%.2f", ColourScale.sequential(0, 1), null, "m", null).render();
        // all columns widen to fit the longest label: three columns grow by about three times its extra width
        assertTrue(wide.getWidth() - narrow.getWidth() > 3 * 100, wide.getWidth() + " vs " + narrow.getWidth());
        assertEquals(narrow.getHeight(), wide.getHeight());
    }

    @Test
    void mismatchedTablesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> map(new Double[][]{{0.1, 0.2}}, null, null));
        assertThrows(IllegalArgumentException.class, () -> map(new Double[][]{{0.1, 0.2, 0.3}, {0.1, 0.2}}, null, null));
    }

    @Test
    void scalesRunEndToEndAndTextStaysReadable() {
        ColourScale d = ColourScale.diverging(0.5);
        assertEquals(new Color(0xf7f7f7), d.colour(0));
        assertEquals(new Color(0xb2182b), d.colour(-0.5));
        assertEquals(new Color(0xb2182b), d.colour(-7), "saturates beyond the range");
        assertEquals(new Color(0x2166ac), d.colour(0.5));
        ColourScale s = ColourScale.sequential(0, 1);
        assertEquals(Color.WHITE, ColourScale.textOn(s.colour(0)), "white on dark purple");
        assertEquals(Color.BLACK, ColourScale.textOn(s.colour(1)), "black on yellow");
        assertThrows(IllegalArgumentException.class, () -> ColourScale.sequential(1, 1));
    }
}
