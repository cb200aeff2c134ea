package org.numabias.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The framework's version, from the build, for provenance. */
public final class Version {
    /** The Maven project version of this build, or {@code unknown}. */
    public static final String FRAMEWORK = load();

    private Version() {
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
