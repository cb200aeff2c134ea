package org.numabias.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.numabias.api.ConfigurationException;

class CompareInputsTest {
    @TempDir
    Path dir;

    @Test
    void seedsAreRangesAndLists() {
        assertEquals(List.of(1L, 2L, 3L, 7L), CompareInputs.seeds("1..3,7"));
        assertEquals(List.of(), CompareInputs.seeds(null));
        var e = assertThrows(ConfigurationException.class, () -> CompareInputs.seeds("1,x"));
        assertTrue(e.getMessage().contains("'x' is not a seed"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> CompareInputs.seeds("5..1"));
        assertThrows(ConfigurationException.class, () -> CompareInputs.seeds("1..100000"));
    }

    @Test
    void scenariosRunOncePerSeedAndRecordedDatasetsOnce() {
        var inputs = CompareInputs.expand(List.of("mix", "udp-pinned"), List.of(4L, 5L));
        assertEquals(List.of("mix@seed4", "mix@seed5", "udp-pinned"), inputs.stream().map(CompareInputs.Input::name).toList());
        try (var opened = inputs.get(1).open()) {
            assertEquals("5", opened.source().header().provenance().get("seed"));
        }
    }

    @Test
    void aFolderGivesItsCsvFilesInNameOrder() throws Exception {
        Path tiny = Path.of("../examples/traces/tiny.csv");
        Files.copy(tiny, dir.resolve("b.csv"));
        Files.copy(tiny, dir.resolve("a.csv"));
        Files.writeString(dir.resolve("notes.txt"), "not a trace");
        assertEquals(List.of("a.csv", "b.csv"),
                CompareInputs.expand(List.of(dir.toString()), List.of()).stream().map(CompareInputs.Input::name).toList());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        var e = assertThrows(ConfigurationException.class, () -> CompareInputs.expand(List.of(empty.toString()), List.of()));
        assertTrue(e.getMessage().contains("no trace directory and no .csv file"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> CompareInputs.expand(List.of("no-such-thing"), List.of()));
        assertTrue(e.getMessage().startsWith("no-such-thing: no such trace file or folder, and unknown dataset"), e.getMessage());
    }
}
