package org.hepml.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.generate.GeneratedEvents;
import org.hepml.jobs.compare.Method;
import org.hepml.jobs.compare.Methods;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;

class XGBoostMethodsTest {
    /** The benchmark finds XGBoost through ServiceLoader, and it learns on toy events with the demo's settings. */
    @Test
    void registeredAndLearns() {
        assertTrue(
                Methods.names().containsAll(List.of("xgboost", "xgboost-tta")),
                Methods.names().toString());
        Dataset<Row> all =
                GeneratedEvents.generate(SparkTestSession.get(), 4000, 9, 2).cache();
        Dataset<Row> train = all.where("EventId < 103000");
        Dataset<Row> test = all.where("EventId >= 103000");
        Method xgb = Methods.parse("xgboost", new Methods.Common(1, 0, 0, 30)).get(0);
        Transformer model = xgb.fit(train);
        double auc = new BinaryClassificationEvaluator().setWeightCol("weight").evaluate(model.transform(test));
        assertTrue(auc > 0.85, "AUC " + auc);
        Method tta =
                Methods.parse("xgboost-tta", new Methods.Common(1, 0, 0, 30)).get(0);
        Dataset<Row> averaged = tta.fit(train).transform(test);
        assertEquals(1000, averaged.count()); // one row per event after averaging the 8 variants
    }
}
