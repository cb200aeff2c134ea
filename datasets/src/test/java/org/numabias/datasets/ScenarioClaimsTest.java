package org.numabias.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.numabias.api.ConfigurationException;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.PredictorSpec;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayEngine;

/** Every scenario's documented claim holds on its defaults, for several seeds. */
class ScenarioClaimsTest {
    private static final long[] SEEDS = {1, 2, 3, 20261125};

    static Stream<Scenario> scenarios() {
        return Scenarios.all().stream();
    }

    /** Scenarios whose winner is a built-in predictor; a trained winner (tribuo) is tested in its own module. */
    static Stream<Scenario> builtInWinners() {
        PredictorRegistry registry = PredictorRegistry.builtIn();
        return scenarios().filter(s -> registry.find(PredictorSpec.parse(s.expectedWinner()).name()) != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtInWinners")
    void theDocumentedWinnerWinsByTheDocumentedMargin(Scenario scenario) {
        for (long seed : SEEDS) {
            GeneratedTrace trace = scenario.generate(seed, Map.of());
            List<String> specs = new ArrayList<>();
            specs.add(scenario.expectedWinner());
            specs.addAll(scenario.beats());
            List<PredictorResult> r = new ReplayEngine(PredictorRegistry.builtIn())
                    .run(trace, trace.header().topology(), specs, ReplayEngine.Options.defaults()).results();
            double winner = r.getFirst().localByteRatio();
            for (PredictorResult loser : r.subList(1, r.size())) {
                assertTrue(winner >= loser.localByteRatio() + scenario.margin(),
                        () -> scenario.name() + " seed " + seed + ": " + scenario.expectedWinner() + " " + winner
                                + " vs " + loser.label() + " " + loser.localByteRatio() + ", margin " + scenario.margin());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void deterministicFromTheSeedAndDifferentAcrossSeeds(Scenario scenario) {
        Map<String, String> small = Map.of("length", "500");
        assertEquals(scenario.generate(7, small).inMemory().events(), scenario.generate(7, small).inMemory().events());
        assertTrue(!scenario.generate(7, small).inMemory().events().equals(scenario.generate(8, small).inMemory().events()));
        assertEquals(1500, scenario.generate(7, small).inMemory().events().size()); // alloc, consume, free per buffer
    }

    @Test
    void badParametersAreClearErrors() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Scenarios.byName("migrating").generate(1, Map.of("period", "0")));
        assertTrue(e.getMessage().contains("'period'"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> Scenarios.byName("static-skew").generate(1, Map.of("bogus", "1")));
        assertTrue(e.getMessage().contains("accepted: nodes, devices, flows, length, noise"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> Scenarios.byName("nope"));
        assertTrue(e.getMessage().contains("static-skew"), e.getMessage());
    }

    @Test
    void delayedFeedbackCostsTheAdaptivePredictorSomething() {
        Map<String, String> same = Map.of("period", "1000");
        double prompt = gain(Scenarios.byName("migrating").generate(5, same));
        double late = gain(Scenarios.byName("delayed").generate(5, Map.of("period", "1000", "delay", "200")));
        assertTrue(late < prompt, "ewma captured " + late + " with delay, " + prompt + " without");
    }

    private static double gain(GeneratedTrace trace) {
        return new ReplayEngine(PredictorRegistry.builtIn()).run(trace, trace.header().topology(), List.of("ewma"),
                ReplayEngine.Options.defaults()).results().getFirst().capturedGain();
    }
}
