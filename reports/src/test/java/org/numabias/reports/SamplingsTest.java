package org.numabias.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.numabias.api.TrainingProvenance;
import org.numabias.runtime.contract.RandomTraces;
import org.numabias.runtime.replay.PredictorResult;
import org.numabias.runtime.replay.ReplayReport;
import org.numabias.runtime.replay.TrainedOn;
import org.numabias.runtime.replay.TrainedOn.Sampling;

/** Charts over several traces say what a trained predictor's rows are: held-out, in-sample or transfer. */
class SamplingsTest {
    private static final List<ReplayReport> REPLAYS = List.of(Replays.replay(RandomTraces.generate(7, 3, 300, false)),
            Replays.replay(RandomTraces.generate(8, 3, 300, false)), Replays.replay(RandomTraces.generate(9, 3, 300, false)));

    /** {@code r} with its result {@code column} declared trained, with sampling {@code s} (null: not trained). */
    private static ReplayReport trained(ReplayReport r, int column, Sampling s) {
        return trained(r, column, s, -1);
    }

    /** The same, with {@code scoredBeforeCut} scored consumptions before the training cut (-1: not counted). */
    private static ReplayReport trained(ReplayReport r, int column, Sampling s, long scoredBeforeCut) {
        PredictorResult p = r.results().get(column);
        TrainingProvenance fitted = TrainingProvenance.of(r.summary().eventsSha256(), "t", 0, 120, "0.4", 2, "v1");
        List<PredictorResult> results = new ArrayList<>(r.results());
        results.set(column, new PredictorResult(p.label(), p.predictor(), p.params(), p.origin(), p.measurements(),
                p.firstFault(), p.nsPerCall(), p.stateBytes(), p.overBudget(), p.nodeMatrix(), p.windows(),
                s == null ? null : new TrainedOn(fitted, s, scoredBeforeCut), p.intervals()));
        return new ReplayReport(r.trace(), r.header(), r.summary(), r.topology(), r.scoreFrom(), r.scoreFromIndex(),
                r.budgetNsPerCall(), r.window(), r.frameworkVersion(), results);
    }

    private static List<ReplayReport> withSamplings(int column, Sampling... samplings) {
        List<ReplayReport> out = new ArrayList<>();
        for (int i = 0; i < samplings.length; i++) {
            out.add(trained(REPLAYS.get(i), column, samplings[i]));
        }
        return out;
    }

    @Test
    void aRowStandingForSeveralTracesCountsEachSampling() {
        assertEquals(" [held-out]", Samplings.acrossTraces(withSamplings(3, Sampling.HELD_OUT, Sampling.HELD_OUT,
                Sampling.HELD_OUT), 3));
        assertEquals(" [held-out on 1 trace, transfer on 2]", Samplings.acrossTraces(withSamplings(3, Sampling.TRANSFER,
                Sampling.HELD_OUT, Sampling.TRANSFER), 3));
        assertEquals(" [in-sample on 2 traces, transfer on 1]", Samplings.acrossTraces(withSamplings(3, Sampling.IN_SAMPLE,
                Sampling.TRANSFER, Sampling.IN_SAMPLE), 3));
        assertEquals("", Samplings.acrossTraces(REPLAYS, 3), "a predictor not trained offline has no suffix");
    }

    @Test
    void theRanksTablesAndDiagramLabelTheTrainedPredictorAndTheControlStillMatchesItsPlainLabel() {
        List<ReplayReport> reports = withSamplings(3, Sampling.TRANSFER, Sampling.TRANSFER, Sampling.HELD_OUT);
        assertEquals("majority", REPLAYS.getFirst().results().get(3).label());
        MultiComparison mc = MultiComparison.of(ResultMetric.ACCURACY, reports, List.of("a", "b", "c"), 0.05, "majority");
        // the oracle (result 1) is left out: majority is the third compared predictor
        assertEquals(List.of("producer-local", "last-consumer", "majority [held-out on 1 trace, transfer on 2]",
                "interleave"), mc.predictors());
        assertEquals("majority [held-out on 1 trace, transfer on 2]", mc.wilcoxon().control());
    }

    @Test
    void heatmapCellsAreMarkedAndTheLegendExplainsOnlyTheMarksUsed() {
        List<ReplayReport> reports = withSamplings(2, Sampling.HELD_OUT, Sampling.TRANSFER, Sampling.IN_SAMPLE);
        assertEquals(List.of("H", "T", "I"), reports.stream().map(r -> Samplings.mark(r.results().get(2))).toList());
        assertEquals("", Samplings.mark(reports.getFirst().results().get(1)));
        assertEquals(Set.of(Sampling.HELD_OUT, Sampling.TRANSFER), Samplings.used(reports.subList(0, 2)));
        assertEquals("Cells of trained predictors are marked with their sampling on that trace: H = held-out (scored "
                + "only after the events it was fitted on); T = transfer (fitted on another trace).",
                Samplings.legend(Samplings.used(reports.subList(0, 2))));
        assertNull(Samplings.legend(Samplings.used(REPLAYS)));
        assertNull(Samplings.acrossTracesLegend(REPLAYS));
    }

    @Test
    void aHeldOutCutIsDrawnAtTheAxisStartAnInSampleOneWhereItFallsAndATransferHasNone() {
        ReplayReport heldOut = trained(REPLAYS.getFirst(), 2, Sampling.HELD_OUT);
        String label = heldOut.results().get(2).label();
        assertEquals(List.of(new LearningCurves.TrainingCut("training cut of " + label + ": event 120 (at or before the "
                + "start)", 0)), ReportWriter.trainingCutLines(heldOut));
        assertEquals(List.of(new LearningCurves.TrainingCut("training cut of " + label + ": event 120 (in-sample before "
                + "it)", 37)), ReportWriter.trainingCutLines(trained(REPLAYS.getFirst(), 2, Sampling.IN_SAMPLE, 37)));
        assertEquals(List.of(), ReportWriter.trainingCutLines(trained(REPLAYS.getFirst(), 2, Sampling.IN_SAMPLE, -1)),
                "an in-sample result read from JSON without the count: stated, not drawn");
        assertEquals(List.of(), ReportWriter.trainingCutLines(trained(REPLAYS.getFirst(), 2, Sampling.TRANSFER)));
        assertEquals(List.of(), ReportWriter.trainingCutLines(REPLAYS.getFirst()));
    }
}
