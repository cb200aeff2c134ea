package org.numabias.runtime.contract;

/** The predictor contract for built-in {@code markov:order=3,key=queue}. */
class MarkovOrder3KeyQueueContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "markov:order=3,key=queue";
    }
}
