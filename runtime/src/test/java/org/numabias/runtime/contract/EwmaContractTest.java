package org.numabias.runtime.contract;

/** The predictor contract for built-in {@code ewma}. */
class EwmaContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "ewma";
    }
}
