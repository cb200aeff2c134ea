package org.numabias.sweeps.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the driver ships executors: Spark's closure is left out, duplicates and driver-only jars too. */
class ExecutorPayloadTest {
    @TempDir
    Path dir;

    /** A verbose tree where Spark reaches Jackson through an omitted duplicate whose children are listed elsewhere. */
    private static final String TREE = """
            org.numabias:sweeps:jar:0.1.0-SNAPSHOT
            +- org.numabias:runtime:jar:0.1.0-SNAPSHOT:compile
            |  \\- net.openhft:chronicle-queue:jar:2026.4:compile
            +- com.fasterxml.jackson.core:jackson-databind:jar:2.22.3:compile
            |  \\- com.fasterxml.jackson.core:jackson-core:jar:2.22.3:compile
            +- org.apache.spark:spark-sql_2.13:jar:4.2.0:compile
            |  +- org.apache.logging.log4j:log4j-1.2-api:jar:2.25.4:compile
            |  \\- org.apache.spark:spark-core_2.13:jar:4.2.0:compile
            |     \\- (com.fasterxml.jackson.core:jackson-databind:jar:2.22.3:compile - omitted for duplicate)
            \\- junit:junit:jar:4.13:test
            """;

    @Test
    void sparksClosureFollowsOmittedDuplicatesToWhereTheyWereResolved() {
        assertEquals(Set.of("spark-sql_2.13", "log4j-1.2-api", "spark-core_2.13", "jackson-databind", "jackson-core"),
                ExecutorPayload.closure(TREE, "org.apache.spark:spark-sql_2.13"));
    }

    @Test
    void theRecordedTreeHasSparksDependenciesButNotOurs() {
        Set<String> provided = ExecutorPayload.sparkProvided();
        assertTrue(provided.containsAll(List.of("spark-core_2.13", "scala-library", "jackson-databind", "jackson-core",
                "netty-common", "parquet-hadoop", "hadoop-client-api", "log4j-1.2-api")), provided.toString());
        assertFalse(provided.contains("chronicle-queue"));
        assertFalse(provided.contains("runtime"));
        assertTrue(ExecutorPayload.jvmFlags().contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), ExecutorPayload.jvmFlags());
    }

    @Test
    void thePayloadIsTheClassPathLessSparksJarsTheDriversAndDuplicatesWithFoldersPacked() throws IOException {
        Path lib1 = Files.createDirectories(dir.resolve("a/lib"));
        Path lib2 = Files.createDirectories(dir.resolve("b/lib"));
        Path classes = Files.createDirectories(dir.resolve("mod/target/classes/org"));
        Files.writeString(classes.resolve("X.class"), "not really a class");
        List<Path> cp = List.of(jar(lib1, "chronicle-queue-2026.4.jar", 100), jar(lib1, "log4j-1.2-api-2.25.4.jar", 1000),
                jar(lib1, "spark-core_2.13-4.2.0.jar", 1000), jar(lib2, "chronicle-queue-2026.4.jar", 100),
                jar(lib2, "picocli-4.7.7.jar", 1000), jar(lib2, "log4j-api-2.25.4.jar", 10), classes.getParent());
        ExecutorPayload.Payload p = ExecutorPayload.of(cp, Set.of("spark-core_2.13", "log4j-1.2-api"));
        assertEquals(List.of("chronicle-queue-2026.4.jar", "log4j-api-2.25.4.jar"),
                p.jars().subList(0, 2).stream().map(j -> j.getFileName().toString()).toList());
        assertEquals(3, p.jars().size());
        assertTrue(p.jars().get(2).getFileName().toString().matches("numabias-mod-\\d+\\.jar"), p.jars().toString());
        try (var jar = new java.util.jar.JarFile(p.jars().get(2).toFile())) {
            assertEquals("not really a class", new String(jar.getInputStream(jar.getEntry("org/X.class")).readAllBytes()));
        }
        assertEquals(3, p.excluded());
        assertEquals(110 + Files.size(p.jars().get(2)), p.bytes());
    }

    private static Path jar(Path dir, String name, int bytes) throws IOException {
        return Files.write(dir.resolve(name), new byte[bytes]);
    }
}
