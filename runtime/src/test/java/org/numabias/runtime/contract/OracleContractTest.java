package org.numabias.runtime.contract;

/** The predictor contract for built-in {@code oracle}. */
class OracleContractTest extends PredictorContract {
    @Override
    protected String spec() {
        return "oracle";
    }
}
