package org.numabias.runtime.contract;

/** The predictor contract for built-in {@code last-consumer}. */
class LastConsumerContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "last-consumer";
    }
}
