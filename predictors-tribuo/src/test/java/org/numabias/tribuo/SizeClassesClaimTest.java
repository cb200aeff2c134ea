package org.numabias.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.trace.InMemoryTrace;
import org.numabias.datasets.Scenario;
import org.numabias.datasets.Scenarios;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayEngine;
import org.numabias.runtime.replay.ScoreFrom;
import org.numabias.tribuo.train.TrainerChoice;

/**
 * The size-classes scenario's documented claim, which the datasets module cannot check (its winner
 * is trained): tribuo, trained on the first half, beats every counting predictor named in the
 * scenario by the documented margin on the second half, for several seeds.
 */
class SizeClassesClaimTest {
    private static final long[] SEEDS = {1, 2, 3, 20261125};

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = TrainerChoice.class, names = {"logistic", "cart"})
    void tribuoWinsByTheDocumentedMargin(TrainerChoice trainer) {
        Scenario scenario = Scenarios.byName("size-classes");
        // the claim, stated here independently of Scenarios (which must document the same one)
        List<String> losers = List.of("majority", "majority:weight=bytes", "majority:key=flow", "markov", "last-consumer",
                "producer-local");
        double margin = 0.40;
        assertEquals("tribuo", scenario.expectedWinner());
        assertEquals(losers, scenario.beats());
        assertEquals(margin, scenario.margin());
        for (long seed : SEEDS) {
            InMemoryTrace trace = scenario.generate(seed, Map.of()).inMemory();
            Path model = Models.saved(trace, trainer, tmp, trainer + "-" + seed + ".tribuo");
            List<String> specs = new ArrayList<>();
            specs.add("tribuo:model=" + model);
            specs.addAll(losers);
            List<PredictorResult> r = new ReplayEngine(PredictorRegistry.builtIn()).run(trace, trace.header().topology(),
                    specs, new ReplayEngine.Options(ScoreFrom.parse("0.5"), ReplayEngine.DEFAULT_BUDGET_NS,
                            (phase, done, total) -> { })).results();
            double winner = r.getFirst().localByteRatio();
            for (PredictorResult loser : r.subList(1, r.size())) {
                assertTrue(winner >= loser.localByteRatio() + margin, () -> "seed " + seed + ": tribuo ("
                        + trainer + ") " + winner + " vs " + loser.label() + " " + loser.localByteRatio());
            }
        }
    }
}
