package org.numabias.api;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Finds {@link PredictorProvider}s with {@link ServiceLoader} (on the class path, then in each
 * plugin jar in a class loader of its own) and creates predictors from specs. Discovery survives
 * bad plugins: a jar that cannot be opened, a provider that cannot be loaded or throws, one built
 * for another SPI version, one that gives no description or parameter list (null), or one whose name
 * is invalid or taken, is recorded in {@link #problems()} with its origin and the reason, and skipped;
 * the others still load.
 */
public final class PredictorRegistry {
    /** The origin of providers found on the class path. */
    public static final String BUILT_IN = "built-in";
    /** How long a provider's {@code create} may take before its predictor counts as failed to start. */
    public static final Duration START_LIMIT = Duration.ofSeconds(60);

    /** A provider and where it came from ({@link #BUILT_IN} or a jar path). */
    public record Entry(PredictorProvider provider, String origin) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private PredictorRegistry() {
    }

    /** The providers on this class loader's class path. */
    public static PredictorRegistry builtIn() {
        return withPlugins(List.of());
    }

    /**
     * The built-in providers plus those in {@code pluginPath}: jars, or folders whose {@code *.jar}
     * files are each loaded in their own class loader, in name order.
     */
    public static PredictorRegistry withPlugins(List<Path> pluginPath) {
        PredictorRegistry registry = new PredictorRegistry();
        ClassLoader base = PredictorRegistry.class.getClassLoader();
        registry.discover(base, BUILT_IN, null);
        for (Path entry : pluginPath) {
            for (Path jar : registry.jarsIn(entry)) {
                registry.loadJar(jar, base);
            }
        }
        return registry;
    }

    private List<Path> jarsIn(Path entry) {
        if (Files.isDirectory(entry)) {
            try (Stream<Path> files = Files.list(entry)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                problems.add(entry + ": cannot list plugin folder: " + e.getMessage());
                return List.of();
            }
        }
        if (!Files.isRegularFile(entry)) {
            problems.add(entry + ": no such plugin jar or folder");
            return List.of();
        }
        return List.of(entry);
    }

    private void loadJar(Path jar, ClassLoader parent) {
        try (java.util.jar.JarFile check = new java.util.jar.JarFile(jar.toFile())) {
            check.size(); // opened: a readable jar (zip) file
        } catch (IOException | SecurityException e) {
            problems.add(jar + ": not a readable jar file (corrupt, truncated or not a jar at all): " + e.getMessage());
            return;
        }
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            problems.add(jar + ": " + e.getMessage());
            return;
        }
        // The loader stays open for as long as the process may create predictors from it.
        URLClassLoader loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[]{url}, parent);
        int before = entries.size();
        discover(loader, jar.toString(), loader);
        if (entries.size() == before && problems.stream().noneMatch(p -> p.startsWith(jar.toString()))) {
            problems.add(jar + ": no " + PredictorProvider.class.getName() + " registered in META-INF/services");
        }
    }

    /** Loads providers; with {@code only} set, keeps those whose class that loader defined. */
    private void discover(ClassLoader loader, String origin, ClassLoader only) {
        Iterator<PredictorProvider> it = ServiceLoader.load(PredictorProvider.class, loader).iterator();
        while (true) {
            PredictorProvider provider;
            try {
                if (!it.hasNext()) {
                    return;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(origin + ": provider failed to load: " + rootMessage(e));
                continue;
            }
            if (only != null && provider.getClass().getClassLoader() != only) {
                continue;
            }
            register(provider, origin);
        }
    }

    /**
     * Adds a provider defined in code (a notebook cell, a test), with the same checks as discovery:
     * SPI version, a valid name, and no shadowing of an existing name.
     *
     * @return this registry
     * @throws ConfigurationException if the provider is rejected; the message says why
     */
    public PredictorRegistry add(PredictorProvider provider, String origin) {
        int before = problems.size();
        register(provider, origin);
        if (problems.size() > before) {
            throw new ConfigurationException(problems.removeLast());
        }
        return this;
    }

    private void register(PredictorProvider provider, String origin) {
        String cls = provider.getClass().getName();
        String name;
        try {
            int version = provider.spiVersion();
            if (version != Spi.VERSION) {
                problems.add(origin + ": " + cls + " was built for SPI version " + version
                        + "; this numabias needs SPI version " + Spi.VERSION + ": rebuild it against this framework-api");
                return;
            }
            name = provider.name();
            String wrong = provider.description() == null ? "gives no description (description() returned null)"
                    : provider.parameters() == null ? "gives no parameter list (parameters() returned null; List.of() means none)"
                    : provider.parameters().stream().anyMatch(java.util.Objects::isNull) ? "lists null as a parameter"
                    : null;
            if (wrong != null) {
                problems.add(origin + ": " + cls + " " + wrong);
                return;
            }
        } catch (RuntimeException | LinkageError e) {
            problems.add(origin + ": " + cls + " failed to describe itself: " + rootMessage(e));
            return;
        }
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]*")) {
            problems.add(origin + ": " + cls + " has an invalid name '" + name + "' (use lower case, digits, '-', '.', '_')");
            return;
        }
        Entry existing = entries.get(name);
        if (existing != null) {
            problems.add(origin + ": " + cls + " is named '" + name + "', which " + existing.origin()
                    + " already provides; skipped (names cannot be shadowed)");
            return;
        }
        entries.put(name, new Entry(provider, origin));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String own = e.getClass().getSimpleName() + ": " + e.getMessage();
        return t == e ? own : own + " (caused by " + t.getClass().getSimpleName() + ": " + t.getMessage() + ")";
    }

    /** Every provider, built-ins first, in discovery order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The names of every provider, in discovery order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The provider with this name, or null. */
    public Entry find(String name) {
        return entries.get(name);
    }

    /** What went wrong during discovery, one line per problem, each naming its origin. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /**
     * Creates a predictor from a spec {@code name[:k=v,...]}, its provider given {@link #START_LIMIT}.
     *
     * @throws ConfigurationException  for an unknown name (listing the known ones), an unknown
     *                                 parameter or a bad value
     * @throws PredictorStartException when the provider itself fails (throws, returns null, or has
     *                                 not returned within the limit)
     */
    public ConfiguredPredictor create(String spec, Topology topology) {
        return create(spec, topology, START_LIMIT);
    }

    /**
     * {@link #create(String, Topology)} with the provider's {@code create} given {@code startLimit}: it
     * runs on a thread of its own (with this thread's context class loader), and one that has not
     * returned by then is left behind (a daemon thread; Java cannot stop it) and its predictor counts
     * as failed to start, so that a provider that never returns cannot hold up the others.
     */
    public ConfiguredPredictor create(String spec, Topology topology, Duration startLimit) {
        PredictorSpec parsed = PredictorSpec.parse(spec);
        Entry entry = entries.get(parsed.name());
        if (entry == null) {
            String several = parsed.name().contains(",") ? " (several predictors are several specs, one each; a comma "
                    + "separates a spec's parameters, after its ':')" : "";
            throw new ConfigurationException("unknown predictor '" + parsed.name() + "'; known: "
                    + String.join(", ", entries.keySet()) + several);
        }
        PredictorProvider provider = entry.provider();
        PredictorConfig config = PredictorConfig.of(parsed.name(), provider.parameters(), parsed.params());
        AllocationPredictor predictor;
        try {
            predictor = createWithin(provider, config, topology, startLimit);
        } catch (TimeoutException e) {
            throw new PredictorStartException("predictor '" + parsed.name() + "' (" + entry.origin()
                    + ") failed to start: its create() had not returned after " + startLimit.toSeconds() + " s",
                    parsed.toString(), parsed.name(), config.values(), entry.origin());
        } catch (ConfigurationException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new PredictorStartException("predictor '" + parsed.name() + "' (" + entry.origin()
                    + ") failed to start: " + rootMessage(e), parsed.toString(), parsed.name(), config.values(), entry.origin());
        }
        if (predictor == null) {
            throw new PredictorStartException("predictor '" + parsed.name() + "' (" + entry.origin() + ") created null",
                    parsed.toString(), parsed.name(), config.values(), entry.origin());
        }
        return new ConfiguredPredictor(parsed.toString(), parsed.name(), config.values(), predictor, entry.origin());
    }

    /**
     * {@code provider.create} on a daemon thread of its own, waited for at most {@code limit}. What it throws is
     * rethrown as it was, but for errors other than the JVM's own and linkage errors (an
     * {@link AssertionError}, say) and checked exceptions thrown sneakily, which come wrapped in an
     * {@link IllegalStateException}: a failure to start, like any exception.
     */
    private static AllocationPredictor createWithin(PredictorProvider provider, PredictorConfig config, Topology topology,
                                                    Duration limit) throws TimeoutException {
        FutureTask<AllocationPredictor> task = new FutureTask<>(() -> provider.create(config, topology));
        Thread thread = Thread.ofPlatform().daemon().name("numabias-create-" + config.predictor()).unstarted(task);
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        thread.start();
        try {
            return task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof VirtualMachineError || cause instanceof LinkageError) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            throw new IllegalStateException("interrupted while predictor '" + config.predictor() + "' started", e);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw e;
        }
    }
}
