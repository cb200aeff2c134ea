package org.numabias.sweeps.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.numabias.api.ConfigurationException;
import org.numabias.sweeps.ResultStore;
import org.numabias.sweeps.Sweep;
import org.numabias.sweeps.Summary;

/**
 * The entry point for {@code spark-submit} on a cluster: {@code EXPERIMENT RESULTS}. The master and
 * resources come from spark-submit (which ships its {@code --jars}); the experiment file and the results
 * folder are on the driver; plain trace paths must be readable at the same path on every executor. On a
 * cluster it waits at most {@code -Dnumabias.executorTimeout} seconds (default 120) for an executor.
 * Exit code 0 ok, 1 failed, 2 usage.
 */
public final class SparkSweepMain {
    private SparkSweepMain() {
    }

    /** Runs the sweep and exits. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        if (args.length != 2) {
            err.println("usage: spark-submit --class " + SparkSweepMain.class.getName() + " SWEEPS_JAR EXPERIMENT RESULTS");
            System.exit(2);
        }
        int code;
        try {
            Sweep.Plan plan = Sweep.plan(Path.of(args[0]));
            var claim = ResultStore.claim(Path.of(args[1]));
            try {
                ResultStore store = ResultStore.open(Path.of(args[1]), plan);
                long timeout = Long.getLong("numabias.executorTimeout", SparkEngine.EXECUTOR_TIMEOUT.toSeconds());
                SparkSession spark = SparkEngine.session(null, java.time.Duration.ofSeconds(timeout), err);
                Sweep.Outcome outcome;
                try {
                    outcome = Sweep.run(plan, store, new SparkEngine(spark), new Sweep.Progress(err, false));
                } finally {
                    spark.stop();
                }
                out.print(Summary.table(store.records(), plan.experiment().reportMetrics()));
                out.flush();
                outcome.failed().forEach(f -> err.println("sweep: failed: " + f));
                code = outcome.refused() > 0 ? 2 : outcome.failed().isEmpty() ? 0 : 1; // 2: the experiment must change
            } finally {
                claim.close();
            }
        } catch (ConfigurationException e) {
            err.println("sweep: error: " + e.getMessage());
            code = 1;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            err.println("sweep: error: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }
}
