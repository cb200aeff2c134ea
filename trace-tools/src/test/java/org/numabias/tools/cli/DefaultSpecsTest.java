package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Spi;
import org.numabias.api.Topology;

/** compare's default predictor list leaves out predictors that cannot run on defaults (a required parameter). */
class DefaultSpecsTest {
    /** Like tribuo: a model path with no default. */
    static final class NeedsModel implements PredictorProvider {
        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return "needs-model"; }
        @Override public String description() { return "test"; }
        @Override public List<ParameterSpec> parameters() { return List.of(ParameterSpec.of("model", "", "required")); }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            throw new IllegalStateException("not created in this test");
        }
    }

    @Test
    void predictorsWithARequiredParameterAreNotInTheDefaultList() {
        PredictorRegistry registry = PredictorRegistry.builtIn().add(new NeedsModel(), "test");
        List<String> specs = CompareCommand.defaultSpecs(registry);
        assertFalse(specs.contains("needs-model"), specs.toString());
        assertTrue(specs.containsAll(List.of("producer-local", "majority", "ewma", "oracle")), specs.toString());
        assertTrue(registry.names().contains("needs-model"));
    }
}
