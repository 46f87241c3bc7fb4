package org.hepml.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

class MemberProgressTest {
    /** Counts the finished tasks of its own job group only. */
    @Test
    void countsTheTasksOfItsGroup() {
        JavaSparkContext jsc =
                JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        MemberProgress p;
        try (MemberProgress progress = MemberProgress.start(jsc.sc(), "g-test", 4)) {
            p = progress;
            jsc.parallelize(List.of(1, 2, 3), 3).count(); // another job: not counted
            jsc.setJobGroup("g-test", "members", false);
            jsc.parallelize(List.of(1, 2, 3, 4), 4).map(x -> x * 2).collect();
            jsc.clearJobGroup();
        }
        assertEquals(4, p.done());
    }
}
