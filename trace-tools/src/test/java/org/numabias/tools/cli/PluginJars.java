package org.numabias.tools.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds small plugin jars in tests: compiles Java sources against the test class path and jars them. */
final class PluginJars {
    private PluginJars() {
    }

    /** A provider source in package {@code p} whose predictor body and provider details are given. */
    static String provider(String cls, String name, int spiVersion, String constructorBody, String predictBody) {
        return """
                package p;
                import java.util.List;
                import org.numabias.api.*;
                public final class %1$s implements PredictorProvider {
                    public %1$s() { %4$s }
                    @Override public int spiVersion() { return %3$d; }
                    @Override public String name() { return "%2$s"; }
                    @Override public String description() { return "test plugin %2$s"; }
                    @Override public List<ParameterSpec> parameters() { return List.of(); }
                    @Override public AllocationPredictor create(PredictorConfig c, Topology t) {
                        return new AllocationPredictor() {
                            private long calls;
                            @Override public int predict(AllocationContext ctx) { calls++; %5$s }
                            @Override public void onConsumption(ConsumptionFeedback fb) { }
                        };
                    }
                }
                """.formatted(cls, name, spiVersion, constructorBody, predictBody);
    }

    /** Compiles {@code sources} (simple class name in package p to source) into {@code jar} with a services file. */
    static Path jar(Path dir, String jarName, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve(jarName + "-src/p"));
        Path classes = Files.createDirectories(dir.resolve(jarName + "-classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey() + ".java");
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, args.toArray(new String[0])) != 0) {
            throw new IllegalStateException("test plugin did not compile");
        }
        Path jar = dir.resolve(jarName + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/org.numabias.api.PredictorProvider"));
            OutputStream o = out;
            for (String cls : sources.keySet()) {
                o.write(("p." + cls + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            out.closeEntry();
        }
        return jar;
    }
}
