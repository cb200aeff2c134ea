package org.numabias.sweeps;

import java.util.List;

/** Log levels for the libraries a sweep uses (Spark, Hadoop, Netty, Parquet), set before they log. */
public final class Logs {
    private Logs() {
    }

    /**
     * Spark and Hadoop log at INFO through whatever SLF4J provider is present; a sweep wants their
     * warnings only. Levels the user set ({@code -Dorg.slf4j.simpleLogger.log.NAME}) are kept.
     */
    public static void quietLibraries() {
        for (String logger : List.of("org.apache.spark", "org.apache.hadoop", "org.sparkproject", "io.netty",
                "org.apache.parquet", "org.apache.spark.util.Utils", "org.apache.hadoop.util.NativeCodeLoader")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                // the loopback-address and native-library notices are expected here and say nothing actionable
                System.setProperty(key, logger.contains("Utils") || logger.contains("Native") ? "error" : "warn");
            }
        }
    }
}
