package org.hepml.estimators;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.PhysicsObject;
import org.hepml.transformers.CartesianMomenta;
import org.hepml.transformers.EventOrientation;

/**
 * The reference study's pipeline on event Parquet as ingest writes it: (optional EventOrientation) →
 * CartesianMomenta → VectorAssembler of the 30 reference inputs (13 DER, met pT, ΣE_T, jet ΣpT, the Cartesian
 * momenta; missing values kept as NaN, which the model turns into 0 after scaling) → the classifier.
 */
public final class ReferencePipeline {
    private ReferencePipeline() {}

    /** The 30 input features, in vector order. */
    public static String[] inputs() {
        List<String> in = new ArrayList<>(HiggsEventSchema.derivedFeatures());
        in.addAll(List.of("PRI_met", HiggsEventSchema.MET_SUMET, HiggsEventSchema.JET_ALL_PT));
        for (PhysicsObject o : PhysicsObject.values()) {
            in.add(o.pxColumn());
            in.add(o.pyColumn());
            o.pzColumn().ifPresent(in::add);
        }
        return in.toArray(new String[0]);
    }

    public static Pipeline build(DnnEnsembleClassifier classifier, boolean orient) {
        List<PipelineStage> stages = featureStages(classifier.getOrDefault(classifier.featuresCol()), orient);
        stages.add(classifier);
        return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
    }

    /** The pipeline up to the features vector: (EventOrientation) → CartesianMomenta → VectorAssembler. */
    public static Pipeline features(String featuresCol, boolean orient) {
        return new Pipeline().setStages(featureStages(featuresCol, orient).toArray(new PipelineStage[0]));
    }

    private static List<PipelineStage> featureStages(String featuresCol, boolean orient) {
        List<PipelineStage> stages = new ArrayList<>();
        if (orient) {
            stages.add(new EventOrientation());
        }
        stages.add(new CartesianMomenta());
        stages.add(new VectorAssembler()
                .setInputCols(inputs())
                .setOutputCol(featuresCol)
                .setHandleInvalid("keep"));
        return stages;
    }
}
