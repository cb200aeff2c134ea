package org.numabias.tribuo.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.numabias.api.ConfigurationException;

/**
 * Jazzer fuzz test of model files (what {@code tribuo:model=PATH} loads, from anywhere): each input
 * must load as a runnable model or be refused with a {@link ConfigurationException} naming the file;
 * anything else (a Tribuo internal error escaping, an out-of-memory) is a finding. CI runs it in
 * regression mode over the committed seeds ({@code
 * src/test/resources/org/numabias/tribuo/model/ModelFileFuzzTestInputs/modelFile/}: a logistic model
 * 'numabias train' wrote, a truncated one, a Java-serialised stream); fuzz for longer with
 * {@code JAZZER_FUZZ=1 ./numabias mvn -pl predictors-tribuo -am test -Dtest=ModelFileFuzzTest -Djazzer.max_duration=10m}.
 */
class ModelFileFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("numabias-model-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model file: a model with its numabias feature set, or a refusal naming the file. */
    @FuzzTest
    void modelFile(byte[] data) throws IOException {
        Path file = DIR.resolve("fuzz.model");
        Files.write(file, data);
        try {
            TrainedModel m = ModelFile.load(file);
            if (m.features() == null) {
                throw new AssertionError("a model without a feature set was accepted");
            }
        } catch (ConfigurationException e) {
            if (!e.getMessage().startsWith("model " + file + ": ")) {
                throw new AssertionError("the refusal does not name the file: " + e.getMessage(), e);
            }
        }
    }
}
