package org.numabias.runtime.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.numabias.api.AllocationContext;
import org.numabias.api.AllocationPredictor;
import org.numabias.api.ConsumptionFeedback;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorConfig;
import org.numabias.api.PredictorProvider;
import org.numabias.api.PredictorRegistry;
import org.numabias.api.Spi;
import org.numabias.api.Topology;

/** The contract kit fails on deliberately wrong predictors: each property can fail. */
class PredictorContractSelfTest {
    /** A provider named {@code name} whose predictors answer {@code predict(ctx)} and learn nothing. */
    private static PredictorProvider provider(String name, Function<AllocationContext, Integer> predict) {
        return new PredictorProvider() {
            @Override public int spiVersion() { return Spi.VERSION; }
            @Override public String name() { return name; }
            @Override public String description() { return "a wrong predictor for the kit's self-test"; }
            @Override public List<ParameterSpec> parameters() { return List.of(); }

            @Override
            public AllocationPredictor create(PredictorConfig config, Topology topology) {
                return new AllocationPredictor() {
                    @Override
                    public int predict(AllocationContext ctx) {
                        return predict.apply(ctx);
                    }

                    @Override
                    public void onConsumption(ConsumptionFeedback fb) {
                        // learns nothing
                    }
                };
            }
        };
    }

    /** The kit against the predictor of {@code provider}, with a few examples per property. */
    private static PredictorContract kit(PredictorProvider provider) {
        PredictorRegistry registry = PredictorRegistry.builtIn().add(provider, "self-test");
        return new PredictorContract() {
            @Override
            protected String spec() {
                return provider.name();
            }

            @Override
            protected PredictorRegistry registry() {
                return registry;
            }

            @Override
            protected int examples() {
                return 20;
            }
        };
    }

    @Test
    void aNodeOutOfRangeIsCaught() {
        PredictorContract kit = kit(provider("wild", ctx -> ctx.topology().nodes()));
        assertThrows(AssertionError.class, kit::predictionsInRangeWithoutExceptions);
    }

    @Test
    void aPredictorThatThrowsIsCaught() {
        PredictorContract kit = kit(provider("thrower", ctx -> {
            throw new IllegalStateException("boom");
        }));
        assertThrows(Throwable.class, kit::predictionsInRangeWithoutExceptions);
    }

    @Test
    void aPredictorThatDependsOnMoreThanTheTraceIsCaught() {
        AtomicInteger calls = new AtomicInteger(); // shared by every instance: a second run sees other values
        PredictorContract kit = kit(provider("moody", ctx -> calls.getAndIncrement() % ctx.topology().nodes()));
        assertThrows(AssertionError.class, kit::deterministic);
    }

    @Test
    void aPredictorThatAllocatesOnEveryCallIsCaught() {
        List<Object> kept = new java.util.ArrayList<>();
        PredictorContract kit = kit(provider("allocating", ctx -> {
            kept.add(new long[4]);
            if (kept.size() > 1000) {
                kept.clear();
            }
            return ctx.node();
        }));
        assertThrows(AssertionError.class, kit::warmHotPathDoesNotAllocate);
    }
}
