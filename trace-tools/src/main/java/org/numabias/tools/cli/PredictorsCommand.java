package org.numabias.tools.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.numabias.api.ParameterSpec;
import org.numabias.api.PredictorRegistry;
import org.numabias.runtime.replay.ReplayJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code numabias predictors}: every predictor with its description, parameters, defaults and origin. */
@Command(name = "predictors", mixinStandardHelpOptions = true,
        description = "List every predictor (built-in and plugins) with its parameters and defaults.")
final class PredictorsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    /** Output formats of listing commands. */
    enum OutputFormat { table, json }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PredictorRegistry registry = plugins.registry(spec.commandLine().getErr());
        if (format == OutputFormat.json) {
            List<Object> list = new ArrayList<>();
            for (PredictorRegistry.Entry e : registry.entries()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", e.provider().name());
                m.put("description", e.provider().description());
                m.put("origin", e.origin());
                m.put("spiVersion", e.provider().spiVersion());
                List<Object> params = new ArrayList<>();
                for (ParameterSpec p : e.provider().parameters()) {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("name", p.name());
                    pm.put("default", p.defaultValue());
                    pm.put("description", p.description());
                    pm.put("choices", p.choices());
                    params.add(pm);
                }
                m.put("parameters", params);
                list.add(m);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("predictors", list);
            root.put("problems", registry.problems());
            out.print(ReplayJson.write(root));
        } else {
            for (PredictorRegistry.Entry e : registry.entries()) {
                out.printf("%-16s %s%s%n", e.provider().name(), e.provider().description(),
                        e.origin().equals(PredictorRegistry.BUILT_IN) ? "" : "  [plugin: " + e.origin() + "]");
                for (ParameterSpec p : e.provider().parameters()) {
                    String choices = p.choices().isEmpty() ? "" : " (" + String.join("|", p.choices()) + ")";
                    out.printf("%-16s   %s=%s%s  %s%n", "", p.name(), p.defaultValue(), choices, p.description());
                }
            }
            out.println();
            out.println("Use a predictor as -p NAME or -p NAME:k=v,k=v, e.g. -p ewma:alpha=0.5,key=flow");
        }
        out.flush();
        return 0;
    }
}
