package org.numabias.tribuo;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.PredictorRegistry;
import org.numabias.runtime.contract.PredictorContract;
import org.numabias.tribuo.train.TrainerChoice;

/** numabias's predictor contract, run on tribuo with a small logistic-regression model. */
class TribuoLogisticContractTest extends PredictorContract {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void train() {
        model = Models.saved(Models.scenario("mix", 1, 4000), TrainerChoice.logistic, dir, "logistic.tribuo");
    }

    /** The contract's random traces have 1 to 5 nodes and are scored from event 0: see {@link Models#unguarded()}. */
    @Override
    protected PredictorRegistry registry() {
        return Models.unguarded();
    }

    @Override
    protected String spec() {
        return "tribuo-unguarded:model=" + model;
    }
}
