package org.numabias.live.loop;

import java.util.List;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Spi;
import org.numabias.api.Topology;

/** Faulty predictors for live tests: one that always throws, one that takes 2 ms per predict. */
final class TestPredictors {
    private TestPredictors() {
    }

    /**
     * The built-ins plus {@code throwing}, {@code slow}, {@code stuck} (its first call never returns) and
     * {@code rotating} (each device's allocations go to nodes 0, 1, 2, ... in turn: every call changes its
     * state, so a live run and its replay agree only if the trace holds every call).
     */
    static PredictorRegistry registry() {
        return PredictorRegistry.builtIn()
                .add(provider("rotating", () -> new AllocationPredictor() {
                    private final java.util.Map<Integer, Integer> calls = new java.util.HashMap<>();

                    @Override
                    public int predict(AllocationContext ctx) {
                        return calls.merge(ctx.device(), 1, Integer::sum) % ctx.topology().nodes();
                    }

                    @Override
                    public void onConsumption(ConsumptionFeedback fb) {
                        // learns nothing
                    }
                }), "test")
                .add(provider("throwing", () -> new AllocationPredictor() {
                    @Override
                    public int predict(AllocationContext ctx) {
                        throw new IllegalStateException("broken on purpose");
                    }

                    @Override
                    public void onConsumption(ConsumptionFeedback fb) {
                        throw new IllegalStateException("broken on purpose");
                    }
                }), "test")
                .add(provider("slow", () -> new AllocationPredictor() {
                    @Override
                    public int predict(AllocationContext ctx) {
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return ctx.topology().nodes() - 1;
                    }

                    @Override
                    public void onConsumption(ConsumptionFeedback fb) {
                        // learns nothing
                    }
                }), "test")
                .add(provider("stuck", () -> new AllocationPredictor() {
                    @Override
                    public int predict(AllocationContext ctx) {
                        while (true) { // a call that never returns, parked so that it costs no CPU
                            java.util.concurrent.locks.LockSupport.park(this);
                        }
                    }

                    @Override
                    public void onConsumption(ConsumptionFeedback fb) {
                        // never reached
                    }
                }), "test");
    }

    private static PredictorProvider provider(String name, java.util.function.Supplier<AllocationPredictor> make) {
        return new PredictorProvider() {
            @Override
            public int spiVersion() {
                return Spi.VERSION;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "test predictor " + name;
            }

            @Override
            public List<ParameterSpec> parameters() {
                return List.of();
            }

            @Override
            public AllocationPredictor create(PredictorConfig config, Topology topology) {
                return make.get();
            }
        };
    }
}
