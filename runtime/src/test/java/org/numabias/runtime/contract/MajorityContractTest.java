package org.numabias.runtime.contract;

/** The predictor contract for built-in {@code majority}. */
class MajorityContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "majority";
    }
}
