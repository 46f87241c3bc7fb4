package org.hepml.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.hepml.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpretedPlansTest {
    @TempDir
    Path dir;

    private Dataset<Row> parquetOf(SparkSession spark, long rows, int files) {
        String p = dir.resolve("in" + rows + "x" + files).toString();
        spark.range(0, rows, 1, files).write().parquet(p);
        return spark.read().parquet(p);
    }

    private static boolean wholeStageCodegen(Dataset<Row> d) {
        SparkPlan plan = d.queryExecution().executedPlan();
        return plan.exists(p -> p instanceof WholeStageCodegenExec);
    }

    @Test
    void aSmallLocalInputRunsInterpretedUntilTheScopeCloses() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> in = parquetOf(spark, 120, 3);
        try (InterpretedPlans p = InterpretedPlans.forInput(spark, in, 120)) {
            assertTrue(p.interpreted());
            assertEquals("false", spark.conf().get(InterpretedPlans.WHOLE_STAGE));
            assertEquals("NO_CODEGEN", spark.conf().get(InterpretedPlans.FACTORY_MODE));
            // and Spark plans that way: no whole-stage code in the physical plan
            assertFalse(wholeStageCodegen(in.selectExpr("id * 2")));
        }
        assertFalse(spark.conf().contains(InterpretedPlans.WHOLE_STAGE));
        assertFalse(spark.conf().contains(InterpretedPlans.FACTORY_MODE));
        assertTrue(wholeStageCodegen(in.selectExpr("id * 2")));
    }

    @Test
    void aLargerInputOrNoBoundKeepsGeneratedCode() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> in = parquetOf(spark, 121, 3);
        try (InterpretedPlans p = InterpretedPlans.forInput(spark, in, 120)) {
            assertFalse(p.interpreted(), "121 rows over a bound of 120");
            assertFalse(spark.conf().contains(InterpretedPlans.WHOLE_STAGE));
        }
        try (InterpretedPlans p = InterpretedPlans.forInput(spark, in, 0)) {
            assertFalse(p.interpreted(), "a bound of 0 turns it off");
        }
        // a Dataset read from no files has no size to go by
        try (InterpretedPlans p =
                InterpretedPlans.forInput(spark, spark.range(10).toDF(), 120)) {
            assertFalse(p.interpreted());
        }
    }

    @Test
    void aKeyTheSessionSetsIsLeftAsItIs() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> in = parquetOf(spark, 10, 1);
        spark.conf().set(InterpretedPlans.WHOLE_STAGE, "true");
        try {
            try (InterpretedPlans p = InterpretedPlans.forInput(spark, in, 120)) {
                assertFalse(p.interpreted());
            }
            assertEquals("true", spark.conf().get(InterpretedPlans.WHOLE_STAGE));
            assertFalse(spark.conf().contains(InterpretedPlans.FACTORY_MODE));
        } finally {
            spark.conf().unset(InterpretedPlans.WHOLE_STAGE);
        }
    }
}
