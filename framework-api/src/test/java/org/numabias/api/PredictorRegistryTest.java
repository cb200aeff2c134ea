package org.numabias.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry: providers added in code, specs turned into configured predictors, and every refusal said plainly. */
class PredictorRegistryTest {
    @TempDir
    Path tmp;

    private static final AllocationPredictor ZERO = new AllocationPredictor() {
        @Override
        public int predict(AllocationContext ctx) {
            return 0;
        }

        @Override
        public void onConsumption(ConsumptionFeedback fb) {
            // learns nothing
        }
    };

    private static PredictorProvider provider(String name, int spi, List<ParameterSpec> params,
                                              BiFunction<PredictorConfig, Topology, AllocationPredictor> create) {
        return new PredictorProvider() {
            @Override public int spiVersion() { return spi; }
            @Override public String name() { return name; }
            @Override public String description() { return "test " + name; }
            @Override public List<ParameterSpec> parameters() { return params; }

            @Override
            public AllocationPredictor create(PredictorConfig config, Topology topology) {
                return create.apply(config, topology);
            }
        };
    }

    private static String refusal(PredictorRegistry r, PredictorProvider p) {
        return assertThrows(ConfigurationException.class, () -> r.add(p, "test")).getMessage();
    }

    @Test
    void aProviderAddedInCodeCreatesConfiguredPredictors() {
        PredictorRegistry r = PredictorRegistry.builtIn();
        assertEquals(List.of(), r.names(), "no provider on framework-api's own class path");
        PredictorProvider p = provider("zero", Spi.VERSION, List.of(ParameterSpec.key(), ParameterSpec.of("n", "3", "a number")),
                (c, t) -> {
                    assertEquals("zero", c.predictor());
                    return ZERO;
                });
        assertSame(r, r.add(p, "notebook"));
        assertEquals(List.of("zero"), r.names());
        assertEquals(new PredictorRegistry.Entry(p, "notebook"), r.find("zero"));
        assertEquals(List.of(new PredictorRegistry.Entry(p, "notebook")), r.entries());
        assertNull(r.find("other"));

        ConfiguredPredictor c = r.create("zero:key=flow", Topology.uniform(2, "t"));
        assertEquals("zero:key=flow", c.label());
        assertEquals("zero", c.name());
        assertEquals(Map.of("key", "flow", "n", "3"), c.params());
        assertSame(ZERO, c.predictor());
        assertEquals("notebook", c.origin());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void badProvidersAreRefusedWithTheReason() {
        PredictorRegistry r = PredictorRegistry.builtIn();
        r.add(provider("taken", Spi.VERSION, List.of(), (c, t) -> ZERO), "first");
        assertTrue(refusal(r, provider("old", 0, List.of(), (c, t) -> ZERO))
                .contains("was built for SPI version 0; this numabias needs SPI version " + Spi.VERSION));
        assertTrue(refusal(r, provider("Bad Name", Spi.VERSION, List.of(), (c, t) -> ZERO))
                .contains("has an invalid name 'Bad Name'"));
        assertTrue(refusal(r, provider(null, Spi.VERSION, List.of(), (c, t) -> ZERO)).contains("has an invalid name 'null'"));
        assertTrue(refusal(r, provider("taken", Spi.VERSION, List.of(), (c, t) -> ZERO))
                .contains("is named 'taken', which first already provides"));
        PredictorProvider broken = new PredictorProvider() {
            @Override public int spiVersion() { return Spi.VERSION; }
            @Override public String name() { return "broken"; }
            @Override public String description() { throw new IllegalStateException("no text", new IOException("disk")); }
            @Override public List<ParameterSpec> parameters() { return List.of(); }
            @Override public AllocationPredictor create(PredictorConfig config, Topology topology) { return ZERO; }
        };
        assertTrue(refusal(r, broken).endsWith("failed to describe itself: IllegalStateException: no text "
                + "(caused by IOException: disk)"), refusal(r, broken));
        assertTrue(refusal(r, provider("nulls", Spi.VERSION, null, (c, t) -> ZERO)).endsWith(
                "gives no parameter list (parameters() returned null; List.of() means none)"));
        assertTrue(refusal(r, provider("nulls", Spi.VERSION, java.util.Arrays.asList(ParameterSpec.key(), null),
                (c, t) -> ZERO)).endsWith("lists null as a parameter"));
        PredictorProvider mute = new PredictorProvider() {
            @Override public int spiVersion() { return Spi.VERSION; }
            @Override public String name() { return "mute"; }
            @Override public String description() { return null; }
            @Override public List<ParameterSpec> parameters() { return List.of(); }
            @Override public AllocationPredictor create(PredictorConfig config, Topology topology) { return ZERO; }
        };
        assertTrue(refusal(r, mute).endsWith("gives no description (description() returned null)"), refusal(r, mute));
        assertEquals(List.of("taken"), r.names());
        assertEquals(List.of(), r.problems(), "a refusal by add() is thrown, not kept");
    }

    @Test
    void specsThatCannotBeCreatedSayWhy() {
        PredictorRegistry r = PredictorRegistry.builtIn();
        r.add(provider("a", Spi.VERSION, List.of(ParameterSpec.key()), (c, t) -> ZERO), "t");
        r.add(provider("throws", Spi.VERSION, List.of(), (c, t) -> { throw new IllegalStateException("no model"); }), "jar");
        r.add(provider("nothing", Spi.VERSION, List.of(), (c, t) -> null), "jar");
        r.add(provider("picky", Spi.VERSION, List.of(ParameterSpec.of("n", "0", "n")), (c, t) -> {
            c.require(c.integer("n") > 0, "n", "positive");
            return ZERO;
        }), "t");
        Topology t = Topology.uniform(2, "t");
        assertEquals("unknown predictor 'b'; known: a, throws, nothing, picky",
                assertThrows(ConfigurationException.class, () -> r.create("b", t)).getMessage());
        assertEquals("unknown predictor 'a,picky'; known: a, throws, nothing, picky (several predictors are several "
                        + "specs, one each; a comma separates a spec's parameters, after its ':')",
                assertThrows(ConfigurationException.class, () -> r.create("a,picky", t)).getMessage());
        assertEquals("unknown parameter 'x' for predictor 'a'; accepted: key",
                assertThrows(ConfigurationException.class, () -> r.create("a:x=1", t)).getMessage());
        assertEquals("parameter 'key' of predictor 'a' must be one of device|queue|flow, got 'cpu'",
                assertThrows(ConfigurationException.class, () -> r.create("a:key=cpu", t)).getMessage());
        assertEquals("parameter 'n' of predictor 'picky' must be positive, got '0'",
                assertThrows(ConfigurationException.class, () -> r.create("picky", t)).getMessage());
        assertEquals("parameter 'n' of predictor 'picky' must be an integer, got 'x'",
                assertThrows(ConfigurationException.class, () -> r.create("picky:n=x", t)).getMessage());
        r.create("picky:n=2", t);

        PredictorStartException e = assertThrows(PredictorStartException.class, () -> r.create("throws", t));
        assertEquals("predictor 'throws' (jar) failed to start: IllegalStateException: no model", e.getMessage());
        ConfiguredPredictor placeholder = e.placeholder();
        assertEquals("throws", placeholder.label());
        assertEquals("jar", placeholder.origin());
        IllegalStateException call = assertThrows(IllegalStateException.class, () -> placeholder.predictor()
                .predict(new MutableAllocationContext(t)));
        assertEquals(e.getMessage(), call.getMessage());
        assertThrows(IllegalStateException.class, () -> placeholder.predictor().onConsumption(new MutableConsumptionFeedback()));
        assertEquals("predictor 'nothing' (jar) created null",
                assertThrows(PredictorStartException.class, () -> r.create("nothing", t)).getMessage());
    }

    /** A provider whose create() never returns, or throws an error, fails to start; the caller goes on. */
    @Test
    void aProviderThatDoesNotReturnInTimeOrThrowsAnErrorFailsToStart() {
        PredictorRegistry r = PredictorRegistry.builtIn();
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        String[] thread = new String[1];
        r.add(provider("stuck", Spi.VERSION, List.of(), (c, t) -> {
            thread[0] = Thread.currentThread().getName();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the registry gives up on it: it may end, or not
            }
            return ZERO;
        }), "jar");
        r.add(provider("asserts", Spi.VERSION, List.of(), (c, t) -> { throw new AssertionError("broken invariant"); }), "jar");
        r.add(provider("quick", Spi.VERSION, List.of(), (c, t) -> ZERO), "jar");
        Topology t = Topology.uniform(2, "t");

        PredictorStartException stuck = assertThrows(PredictorStartException.class,
                () -> r.create("stuck", t, java.time.Duration.ofMillis(200)));
        assertEquals("predictor 'stuck' (jar) failed to start: its create() had not returned after 0 s", stuck.getMessage());
        assertEquals("numabias-create-stuck", thread[0]);
        assertEquals("stuck", stuck.placeholder().label());
        assertTrue(assertThrows(PredictorStartException.class, () -> r.create("asserts", t)).getMessage()
                .startsWith("predictor 'asserts' (jar) failed to start: IllegalStateException: "
                        + "java.lang.AssertionError: broken invariant"));
        assertSame(ZERO, r.create("quick", t).predictor());
        assertEquals(java.time.Duration.ofSeconds(60), PredictorRegistry.START_LIMIT);
    }

    @Test
    void pluginPathProblemsNameTheirPath() throws IOException {
        Path garbage = Files.writeString(tmp.resolve("garbage.jar"), "not a zip");
        Path empty = tmp.resolve("empty.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(empty))) {
            out.putNextEntry(new java.util.jar.JarEntry("README"));
            out.write(1);
            out.closeEntry();
        }
        Files.writeString(tmp.resolve("notes.txt"), "ignored: not a jar");
        PredictorRegistry r = PredictorRegistry.withPlugins(List.of(tmp.resolve("missing"), tmp));
        List<String> problems = r.problems();
        assertEquals(3, problems.size(), problems.toString());
        assertEquals(tmp.resolve("missing") + ": no such plugin jar or folder", problems.get(0));
        assertTrue(problems.get(1).startsWith(empty + ": no org.numabias.api.PredictorProvider registered"), problems.get(1));
        assertTrue(problems.get(2).startsWith(garbage + ": not a readable jar file"), problems.get(2));
        assertThrows(UnsupportedOperationException.class, () -> problems.add("x"));
    }
}
