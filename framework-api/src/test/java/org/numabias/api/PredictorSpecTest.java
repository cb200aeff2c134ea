package org.numabias.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredictorSpecTest {
    @Test
    void parsesNamesAndParametersInOrder() {
        PredictorSpec s = PredictorSpec.parse(" ewma : alpha = 0.5 , key=flow ");
        assertEquals("ewma", s.name());
        assertEquals(List.of("alpha", "key"), List.copyOf(s.params().keySet()));
        assertEquals("ewma:alpha=0.5,key=flow", s.toString());
        assertEquals(Map.of(), PredictorSpec.parse("oracle").params());
    }

    @Test
    void malformedSpecsSayWhatTheFormIs() {
        for (String bad : List.of("", ":a=1", "ewma:alpha", "ewma:=1", "ewma:a=1,", "ewma:a=1,a=2")) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> PredictorSpec.parse(bad), bad);
            assertTrue(e.getMessage().contains("name[:k=v,k=v]") || e.getMessage().contains("given twice"), e.getMessage());
        }
    }

    @Test
    void configAppliesDefaultsAndRejectsUnknownsAndBadValues() {
        List<ParameterSpec> params = List.of(ParameterSpec.key(), ParameterSpec.of("alpha", "0.25", "weight"));
        PredictorConfig c = PredictorConfig.of("ewma", params, Map.of("alpha", "0.5"));
        assertEquals(Map.of("key", "device", "alpha", "0.5"), c.values());
        assertEquals(KeyMode.DEVICE, c.keyMode());
        assertEquals(0.5, c.real("alpha"));
        assertTrue(assertThrows(ConfigurationException.class, () -> PredictorConfig.of("ewma", params, Map.of("beta", "1")))
                .getMessage().contains("accepted: key, alpha"));
        assertTrue(assertThrows(ConfigurationException.class, () -> PredictorConfig.of("ewma", params, Map.of("key", "cpu")))
                .getMessage().contains("must be one of device|queue|flow, got 'cpu'"));
        PredictorConfig nan = PredictorConfig.of("ewma", params, Map.of("alpha", "NaN"));
        assertTrue(assertThrows(ConfigurationException.class, () -> nan.real("alpha")).getMessage()
                .contains("must be a finite number, got 'NaN'"));
    }
}
