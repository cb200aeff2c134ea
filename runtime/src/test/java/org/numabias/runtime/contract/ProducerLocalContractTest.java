package org.numabias.runtime.contract;

/** The predictor contract for built-in {@code producer-local}. */
class ProducerLocalContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "producer-local";
    }
}
