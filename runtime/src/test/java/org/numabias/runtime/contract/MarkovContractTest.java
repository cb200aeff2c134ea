package org.numabias.runtime.contract;

/** The predictor contract for built-in {@code markov}. */
class MarkovContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "markov";
    }
}
