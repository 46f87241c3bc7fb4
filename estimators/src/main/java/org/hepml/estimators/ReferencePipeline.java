package org.hepml.estimators;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.PhysicsObject;
import org.hepml.transformers.CartesianMomenta;
import org.hepml.transformers.EventOrientation;

/**
 * The reference study's pipeline on event Parquet as ingest writes it: (optional EventOrientation) →
 * CartesianMomenta → the classifier, reading the 30 reference inputs (13 DER, met pT, ΣE_T, jet ΣpT, the Cartesian
 * momenta) as its {@code featuresCols} straight from the event columns (missing values are NaN, which the model turns
 * into 0 after scaling). No VectorAssembler: it cost more than the network when scoring (see {@link FeatureInput}).
 */
public final class ReferencePipeline {
    private ReferencePipeline() {}

    /** The 30 input features, in the network's order. */
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

    /** {@code classifier}, set to read the {@link #inputs()} as its feature columns. */
    public static DnnEnsembleClassifier readingInputs(DnnEnsembleClassifier classifier) {
        return classifier.setFeaturesCols(inputs());
    }

    /** (EventOrientation) → CartesianMomenta → the classifier, which it sets to read the {@link #inputs()}. */
    public static Pipeline build(DnnEnsembleClassifier classifier, boolean orient) {
        List<PipelineStage> stages = featureStages(orient);
        stages.add(readingInputs(classifier));
        return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
    }

    /**
     * The stages before the classifier, (EventOrientation) → CartesianMomenta: what a classifier set with {@link
     * #readingInputs} takes.
     */
    public static Pipeline features(boolean orient) {
        return new Pipeline().setStages(featureStages(orient).toArray(new PipelineStage[0]));
    }

    private static List<PipelineStage> featureStages(boolean orient) {
        List<PipelineStage> stages = new ArrayList<>();
        if (orient) {
            stages.add(new EventOrientation());
        }
        stages.add(new CartesianMomenta());
        return stages;
    }
}
