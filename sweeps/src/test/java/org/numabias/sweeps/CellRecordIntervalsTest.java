package org.numabias.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.numabias.runtime.replay.BlockBootstrap;
import org.numabias.runtime.replay.Measurement;

/**
 * Each sweep record carries the 95% interval of each measurement that gets one, in columns named as
 * {@code compare}'s CSV names them; results written before those columns existed still read.
 */
class CellRecordIntervalsTest {
    /** A results folder written by numabias before the interval columns (one trace, majority and ewma). */
    private static final Path OLD = Path.of("src/test/resources/results-before-intervals");

    @Test
    void everyMeasurementWithAnIntervalHasALowerAndUpperColumnNamedAsInCompare() {
        List<String> expected = new ArrayList<>();
        for (Measurement m : BlockBootstrap.WITH_INTERVAL) {
            expected.add(m.key() + "Lower95");
            expected.add(m.key() + "Upper95");
        }
        // the 11 measurements of DESIGN.md that estimate something: every windowed one but consumptions and bytes
        assertEquals(11, BlockBootstrap.WITH_INTERVAL.size());
        List<RecordComponent> components = Arrays.asList(CellRecord.class.getRecordComponents());
        List<RecordComponent> bounds = components.subList(components.size() - expected.size(), components.size());
        assertEquals(expected, bounds.stream().map(RecordComponent::getName).toList(), "the last columns, in order");
        assertTrue(bounds.stream().allMatch(c -> c.getType() == Double.class), "nullable doubles");
    }

    @Test
    void resultsWrittenBeforeTheIntervalColumnsStillReadWithoutIntervals() throws IOException {
        List<CellRecord> records = ResultStore.read(OLD);
        assertEquals(List.of("majority", "ewma"), records.stream().map(CellRecord::label).toList());
        // the values that folder's own `numabias results --format json` printed when it was written
        assertEquals(0.32252428916774295, records.get(0).localByteRatio());
        assertEquals(0.9605909977601653, records.get(1).localByteRatio());
        assertEquals(20000, records.get(1).consumptions());
        for (CellRecord r : records) {
            for (Measurement m : BlockBootstrap.WITH_INTERVAL) {
                assertNull(r.interval(m.key()), r.label() + " " + m.key());
            }
        }
        String table = Summary.table(records, List.of("localByteRatio"));
        assertTrue(table.contains("0.3225") && table.contains("0.9606"), table);
    }
}
