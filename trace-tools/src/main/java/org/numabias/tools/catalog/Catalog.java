package org.numabias.tools.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.numabias.api.ConfigurationException;
import org.numabias.api.ParameterSpec;
import org.numabias.datasets.Scenario;
import org.numabias.datasets.Scenarios;

/** The datasets {@code numabias datasets} and {@code numabias demo} know: scenarios, then recorded traces. */
public final class Catalog {
    private Catalog() {
    }

    /** Every dataset, scenarios first. */
    public static List<Dataset> all() {
        List<Dataset> all = new ArrayList<>();
        for (Scenario s : Scenarios.all()) {
            all.add(scenario(s));
        }
        all.addAll(RecordedTraces.all());
        return all;
    }

    /** The dataset called {@code name}, or an error listing the known names. */
    public static Dataset byName(String name) {
        return all().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() ->
                new ConfigurationException("unknown dataset '" + name + "'; known: "
                        + String.join(", ", all().stream().map(Dataset::name).toList())));
    }

    private static Dataset scenario(Scenario s) {
        return new Dataset() {
            @Override
            public String name() {
                return s.name();
            }

            @Override
            public String kind() {
                return "scenario";
            }

            @Override
            public String summary() {
                return s.summary();
            }

            @Override
            public String documentation() {
                StringBuilder sb = new StringBuilder(s.documentation()).append("\n\nExpected winner: ")
                        .append(s.expectedWinner()).append(" (beats ").append(String.join(", ", s.beats()))
                        .append(" by >= ").append(s.margin()).append(" localByteRatio)\n\nParameters (--param k=v):\n");
                for (ParameterSpec p : s.parameters()) {
                    sb.append(String.format("  %-11s default %-7s %s%n", p.name(), p.defaultValue(), p.description()));
                }
                return sb.toString();
            }

            @Override
            public Opened open(long seed) {
                return Opened.of(s.generate(seed, Map.of()), () -> {
                    // generated on each read: nothing else held
                });
            }
        };
    }
}
