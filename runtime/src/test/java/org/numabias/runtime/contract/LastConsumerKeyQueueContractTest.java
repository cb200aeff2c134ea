package org.numabias.runtime.contract;

/** The predictor contract for built-in {@code last-consumer:key=queue}. */
class LastConsumerKeyQueueContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "last-consumer:key=queue";
    }
}
