package org.hepml.event.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hepml.testing.CsvFixtures;
import org.junit.jupiter.api.Test;

class EventFileFormatTest {
    @Test
    void detectsEachLayoutFromItsHeader() {
        assertEquals(EventFileFormat.CERN, EventFileFormat.detect(CsvFixtures.cernHeader()));
        assertEquals(EventFileFormat.KAGGLE_TRAIN, EventFileFormat.detect(CsvFixtures.kaggleTrainHeader()));
        assertEquals(EventFileFormat.KAGGLE_TEST, EventFileFormat.detect(CsvFixtures.kaggleTestHeader()));
        assertEquals(35, EventFileFormat.CERN.requiredColumns().size());
        assertEquals(33, EventFileFormat.KAGGLE_TRAIN.requiredColumns().size());
        assertEquals(31, EventFileFormat.KAGGLE_TEST.requiredColumns().size());
    }

    @Test
    void missingColumnIsNamedWithTheFile() {
        List<String> h = new ArrayList<>(CsvFixtures.cernHeader());
        h.remove("PRI_met_phi");
        CsvHeader header = CsvHeader.parse(String.join(",", h), "events.csv");
        EventInputException e =
                assertThrows(EventInputException.class, () -> header.requireColumns(EventFileFormat.CERN));
        assertTrue(e.getMessage().startsWith("events.csv: missing column 'PRI_met_phi'"), e.getMessage());
    }

    @Test
    void headerProblemsAreClear() {
        assertTrue(assertThrows(EventInputException.class, () -> CsvHeader.parse(null, "e.csv"))
                .getMessage()
                .contains("empty file"));
        assertTrue(assertThrows(EventInputException.class, () -> CsvHeader.parse("EventId,a,a", "e.csv"))
                .getMessage()
                .contains("column 'a' appears twice"));
        assertEquals(
                "EventId", CsvHeader.parse("\uFEFFEventId,x", "e.csv").names().get(0)); // byte-order mark
    }

    @Test
    void cliNames() {
        assertEquals(EventFileFormat.KAGGLE_TRAIN, EventFileFormat.fromCliName("Kaggle-Train"));
        assertThrows(IllegalArgumentException.class, () -> EventFileFormat.fromCliName("csv"));
    }
}
