package org.numabias.predictors;

import java.util.List;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.Lookahead;
import org.numabias.api.LookaheadPredictor;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.Spi;
import org.numabias.api.Topology;

/**
 * {@code oracle}: replay only. Knows each buffer's future consumptions and places it on the node
 * that minimises bytes x distance over them (ties: the first consumer's node if among the minima,
 * else the lowest id); a buffer never consumed goes to the producer's node. No predictor can have
 * a lower cost: it bounds every comparison.
 */
public final class OraclePredictor implements LookaheadPredictor {
    private Lookahead lookahead;

    @Override
    public void useLookahead(Lookahead future) {
        this.lookahead = future;
    }

    @Override
    public int predict(AllocationContext ctx) {
        if (lookahead == null) {
            throw new IllegalStateException("oracle is replay-only: it needs the trace's future");
        }
        int node = lookahead.oracleNode(ctx.allocIndex());
        return node < 0 ? ctx.node() : node;
    }

    @Override
    public void onConsumption(ConsumptionFeedback fb) {
        // the oracle already knows
    }

    @Override
    public long stateSizeBytes() {
        return 0;
    }

    /** Registers {@code oracle}. */
    public static final class Provider implements PredictorProvider {
        /** True: each instance's node depends only on that instance's Consumes (DESIGN.md), so a sweep may split a trace by device. */
        @Override public boolean stateIsPerDevice() { return true; }

        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return "oracle"; }
        @Override public String description() { return "replay only: the cost-minimising node, knowing each buffer's future consumers"; }
        @Override public List<ParameterSpec> parameters() { return List.of(); }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            return new OraclePredictor();
        }
    }
}
