package org.numabias.sweeps.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * What the driver ships to Spark executors that have nothing of numabias installed: the jars of the
 * driver's class path (manifest {@code Class-Path} entries followed; class folders packed into jars)
 * except those a Spark distribution already provides and those only the driver uses, and the JVM
 * flags Chronicle Queue needs on Java 25.
 *
 * <p>"Provided by Spark" is the closure of {@code spark-sql} in the dependency tree the build records
 * ({@code META-INF/numabias/dependency-tree.txt}, omitted duplicates included), matched by artifact id
 * whatever the version: executors load Spark's own jars first, so another version of one of them would
 * never be used there (Jackson, for one, must be the cluster's).
 */
public final class ExecutorPayload {
    /** Used on the driver only: the CLI's parser, charts, and a second SLF4J provider next to Spark's. */
    static final Set<String> DRIVER_ONLY = Set.of("picocli", "slf4j-simple", "xchart");

    private static final String TREE = "META-INF/numabias/dependency-tree.txt";
    private static final String FLAGS = "META-INF/numabias/executor-jvm-flags.txt";
    private static final String SPARK_ROOT = "org.apache.spark:spark-sql_2.13";

    /**
     * The jars to ship.
     *
     * @param jars     the jars, in class path order
     * @param bytes    their total size
     * @param excluded class path jars left out (Spark's, the driver's)
     */
    public record Payload(List<Path> jars, long bytes, int excluded) {
        /** Spark's {@code spark.jars} value. */
        public String sparkJars() {
            return String.join(",", jars.stream().map(p -> p.toAbsolutePath().toString()).toList());
        }

        /** One line for the user: how much each executor fetches. */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%d jars, %.1f MB (%d class path jars that Spark provides or only the driver uses left out)",
                    jars.size(), bytes / 1e6, excluded);
        }
    }

    private ExecutorPayload() {
    }

    /** The payload for this JVM's class path. */
    public static Payload ofClassPath() {
        return of(classPath(System.getProperty("java.class.path")), sparkProvided());
    }

    /** The payload for the given class path entries and the artifact ids Spark provides. */
    static Payload of(List<Path> classPath, Set<String> sparkProvided) {
        Map<String, Path> byName = new LinkedHashMap<>(); // the same jar from two lib folders is shipped once
        int excluded = 0;
        for (Path entry : classPath) {
            if (Files.isDirectory(entry)) {
                Path jar = packed(entry);
                byName.put(jar.getFileName().toString(), jar);
            } else if (!entry.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
                continue;
            } else if (isOneOf(entry, sparkProvided) || isOneOf(entry, DRIVER_ONLY)) {
                excluded++;
            } else {
                byName.putIfAbsent(entry.getFileName().toString(), entry);
            }
        }
        List<Path> jars = List.copyOf(byName.values());
        long bytes = 0;
        for (Path j : jars) {
            bytes += size(j);
        }
        return new Payload(jars, bytes, excluded);
    }

    /** The JVM flags executors need (the root POM's {@code numabias.jvm.flags}), as one option string. */
    public static String jvmFlags() {
        return resource(FLAGS).trim();
    }

    /**
     * Whether a jar named as Maven names it ({@code artifactId-version[-classifier].jar}) is one of the
     * artifacts {@code ids} (artifact ids may hold '-' and digits: {@code log4j-1.2-api-2.25.4.jar}).
     */
    static boolean isOneOf(Path jar, Set<String> ids) {
        String n = jar.getFileName().toString();
        for (int i = 0; i + 1 < n.length(); i++) {
            if (n.charAt(i) == '-' && Character.isDigit(n.charAt(i + 1)) && ids.contains(n.substring(0, i))) {
                return true;
            }
        }
        return false;
    }

    /** The artifact ids of {@code spark-sql}'s closure, from the recorded dependency tree. */
    public static Set<String> sparkProvided() {
        return closure(resource(TREE), SPARK_ROOT);
    }

    /**
     * The artifact ids below {@code root} in a {@code mvn dependency:tree -Dverbose} text: a node's
     * children are listed where it was resolved, so an omitted duplicate's come from there.
     */
    static Set<String> closure(String tree, String root) {
        Map<String, List<String>> children = new HashMap<>();
        List<String> lines = tree.lines().filter(l -> !l.isBlank()).toList();
        List<String> parents = new ArrayList<>(); // the node at each depth above this line, null if omitted
        for (String line : lines.subList(1, lines.size())) {
            int start = 0;
            while (start < line.length() && "|+-\\ ".indexOf(line.charAt(start)) >= 0) {
                start++;
            }
            int depth = start / 3;
            boolean omitted = line.charAt(start) == '(';
            String[] gav = line.substring(omitted ? start + 1 : start).split("[ )]")[0].split(":");
            String key = gav[0] + ":" + gav[1];
            while (parents.size() >= depth) {
                parents.removeLast();
            }
            String parent = parents.isEmpty() ? null : parents.getLast();
            if (parent != null) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(key);
            }
            parents.add(omitted ? null : key);
        }
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(children.getOrDefault(root, List.of()));
        while (!todo.isEmpty()) {
            String k = todo.pop();
            if (seen.add(k)) {
                todo.addAll(children.getOrDefault(k, List.of()));
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        ids.add(root.substring(root.indexOf(':') + 1));
        seen.forEach(k -> ids.add(k.substring(k.indexOf(':') + 1)));
        return ids;
    }

    /** Class path entries, each jar's manifest {@code Class-Path} followed (as surefire's launcher jar uses). */
    static List<Path> classPath(String classPath) {
        Set<Path> out = new LinkedHashSet<>();
        Deque<Path> todo = new ArrayDeque<>();
        for (String e : classPath.split(java.io.File.pathSeparator)) {
            if (!e.isEmpty()) {
                todo.add(Path.of(e).toAbsolutePath().normalize());
            }
        }
        while (!todo.isEmpty()) {
            Path p = todo.pop();
            if (!out.add(p) || !p.toString().endsWith(".jar") || !Files.isRegularFile(p)) {
                continue;
            }
            for (Path ref : manifestClassPath(p)) {
                todo.add(ref);
            }
        }
        return List.copyOf(out);
    }

    private static List<Path> manifestClassPath(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            String cp = j.getManifest() == null ? null : j.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (cp == null) {
                return List.of();
            }
            List<Path> refs = new ArrayList<>();
            for (String u : cp.trim().split("\\s+")) {
                java.net.URI uri = jar.toUri().resolve(u);
                if ("file".equals(uri.getScheme())) {
                    refs.add(Path.of(uri).normalize());
                }
            }
            return refs;
        } catch (IOException | IllegalArgumentException e) {
            return List.of(); // not a jar we can read: Spark will say so if it matters
        }
    }

    /** A class folder (an IDE's or a test run's) packed into a temporary jar, deleted when the JVM exits. */
    private static Path packed(Path dir) {
        try {
            Path module = dir.getParent() == null ? null : dir.getParent().getParent(); // MODULE/target/classes
            Path jar = Files.createTempFile("numabias-" + (module == null ? "classes" : module.getFileName()) + "-", ".jar");
            jar.toFile().deleteOnExit();
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, (OutputStream) out);
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + dir + " for the executors: " + e.getMessage(), e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": " + e.getMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ExecutorPayload.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the sweeps jar: rebuild it with Maven");
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return String.join("\n", r.lines().toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    /** Prints the payload's jars, comma-separated, for {@code spark-submit --jars}; the summary goes to stderr. */
    public static void main(String[] args) {
        Payload p = ofClassPath();
        System.err.println("executor payload: " + p.describe());
        System.out.println(p.sparkJars());
    }
}
