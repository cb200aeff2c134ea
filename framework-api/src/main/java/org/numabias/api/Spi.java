package org.numabias.api;

/** The version of the predictor SPI ({@link AllocationPredictor}, {@link PredictorProvider}). */
public final class Spi {
    /**
     * Incremented on an incompatible change to the SPI. A provider whose
     * {@link PredictorProvider#spiVersion()} differs is skipped with a message naming both versions.
     */
    public static final int VERSION = 1;

    private Spi() {
    }
}
