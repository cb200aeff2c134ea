package org.example.numabias;

import java.util.List;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.KeySlots;
import org.numabias.api.NodeChoice;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.Spi;
import org.numabias.api.Topology;

/**
 * {@code sliding-majority}: the most frequent consumer node among the key's last {@code window}
 * consumptions. Like {@code majority} on a stationary stream, but it forgets: after a consumer
 * migrates, it follows within about window/2 consumptions. Cold: the producer's node.
 */
public final class SlidingMajorityPredictor implements AllocationPredictor {
    private final KeySlots keys;
    private final int nodes;
    private final int window;
    private long[] counts = new long[0];   // [slot * nodes + node]: consumptions in the window
    private int[] ring = new int[0];       // [slot * window + i]: the last `window` consumer nodes
    private long[] seen = new long[0];     // [slot]: consumptions so far

    SlidingMajorityPredictor(KeySlots keys, int nodes, int window) {
        this.keys = keys;
        this.nodes = nodes;
        this.window = window;
    }

    @Override
    public int predict(AllocationContext ctx) {
        int slot = keys.find(ctx);
        return slot < 0 ? ctx.node() : NodeChoice.argmax(counts, slot * nodes, nodes, ctx.node());
    }

    @Override
    public void onConsumption(ConsumptionFeedback fb) {
        int slot = keys.findOrAdd(fb);
        counts = KeySlots.ensure(counts, (slot + 1) * nodes, 0);
        ring = KeySlots.ensure(ring, (slot + 1) * window, 0);
        seen = KeySlots.ensure(seen, slot + 1, 0);
        int position = slot * window + (int) (seen[slot] % window);
        if (seen[slot] >= window) {
            counts[slot * nodes + ring[position]]--; // the oldest leaves the window
        }
        ring[position] = fb.node();
        counts[slot * nodes + fb.node()]++;
        seen[slot]++;
    }

    @Override
    public long stateSizeBytes() {
        return keys.sizeBytes() + 8L * counts.length + 4L * ring.length + 8L * seen.length;
    }

    /** Registers {@code sliding-majority} (listed in META-INF/services). */
    public static final class Provider implements PredictorProvider {
        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public String name() { return "sliding-majority"; }
        @Override public String description() { return "majority over the key's last `window` consumptions (forgets old consumers)"; }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.key(), ParameterSpec.of("window", "32", "consumptions remembered per key, >= 1"));
        }

        @Override
        public AllocationPredictor create(PredictorConfig config, Topology topology) {
            int window = config.integer("window");
            config.require(window >= 1 && window <= 1 << 20, "window", "in 1..1048576");
            return new SlidingMajorityPredictor(new KeySlots(config.keyMode()), topology.nodes(), window);
        }
    }
}
