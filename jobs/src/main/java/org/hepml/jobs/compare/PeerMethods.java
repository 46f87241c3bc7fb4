package org.hepml.jobs.compare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.estimators.ReferencePipeline;
import org.hepml.event.HiggsEventSchema;
import org.hepml.transformers.CartesianMomenta;

/**
 * MLlib's classifiers as a physicist on Spark would set them up, on the same 30 inputs as the DNN (the reference
 * pipeline's: 13 DER, met, ΣE_T, jet ΣpT, Cartesian momenta):
 * <ul>
 *   <li>{@code GBTClassifier}: 120 trees of depth 6, step 0.1 (the HiggsML XGBoost demo's shape), missing values
 *       as -999 (the challenge's own encoding, which trees split off), event weights rescaled so each class sums to
 *       the same total (as {@code scale_pos_weight} = Σw_bkg/Σw_sig does for XGBoost);</li>
 *   <li>{@code MultilayerPerceptronClassifier}: 4 hidden layers of 100 (sigmoid, MLlib's only choice), L-BFGS,
 *       200 iterations, inputs imputed with the mean and standardised. It has no weight parameter: it trains
 *       unweighted, on the class mix as it is.</li>
 * </ul>
 */
public final class PeerMethods {
    private PeerMethods() {}

    static final String BALANCED_WEIGHT = "balanced_weight";

    /** The training events with {@value #BALANCED_WEIGHT}: each class's weights summing to half the row count. */
    static Dataset<Row> balanced(Dataset<Row> train) {
        Row sums = train.agg(
                        sum(when(col(HiggsEventSchema.LABEL).equalTo(1), col(HiggsEventSchema.WEIGHT))
                                .otherwise(0)),
                        sum(when(col(HiggsEventSchema.LABEL).equalTo(0), col(HiggsEventSchema.WEIGHT))
                                .otherwise(0)),
                        org.apache.spark.sql.functions.count(lit(1)))
                .first();
        double half = sums.getLong(2) / 2.0;
        return train.withColumn(
                BALANCED_WEIGHT,
                col(HiggsEventSchema.WEIGHT)
                        .multiply(when(col(HiggsEventSchema.LABEL).equalTo(1), lit(half / sums.getDouble(0)))
                                .otherwise(lit(half / sums.getDouble(1)))));
    }

    /** Copies of the inputs with nulls (undefined jets, MMC) as -999, in SQL, so the stage needs no fitting. */
    public static SQLTransformer missingAs999(String[] inputs) {
        List<String> cols = new ArrayList<>();
        for (String c : inputs) {
            cols.add("coalesce(`" + c + "`, -999.0) AS `" + c + "_999`");
        }
        return new SQLTransformer().setStatement("SELECT *, " + String.join(", ", cols) + " FROM __THIS__");
    }

    static PipelineModel gbt(Dataset<Row> train, Methods.Common c) {
        String[] inputs = ReferencePipeline.inputs();
        GBTClassifier gbt = new GBTClassifier()
                .setMaxIter(c.iterations() > 0 ? c.iterations() : 120)
                .setMaxDepth(6)
                .setStepSize(0.1)
                .setSeed(c.seed())
                .setLabelCol(HiggsEventSchema.LABEL)
                .setWeightCol(BALANCED_WEIGHT)
                .setFeaturesCol("features");
        String[] filled = Arrays.stream(inputs).map(in -> in + "_999").toArray(String[]::new);
        return new Pipeline()
                .setStages(new PipelineStage[] {
                    new CartesianMomenta(),
                    missingAs999(inputs),
                    new VectorAssembler().setInputCols(filled).setOutputCol("features"),
                    gbt
                })
                .fit(balanced(train));
    }

    static PipelineModel mlp(Dataset<Row> train, Methods.Common c) {
        String[] inputs = ReferencePipeline.inputs();
        String[] imputed = Arrays.stream(inputs).map(in -> in + "_imputed").toArray(String[]::new);
        MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
                .setLayers(new int[] {inputs.length, 100, 100, 100, 100, 2})
                .setMaxIter(c.iterations() > 0 ? c.iterations() : 200)
                .setBlockSize(256)
                .setSeed(c.seed())
                .setLabelCol(HiggsEventSchema.LABEL)
                .setFeaturesCol("scaled");
        return new Pipeline()
                .setStages(new PipelineStage[] {
                    new CartesianMomenta(),
                    new Imputer().setInputCols(inputs).setOutputCols(imputed).setStrategy("mean"),
                    new VectorAssembler().setInputCols(imputed).setOutputCol("raw_features"),
                    new StandardScaler()
                            .setInputCol("raw_features")
                            .setOutputCol("scaled")
                            .setWithMean(true),
                    mlp
                })
                .fit(train);
    }
}
