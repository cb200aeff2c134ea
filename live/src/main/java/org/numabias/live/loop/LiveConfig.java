package org.numabias.live.loop;

import java.nio.file.Path;
import org.numabias.api.PredictorRegistry;
import org.numabias.live.numa.NodeMemory;
import org.numabias.live.workload.Workload;

/**
 * One live run's settings.
 *
 * @param workload      what to run (validated)
 * @param memory        real or emulated nodes; the workload's nodes must exist there
 * @param registry      where the predictor comes from
 * @param spec          the predictor spec (ignored in {@link Mode#BARE})
 * @param mode          what the loop does
 * @param budgetNs      the guard's per-call budget (a predictor far over it is disabled)
 * @param record        trace directory to record into, or null for no recording
 * @param queueCapacity bound of each consumer's inbound queue (a power of two is best)
 * @param slabBytes     bytes per pool slab
 * @param maxSlabs      slabs per node at most: pool memory is bounded by nodes x maxSlabs x slabBytes
 * @param producerThreads producer threads per node that has devices, at most (each polls many devices);
 *                      0 = this machine's processors per node
 */
public record LiveConfig(Workload workload, NodeMemory memory, PredictorRegistry registry, String spec, Mode mode,
                         long budgetNs, Path record, int queueCapacity, long slabBytes, int maxSlabs,
                         int producerThreads) {

    /** What the loop does. */
    public enum Mode {
        /** Predictor, pools, consumers and feedback: the RFC's loop. */
        FEEDBACK,
        /** Predictor, pools and consumers; buffers go straight back to the pool, no feedback. */
        NO_FEEDBACK,
        /** Producers only, receiving into one reused heap buffer: this machine's loopback ceiling. */
        BARE
    }

    /** @throws IllegalArgumentException for a negative producer thread count */
    public LiveConfig {
        if (producerThreads < 0) {
            throw new IllegalArgumentException("producer threads must be at least 1 (or 0 for the default), got "
                    + producerThreads);
        }
    }

    /**
     * Defaults: feedback mode, 10 us budget, 1024-deep queues, 1 MiB slabs, 16 slabs per node, producer
     * threads per node = processors per node.
     */
    public static LiveConfig of(Workload workload, NodeMemory memory, PredictorRegistry registry, String spec) {
        return new LiveConfig(workload, memory, registry, spec, Mode.FEEDBACK, 10_000, null, 1024, 1 << 20, 16, 0);
    }

    /** This config with another mode. */
    public LiveConfig withMode(Mode m) {
        return new LiveConfig(workload, memory, registry, spec, m, budgetNs, record, queueCapacity, slabBytes, maxSlabs, producerThreads);
    }

    /** This config recording into {@code dir}. */
    public LiveConfig withRecord(Path dir) {
        return new LiveConfig(workload, memory, registry, spec, mode, budgetNs, dir, queueCapacity, slabBytes, maxSlabs, producerThreads);
    }

    /** This config with another guard budget. */
    public LiveConfig withBudgetNs(long ns) {
        return new LiveConfig(workload, memory, registry, spec, mode, ns, record, queueCapacity, slabBytes, maxSlabs, producerThreads);
    }

    /** This config with at most {@code perNode} producer threads per node (0 = the default). */
    public LiveConfig withProducerThreads(int perNode) {
        return new LiveConfig(workload, memory, registry, spec, mode, budgetNs, record, queueCapacity, slabBytes, maxSlabs,
                perNode);
    }

    /** This config with other bounds for queues and pools. */
    public LiveConfig withBounds(int queue, long slab, int slabs) {
        return new LiveConfig(workload, memory, registry, spec, mode, budgetNs, record, queue, slab, slabs, producerThreads);
    }
}
