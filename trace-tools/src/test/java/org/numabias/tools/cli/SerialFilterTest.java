package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JVM-wide deserialisation filter the CLI installs rejects every class: proven in a child JVM
 * (a JVM-wide filter can be set once), which deserialises a harmless list before and after.
 */
class SerialFilterTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theCliRejectsJavaDeserialisationJvmWide() throws Exception {
        Process p = new ProcessBuilder(ChildJvm.command(Probe.class)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("before: read [gadget]\nafter: REJECTED", out);
    }

    /** Deserialises a list, installs the CLI's filter as {@code numabias compare} would, and tries again. */
    public static final class Probe {
        public static void main(String[] args) throws IOException, ClassNotFoundException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
                o.writeObject(new ArrayList<>(List.of("gadget")));
            }
            System.out.println("before: read " + read(bytes.toByteArray()));
            SerialFilter.install(new String[]{"compare"});
            try {
                System.out.println("after: read " + read(bytes.toByteArray()));
            } catch (InvalidClassException e) {
                System.out.println("after: " + (e.getMessage().contains("REJECTED") ? "REJECTED" : e.getMessage()));
            }
        }

        private static Object read(byte[] data) throws IOException, ClassNotFoundException {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
                return in.readObject();
            }
        }
    }
}
