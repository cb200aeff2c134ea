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
 * {@code static-node:node=N[,at=K,then=M]}: every buffer on node N, whatever the feedback; with
 * {@code at=K}, the buffers of Alloc index K onwards on node M instead. Replayed over one queue's
 * events it models "the queue's interrupt and its buffer pool moved to node N" (a static placement,
 * as an administrator would set it); the switch lets the advisor cross-fit: the first part scored
 * with the node chosen on the second, the second with the node chosen on the first.
 */
final class StaticNode implements AllocationPredictor {
    private final int node;
    private final long at;
    private final int then;

    private StaticNode(int node, long at, int then) {
        this.node = node;
        this.at = at;
        this.then = then;
    }

    @Override
    public int predict(AllocationContext ctx) {
        return at >= 0 && ctx.allocIndex() >= at ? then : node;
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
            return List.of(ParameterSpec.of("node", "0", "the node every buffer goes to"),
                    ParameterSpec.of("at", "-1", "from this Alloc index on, buffers go to node 'then' (-1: never)"),
                    ParameterSpec.of("then", "0", "the node from Alloc index 'at' on"));
        }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            double at = config.real("at");
            config.require(at == Math.rint(at) && at >= -1 && at < 0x1p53, "at", "an Alloc index (an integer >= -1)");
            int last = topology.nodes() - 1;
            return new StaticNode(Math.min(config.integer("node"), last), (long) at, Math.min(config.integer("then"), last));
        }
    }
}
