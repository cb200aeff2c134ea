package org.numabias.tools.cli;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.numabias.api.PredictorRegistry;
import picocli.CommandLine.Option;

/**
 * {@code --plugin-path}, shared by every command that takes predictors. Entries from the option come
 * after those of the environment variable {@value #ENV} (a {@code :}-separated list).
 */
final class PluginOptions {
    static final String ENV = "NUMABIAS_PLUGIN_PATH";

    /** Where environment variables come from; tests replace it. */
    static java.util.function.UnaryOperator<String> environment = System::getenv;

    @Option(names = "--plugin-path", paramLabel = "DIR_OR_JAR",
            description = "Load predictor plugins from this jar, or from every *.jar in this folder (repeatable; "
                    + "also the " + ENV + " variable, a ':'-separated list).")
    List<Path> pluginPath = new ArrayList<>();

    /** The registry of built-in and plugin predictors; problems are reported on {@code err}. */
    PredictorRegistry registry(PrintWriter err) {
        List<Path> path = new ArrayList<>();
        String env = environment.apply(ENV);
        if (env != null && !env.isBlank()) {
            for (String entry : env.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    path.add(Path.of(entry.trim()));
                }
            }
        }
        path.addAll(pluginPath);
        PredictorRegistry registry = PredictorRegistry.withPlugins(path);
        for (String problem : registry.problems()) {
            err.println("numabias: plugin skipped: " + problem);
        }
        err.flush();
        return registry;
    }
}
