package org.hepml.transformers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.generate.GeneratedEvents;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

class AugmentationPlanTest {
    @Test
    void copiesAreDistinctIndependentEvents() {
        Dataset<Row> ev = GeneratedEvents.generate(SparkTestSession.get(), 200, 2, 2);
        Dataset<Row> out = new AugmentationPlan(false, "random", "random", "random", false, 3, 7).apply(ev);
        assertEquals(600, out.count());
        assertEquals(600, out.select("EventId").distinct().count());
        Row orig = ev.orderBy("EventId").first();
        long id = orig.getLong(0);
        List<Row> copies =
                out.where("source_EventId = " + id).orderBy("EventId").collectAsList();
        assertEquals(
                List.of(id * 3, id * 3 + 1, id * 3 + 2),
                copies.stream().map(r -> r.getLong(r.fieldIndex("EventId"))).collect(Collectors.toList()));
        // independent draws: the three copies sit at three different azimuths, same pT
        assertEquals(
                3,
                copies.stream()
                        .map(r -> EventRows.get(r, "PRI_lep_phi"))
                        .distinct()
                        .count());
        for (Row c : copies) {
            assertEquals(EventRows.get(orig, "PRI_lep_pt"), EventRows.get(c, "PRI_lep_pt"), 0.0);
        }
    }

    @Test
    void stagesFollowTheOptions() {
        List<String> names = new AugmentationPlan(true, "0.5", "never", "always", true, 1, 1)
                .stages(0).stream().map(t -> t.getClass().getSimpleName()).collect(Collectors.toList());
        assertEquals(List.of("EventOrientation", "AzimuthalRotation", "TransverseFlip", "CartesianMomenta"), names);
        assertTrue(new AugmentationPlan(false, "none", "never", "never", false, 1, 1)
                .stages(0)
                .isEmpty());
        assertThrows(
                IllegalArgumentException.class,
                () -> new AugmentationPlan(false, "left", "never", "never", false, 1, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new AugmentationPlan(false, "none", "often", "never", false, 1, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new AugmentationPlan(false, "none", "never", "never", false, 0, 1));
    }
}
