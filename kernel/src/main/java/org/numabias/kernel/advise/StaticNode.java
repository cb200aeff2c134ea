package org.numabias.kernel.advise;

import java.util.List;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.Spi;
import org.numabias.api.Topology;

/**
 * {@code static-node:node=N}: every buffer on node N, whatever the feedback. Replayed over one
 * queue's events it models "the queue's interrupt and its buffer pool moved to node N" (a static
 * placement, as an administrator would set it).
 */
final class StaticNode implements AllocationPredictor {
    private final int node;

    private StaticNode(int node) {
        this.node = node;
    }

    @Override
    public int predict(AllocationContext ctx) {
        return node;
    }

    @Override
    public void onConsumption(ConsumptionFeedback fb) {
        // static: feedback changes nothing
    }

    /** Registers {@code static-node} in the advisor's registry (not a built-in). */
    static final class Provider implements PredictorProvider {
        static final String NAME = "static-node";

        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return NAME; }
        @Override public String description() { return "every buffer on one fixed node (a queue's IRQ and pool moved there)"; }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.of("node", "0", "the node every buffer goes to"));
        }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            return new StaticNode(Math.min(config.integer("node"), topology.nodes() - 1));
        }
    }
}
