package org.numabias.runtime.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.numabias.api.ConfigurationException;

/** {@code --score-from}: an event index or a fraction of the trace, and the index each resolves to. */
class ScoreFromTest {
    @Test
    void anIndexIsUsedAsIsAndAFractionIsRoundedDown() {
        assertEquals(new ScoreFrom("7", 7, -1), ScoreFrom.parse(" 7 "));
        assertEquals(7, ScoreFrom.parse("7").resolve(3), "an index past the end stays: nothing is scored");
        assertEquals(0, ScoreFrom.START.resolve(100));
        ScoreFrom half = ScoreFrom.parse("0.5");
        assertEquals(-1, half.index());
        assertEquals(0.5, half.fraction());
        assertEquals("0.5", half.text());
        assertEquals(50, half.resolve(100));
        assertEquals(50, half.resolve(101), "50.5 rounds down");
        assertEquals(3, ScoreFrom.parse("0.999").resolve(4), "3.996 rounds down");
        assertEquals(0, half.resolve(0));
    }

    @Test
    void anythingElseIsAUsageErrorNamingTheForms() {
        for (String bad : List.of("0.0", "1.0", "1.5", "-0.2", "abc", "", "NaN")) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> ScoreFrom.parse(bad), bad);
            assertEquals("--score-from must be a non-negative event index or a fraction in (0,1), got '" + bad + "'",
                    e.getMessage());
        }
        ConfigurationException big = assertThrows(ConfigurationException.class, () -> ScoreFrom.parse("99999999999999999999"));
        assertTrue(big.getMessage().endsWith("event index too large"), big.getMessage());
    }
}
