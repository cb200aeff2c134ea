package org.numabias.tribuo.model;

import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.numabias.api.ConfigurationException;
import org.numabias.api.KeyMode;
import org.numabias.runtime.store.TempFiles;
import org.numabias.tribuo.features.FeatureSet;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.protos.core.ModelProto;

/**
 * Model files: Tribuo's protobuf format ({@code Model.serializeToFile}) with numabias's provenance in
 * the model's instance provenance, under the {@value #PREFIX} keys: {@code featureVersion},
 * {@code key}, {@code history} (the {@link FeatureSet}), {@code traceDigest}, {@code trace},
 * {@code until}, {@code untilIndex}, {@code nodes} (absent from models written before it), {@code examples},
 * {@code trainer}, {@code seed}. The trainer's own
 * parameters are in Tribuo's trainer provenance.
 *
 * <p>Loading is defensive, since a model file may come from anywhere: a Java-serialised file is
 * refused without being read (Java deserialisation of untrusted data can run code), and so is a model
 * of any class but the two numabias compiles, one without numabias provenance, or one trained on
 * another feature-set version. Every error names the file.
 */
public final class ModelFile {
    /** Prefix of numabias's instance-provenance keys. */
    public static final String PREFIX = "numabias.";

    private static final Set<String> RUNNABLE = Set.of(
            "org.tribuo.classification.sgd.linear.LinearSGDModel", "org.tribuo.common.tree.TreeModel");

    private ModelFile() {
    }

    /** numabias's provenance entries (unprefixed keys) for a model of {@code features}: the feature set, then {@code entries}. */
    public static Map<String, String> entries(FeatureSet features, Map<String, String> entries) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("featureVersion", Integer.toString(FeatureSet.VERSION));
        all.put("key", features.key().name().toLowerCase(java.util.Locale.ROOT));
        all.put("history", Integer.toString(features.history()));
        all.putAll(entries);
        return all;
    }

    /** The entries as Tribuo instance provenance (keys prefixed with {@value #PREFIX}), for {@code Trainer.train}. */
    public static Map<String, Provenance> provenance(Map<String, String> entries) {
        Map<String, Provenance> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> out.put(PREFIX + k, new StringProvenance(PREFIX + k, v)));
        return out;
    }

    /**
     * Writes {@code model} to {@code path} in Tribuo's protobuf format, under a temporary name beside it
     * first and then moved into place: a failed write never leaves a partial model under that name. The file
     * gets the user's usual permissions (0666 less the umask), not owner-only: a model holds no secret.
     */
    public static void save(Model<Label> model, Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        Path tmp = TempFiles.beside(absolute); // 0666 less the umask, as a file written directly
        try {
            model.serializeToFile(tmp);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            TempFiles.delete(tmp); // nothing left after the move; settles it
        }
    }

    /**
     * Reads a model written by {@code numabias train}.
     *
     * @throws ConfigurationException naming the file when it is missing, not a Tribuo protobuf
     *                                model, Java-serialised, of a class numabias does not run, not
     *                                a classifier, or trained on another feature-set version
     */
    public static TrainedModel load(Path path) {
        ModelProto proto;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            in.mark(2);
            if (in.read() == 0xAC && in.read() == 0xED) {
                throw error(path, "is a Java-serialised object stream; numabias never Java-deserialises a model "
                        + "(that can run code from the file): write models with 'numabias train' or "
                        + "Model.serializeToFile (protobuf)");
            }
            in.reset();
            proto = ModelProto.parseFrom(in);
        } catch (NoSuchFileException e) {
            throw error(path, "no such model file");
        } catch (InvalidProtocolBufferException e) {
            throw error(path, "is not a Tribuo protobuf model (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw error(path, "cannot be read: " + e.getMessage());
        }
        if (proto.getClassName().isEmpty()) {
            throw error(path, "is not a Tribuo protobuf model (no model class)");
        }
        if (!RUNNABLE.contains(proto.getClassName())) {
            throw error(path, "holds a model of class '" + proto.getClassName() + "'; numabias runs "
                    + String.join(" and ", RUNNABLE.stream().sorted().toList()) + " classifiers");
        }
        Model<?> raw;
        try {
            raw = Model.deserialize(proto);
        } catch (RuntimeException e) {
            throw error(path, "is not a valid Tribuo model: " + e);
        }
        if (!raw.validate(Label.class)) {
            throw error(path, "is not a classifier (its outputs are not labels)");
        }
        @SuppressWarnings("unchecked") // checked by validate(Label.class) just above
        Model<Label> model = (Model<Label>) raw;
        Map<String, String> provenance = new LinkedHashMap<>();
        model.getProvenance().getInstanceProvenance().getMap().forEach((k, v) -> {
            if (k.startsWith(PREFIX) && v instanceof StringProvenance s) {
                provenance.put(k.substring(PREFIX.length()), s.getValue());
            }
        });
        String version = provenance.get("featureVersion");
        if (version == null) {
            throw error(path, "has no numabias feature-set version in its provenance: it was not written by "
                    + "'numabias train'");
        }
        if (!version.equals(Integer.toString(FeatureSet.VERSION))) {
            throw error(path, "was trained on feature-set version " + version + "; this numabias computes version "
                    + FeatureSet.VERSION + ": retrain it with 'numabias train'");
        }
        FeatureSet features;
        try {
            features = new FeatureSet(KeyMode.parse(provenance.getOrDefault("key", "?")),
                    Integer.parseInt(provenance.getOrDefault("history", "?")));
        } catch (NumberFormatException | ConfigurationException e) {
            throw error(path, "has a malformed feature set in its provenance: key=" + provenance.get("key")
                    + ", history=" + provenance.get("history"));
        }
        return new TrainedModel(model, features, provenance);
    }

    private static ConfigurationException error(Path path, String message) {
        return new ConfigurationException("model " + path + ": " + message);
    }
}
