package org.numabias.runtime.contract;

/** The predictor contract for built-in {@code majority:key=queue,weight=bytes}. */
class MajorityKeyQueueWeightBytesContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "majority:key=queue,weight=bytes";
    }
}
