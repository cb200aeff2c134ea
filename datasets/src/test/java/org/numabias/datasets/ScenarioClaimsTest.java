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
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayEngine;

/** Every scenario's documented claim holds on its defaults, for several seeds. */
class ScenarioClaimsTest {
    private static final long[] SEEDS = {1, 2, 3, 20261125};

    static Stream<Scenario> scenarios() {
        return Scenarios.all().stream();
    }

    /**
     * A scenario's claim, stated here independently of {@link Scenarios}: on its defaults, {@code winner}
     * beats each of {@code losers} by at least {@code margin} localByteRatio.
     */
    record Claim(String scenario, String winner, List<String> losers, double margin) {
        @Override
        public String toString() {
            return scenario;
        }
    }

    /** The claims the catalog documents for the scenarios with a built-in winner (size-classes: the tribuo module). */
    static final List<Claim> CLAIMS = List.of(
            new Claim("static-skew", "majority", List.of("producer-local", "interleave", "last-consumer"), 0.10),
            new Claim("migrating", "ewma", List.of("majority", "producer-local", "interleave"), 0.30),
            new Claim("periodic", "markov", List.of("majority", "last-consumer", "ewma", "producer-local"), 0.40),
            new Claim("many-flows", "majority:key=flow", List.of("majority", "last-consumer", "ewma", "producer-local"), 0.40),
            new Claim("size-dependent", "majority:weight=bytes", List.of("majority", "last-consumer", "producer-local"), 0.30),
            new Claim("delayed", "ewma", List.of("majority", "producer-local", "interleave"), 0.20),
            new Claim("mix", "markov", List.of("majority", "last-consumer", "producer-local", "interleave"), 0.10));

    static Stream<Claim> claims() {
        return CLAIMS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claims")
    void theWinnerBeatsEachLoserByTheMargin(Claim claim) {
        Scenario scenario = Scenarios.byName(claim.scenario());
        for (long seed : SEEDS) {
            GeneratedTrace trace = scenario.generate(seed, Map.of());
            List<String> specs = new ArrayList<>();
            specs.add(claim.winner());
            specs.addAll(claim.losers());
            List<PredictorResult> r = new ReplayEngine(PredictorRegistry.builtIn())
                    .run(trace, trace.header().topology(), specs, ReplayEngine.Options.defaults()).results();
            assertEquals(claim.losers().size() + 1, r.size());
            double winner = r.getFirst().localByteRatio();
            for (PredictorResult loser : r.subList(1, r.size())) {
                assertTrue(winner >= loser.localByteRatio() + claim.margin(),
                        () -> claim.scenario() + " seed " + seed + ": " + claim.winner() + " " + winner
                                + " vs " + loser.label() + " " + loser.localByteRatio() + ", margin " + claim.margin());
            }
        }
    }

    /** What the catalog shows users ({@code numabias datasets}) is the claim tested above, margin and all. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("claims")
    void theCatalogDocumentsTheTestedClaim(Claim claim) {
        Scenario scenario = Scenarios.byName(claim.scenario());
        assertEquals(claim.winner(), scenario.expectedWinner());
        assertEquals(claim.losers(), scenario.beats());
        assertEquals(claim.margin(), scenario.margin());
    }

    @Test
    void everyScenarioHasAClaimHereOrInTheTribuoModule() {
        List<String> named = new ArrayList<>(CLAIMS.stream().map(Claim::scenario).toList());
        named.add("size-classes");
        assertEquals(named.stream().sorted().toList(), Scenarios.all().stream().map(Scenario::name).sorted().toList());
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
