package org.numabias.sweeps.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.numabias.api.ConfigurationException;
import org.numabias.sweeps.CellRecord;
import org.numabias.sweeps.Experiment;
import org.numabias.sweeps.ResultStore;
import org.numabias.sweeps.Summary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code numabias results}: a sweep's results folder read back without Python: the summary table (the
 * one {@code sweep} prints), or every cell as CSV or JSON with all its fields.
 */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = {"Print a sweep's results: the summary table (mean of each metric per configuration), or every "
                + "cell with all its fields as CSV or JSON (for spreadsheets, jq, R, ...).",
                "Reads the finished traces listed in RESULTS/" + ResultStore.MANIFEST + "; nothing is changed."})
public final class ResultsCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { table, csv, json }

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS", description = "A results folder written by 'numabias sweep'.")
    Path results;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table (the summary, default), csv or json (every cell, every field).")
    Format format;

    @Option(names = "--metrics", split = ",", paramLabel = "METRIC",
            description = "The table's metric columns (default: localByteRatio, accuracy, regret, capturedGain, kappa, ...; "
                    + "the same as a sweep without a report section).")
    List<String> metrics;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(results.resolve(ResultStore.MANIFEST))) {
            throw new ConfigurationException(results + ": no " + ResultStore.MANIFEST + " here: not a results folder of 'numabias sweep'");
        }
        if (metrics != null && format != Format.table) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--metrics: only with --format table (csv and json hold every field)");
        }
        List<String> columns = metrics == null ? Experiment.DEFAULT_METRICS : metrics;
        for (String m : columns) {
            if (!CellRecord.METRICS.contains(m)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--metrics: unknown metric '" + m + "'; known: " + String.join(", ", CellRecord.METRICS));
            }
        }
        List<CellRecord> records = ResultStore.read(results);
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case table -> out.print(Summary.table(records, columns));
            case csv -> {
                CsvMapper csv = new CsvMapper();
                CsvSchema schema = csv.schemaFor(CellRecord.class).withHeader().withArrayElementSeparator(";");
                out.print(csv.writer(schema).writeValueAsString(records));
            }
            case json -> out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(records));
        }
        out.flush();
        return 0;
    }
}
