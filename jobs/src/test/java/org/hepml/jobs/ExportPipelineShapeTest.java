package org.hepml.jobs;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.estimators.DnnEnsembleClassifier;
import org.hepml.estimators.DnnEnsembleModel;
import org.hepml.estimators.ReferencePipeline;
import org.hepml.event.io.EventInputException;
import org.hepml.generate.GeneratedEvents;
import org.hepml.testing.SparkTestSession;
import org.hepml.transformers.CartesianMomenta;
import org.hepml.transformers.EventOrientation;
import org.junit.jupiter.api.Test;

/**
 * The ONNX export takes the reference pipeline in both shapes it is saved in (CartesianMomenta → the model reading
 * the feature columns; and, as older models were saved, with a VectorAssembler between them), and refuses a pipeline
 * whose inputs the graph would not reproduce, by name.
 */
class ExportPipelineShapeTest {
    @Test
    void bothShapesAreTakenAndAnotherOrderIsRefused() {
        Dataset<Row> events = GeneratedEvents.generate(SparkTestSession.get(), 600, 31, 1);
        DnnEnsembleClassifier dnn = new DnnEnsembleClassifier()
                .setMembers(1)
                .setEpochs(1)
                .setWidth(4)
                .setDepth(1)
                .setSeed(2);
        PipelineModel direct = ReferencePipeline.build(dnn, false).fit(events);
        DnnEnsembleModel model = (DnnEnsembleModel) direct.stages()[1];
        assertSame(model, ExportJob.ensembleOf(direct, "direct"));

        DnnEnsembleModel onVector = model.copy(new ParamMap()).setFeaturesCols();
        PipelineModel assembled = new Pipeline()
                .setStages(new PipelineStage[] {
                    new CartesianMomenta(),
                    new VectorAssembler()
                            .setInputCols(ReferencePipeline.inputs())
                            .setOutputCol("features")
                            .setHandleInvalid("keep"),
                    onVector
                })
                .fit(events);
        assertSame(onVector, ExportJob.ensembleOf(assembled, "assembled"));

        String[] swapped = ReferencePipeline.inputs();
        String first = swapped[0];
        swapped[0] = swapped[1];
        swapped[1] = first;
        DnnEnsembleModel reordered = model.copy(new ParamMap()).setFeaturesCols(swapped);
        PipelineModel wrong = new Pipeline()
                .setStages(new PipelineStage[] {new CartesianMomenta(), reordered})
                .fit(events);
        EventInputException e = assertThrows(EventInputException.class, () -> ExportJob.ensembleOf(wrong, "wrong"));
        assertTrue(
                e.getMessage().startsWith("wrong: the columns the pipeline feeds the network [" + swapped[0] + ", "),
                e.getMessage());

        PipelineModel oriented = new Pipeline()
                .setStages(new PipelineStage[] {new EventOrientation(), new CartesianMomenta(), model})
                .fit(events);
        e = assertThrows(EventInputException.class, () -> ExportJob.ensembleOf(oriented, "oriented"));
        assertTrue(e.getMessage().contains("(the orientation of --orient is not exported)"), e.getMessage());
    }
}
