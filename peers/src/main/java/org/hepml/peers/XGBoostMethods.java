package org.hepml.peers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.estimators.ReferencePipeline;
import org.hepml.event.HiggsEventSchema;
import org.hepml.jobs.compare.Method;
import org.hepml.jobs.compare.MethodProvider;
import org.hepml.jobs.compare.Methods;
import org.hepml.jobs.compare.PeerMethods;
import org.hepml.transformers.CartesianMomenta;

/**
 * XGBoost4J-Spark with the HiggsML challenge demo's settings (η 0.1, depth 6, 120 rounds, binary:logistic,
 * event weights, scale_pos_weight = Σw_bkg / Σw_sig, missing = -999), on the same 30 inputs as every other method,
 * with and without test-time augmentation.
 */
public final class XGBoostMethods implements MethodProvider {
    @Override
    public Map<String, Function<Methods.Common, Method>> methods() {
        Map<String, Function<Methods.Common, Method>> m = new LinkedHashMap<>();
        m.put(
                "xgboost",
                c -> new Methods.Named(
                        "xgboost",
                        "XGBoost4J-Spark " + version() + ": eta 0.1, depth 6, " + rounds(c)
                                + " rounds, event weights, scale_pos_weight = sum w_bkg / sum w_sig, missing -999 "
                                + "(the HiggsML demo)",
                        train -> fit(train, c)));
        m.put(
                "xgboost-tta",
                c -> Methods.Named.withTta(
                        "xgboost-tta",
                        "the same XGBoost (one fit shared with xgboost), " + "scored with 8x TTA",
                        m.get("xgboost").apply(c),
                        8));
        return m;
    }

    private static int rounds(Methods.Common c) {
        return c.iterations() > 0 ? c.iterations() : 120;
    }

    private static String version() {
        String v = XGBoostClassifier.class.getPackage().getImplementationVersion();
        return v == null ? "" : v;
    }

    static PipelineModel fit(Dataset<Row> train, Methods.Common c) {
        Row sums = train.agg(
                        sum(when(col(HiggsEventSchema.LABEL).equalTo(1), col(HiggsEventSchema.WEIGHT))
                                .otherwise(0)),
                        sum(when(col(HiggsEventSchema.LABEL).equalTo(0), col(HiggsEventSchema.WEIGHT))
                                .otherwise(0)))
                .first();
        String[] inputs = ReferencePipeline.inputs();
        String[] filled = Arrays.stream(inputs).map(in -> in + "_999").toArray(String[]::new);
        int workers = Math.max(1, train.sparkSession().sparkContext().defaultParallelism());
        // one setter per statement: XGBoost 3's setters return its self type, which Java sees as Params
        XGBoostClassifier xgb = new XGBoostClassifier();
        xgb.setNumRound(rounds(c));
        xgb.setEta(0.1);
        xgb.setMaxDepth(6);
        xgb.setObjective("binary:logistic");
        xgb.setEvalMetric("auc");
        xgb.setScalePosWeight(sums.getDouble(1) / sums.getDouble(0));
        xgb.setWeightCol(HiggsEventSchema.WEIGHT);
        xgb.setMissing(-999f);
        xgb.setSeed(c.seed());
        xgb.setNumWorkers(workers);
        xgb.setNthread(1);
        xgb.setFeaturesCol("features");
        xgb.setLabelCol(HiggsEventSchema.LABEL);
        return new Pipeline()
                .setStages(new PipelineStage[] {
                    new CartesianMomenta(),
                    PeerMethods.missingAs999(inputs),
                    new VectorAssembler()
                            .setInputCols(filled)
                            .setOutputCol("features")
                            .setHandleInvalid("keep"),
                    xgb
                })
                .fit(train);
    }
}
