package org.hepml.jobs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.SparkSession;
import org.hepml.estimators.DnnEnsembleModel;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.io.EventInputException;
import org.hepml.jobs.cli.ScoringInputs;
import org.hepml.jobs.cli.Sessions;
import org.hepml.jobs.cli.SparkOptions;
import org.hepml.transformers.CartesianMomenta;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hepml export}: a trained model as one ONNX file, for the experiments' own software. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        header = "Writes a model trained by 'hepml train' as one ONNX file (CMSSW, Athena, ROOT SOFIE, ONNX Runtime).",
        description = "Input 'features': float32 [batch, 30], the 30 HiggsML features in the order of the file's "
                + "metadata hepml.input_columns (the event Parquet's column names; -999 or NaN for missing). Output "
                + "'probability': float32 [batch, 1]. The Cartesian conversion, the scaler, the jet embedding, every "
                + "member, the ensemble weights and the test-time grid are inside the graph. The model directory is "
                + "checked (format, SHA-256 of every member) before anything is written; the file appears whole.")
public final class ExportJob implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model saved by 'hepml train'.")
    String model;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The ONNX file to write.")
    Path output;

    @Option(
            names = "--tta",
            paramLabel = "K",
            description = "Test-time augmentation variants inside the graph: 1, 8, 32 (default: the model's).")
    Integer tta;

    @Option(
            names = "--opset",
            defaultValue = "17",
            paramLabel = "N",
            description = "ONNX operator set, 17 to 21 (default: ${DEFAULT-VALUE}, with IR version 8: what older "
                    + "ONNX Runtime releases and ROOT's SOFIE read).")
    int opset;

    @Option(
            names = "--mode",
            defaultValue = "error",
            paramLabel = "MODE",
            description = "error or overwrite, when the file exists (default: ${DEFAULT-VALUE}).")
    String mode;

    public static void main(String[] args) {
        System.exit(
                Hepml.run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), new ExportJob(), args));
    }

    /** The ensemble of a reference pipeline; anything the ONNX graph would not reproduce is refused by name. */
    public static DnnEnsembleModel ensembleOf(PipelineModel pm, String model) {
        Transformer[] stages = pm.stages();
        List<String> kinds =
                Arrays.stream(stages).map(s -> s.getClass().getSimpleName()).toList();
        // the reference pipeline, or as models trained before the classifier read the columns itself saved it,
        // with a VectorAssembler between the two
        boolean assembled = stages.length == 3 && stages[1] instanceof VectorAssembler;
        if (!(stages.length == 2 || assembled)
                || !(stages[0] instanceof CartesianMomenta)
                || !(stages[stages.length - 1] instanceof DnnEnsembleModel)) {
            throw new EventInputException(model + ": the ONNX export takes the reference pipeline (CartesianMomenta, "
                    + "DnnEnsembleModel, with a VectorAssembler between them in older models); this model has " + kinds
                    + (kinds.contains("EventOrientation") ? " (the orientation of --orient is not exported)" : ""));
        }
        DnnEnsembleModel dnn = (DnnEnsembleModel) stages[stages.length - 1];
        List<String> inputs = assembled
                ? Arrays.asList(((VectorAssembler) stages[1]).getInputCols())
                : Arrays.asList(dnn.getFeaturesCols());
        if (!inputs.equals(dnn.featureNames())) {
            throw new EventInputException(model + ": the columns the pipeline feeds the network " + inputs
                    + " are not the network's inputs " + dnn.featureNames());
        }
        return dnn;
    }

    @Override
    public Integer call() throws Exception {
        boolean overwrite = JobArgs.overwrite(mode);
        if (Files.exists(output) && !overwrite) {
            throw new EventInputException("output already exists: " + output + " (use --mode overwrite to replace it)");
        }
        PrintWriter out = spec.commandLine().getOut();
        byte[] onnx;
        DnnEnsembleModel dnn;
        int variants;
        try (Sessions.Handle s = Sessions.open("hepml export", sparkOptions)) {
            SparkSession spark = s.spark();
            dnn = ensembleOf(ScoringInputs.loadModel(spark, model), model);
            variants = tta != null ? tta : dnn.getTestTimeAugmentation();
            onnx = dnn.toOnnx(variants, opset);
        }
        writeWhole(output, onnx);
        out.printf(
                Locale.ROOT,
                "exported %d members, %dx test-time augmentation, opset %d -> %s (%,d bytes)%n",
                dnn.ensembleWeights().length,
                variants,
                opset,
                output,
                onnx.length);
        out.println("  input 'features': float32 [batch, 30], columns in this order (-999 or NaN for missing):");
        out.println("    " + String.join(",", HiggsEventSchema.features()));
        out.println("  output 'probability': float32 [batch, 1], the signal probability");
        return 0;
    }

    /** Writes beside the target and moves into place: a killed export leaves no partial file. */
    static void writeWhole(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".hepml-incomplete");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
