package org.hepml.estimators;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.hepml.dnn.FeatureScaler;
import org.hepml.dnn.NetworkSpec;
import org.hepml.event.HiggsEventSchema;
import org.hepml.params.Check;
import org.hepml.params.HasFeaturesCol;
import org.hepml.params.HasFeaturesCols;
import org.hepml.params.HasJetCountCol;
import org.hepml.persistence.ModelFileSystem;
import org.hepml.persistence.ParamsMetadata;
import scala.Option;

/**
 * A trained DNN ensemble: scores events batch by batch over Spark's internal rows ({@link ScoringIterator}) with the
 * ensemble broadcast once, test-time augmentation ({@code testTimeAugmentation} variants of the grid: 1, 4, 8, 32, ...)
 * done inside each batch, and writes {@code rawPrediction} ([−logit, logit]), {@code probability} ([1 − p, p]) and
 * {@code prediction} as MLlib's probabilistic classifiers do (an output whose column is set to "" is skipped), and on
 * request each member's probability and the signal probability as a double ({@link ScoringColumns}). Saved as Spark ML
 * metadata, each member as a plain parameter file ({@link MemberFile}: {@code data/member-i.params}, its SHA-256
 * recorded), and the network, scaler, ensemble weights and provenance as {@code data/ensemble.json} (model format
 * {@value #FORMAT_VERSION}); loads in a PipelineModel.
 */
public final class DnnEnsembleModel extends IdentifiedModel<DnnEnsembleModel>
        implements MLWritable,
                HasFeaturesCol<DnnEnsembleModel>,
                HasFeaturesCols<DnnEnsembleModel>,
                HasJetCountCol<DnnEnsembleModel>,
                HasTestTimeAugmentation<DnnEnsembleModel> {
    private static final long serialVersionUID = 1L;
    /** Version of the files under {@code data/}. */
    static final int FORMAT_VERSION = 2;

    private final Param<String> rawPredictionCol =
            new Param<>(this, "rawPredictionCol", "output: [-logit, logit]", Check.column(this, "rawPredictionCol"));
    private final Param<String> probabilityCol =
            new Param<>(this, "probabilityCol", "output: [1 - p, p]", Check.column(this, "probabilityCol"));
    private final Param<String> predictionCol =
            new Param<>(this, "predictionCol", "output: 1 if p >= 0.5", Check.column(this, "predictionCol"));
    // not "batchSize": the classifier's mini-batch size would reach it through copyValues
    private final IntParam scoringBatchSize = new IntParam(
            this, "scoringBatchSize", "rows per inference batch", Check.atLeast(this, "scoringBatchSize", 1));
    private final Param<String> memberProbabilitiesCol = new Param<>(
            this,
            "memberProbabilitiesCol",
            "optional output: each member's signal probability, a vector ('' for none)",
            Check.column(this, "memberProbabilitiesCol"));
    private final Param<String> signalProbabilityCol = new Param<>(
            this,
            "signalProbabilityCol",
            "optional output: the signal probability p as a double, probability[1] without a vector ('' for none)",
            Check.column(this, "signalProbabilityCol"));

    private final Ensemble ensemble;

    DnnEnsembleModel(String uid, Ensemble ensemble) {
        super(uid);
        this.ensemble = ensemble;
        setDefault(featuresCol(), "features");
        setDefault(featuresCols(), new String[0]);
        setDefault(jetCountCol(), HiggsEventSchema.JET_COUNT);
        setDefault(rawPredictionCol, "rawPrediction");
        setDefault(probabilityCol, "probability");
        setDefault(predictionCol, "prediction");
        setDefault(testTimeAugmentation(), 32);
        setDefault(scoringBatchSize, 4096);
        setDefault(memberProbabilitiesCol, "");
        setDefault(signalProbabilityCol, "");
    }

    /** An empty model (Spark Connect's registry instantiates stages by uid); load or fit one to score. */
    public DnnEnsembleModel(String uid) {
        this(uid, null);
    }

    /** An empty model, for Spark Connect's ServiceLoader registry; load or fit one to score. */
    public DnnEnsembleModel() {
        this(org.apache.spark.ml.util.Identifiable$.MODULE$.randomUID("dnnEnsemble"), null);
    }

    /**
     * Bytes the model holds: its members' parameters, the scaler and the ensemble weights (Spark 4 reads it to budget
     * Spark Connect's model cache; a plain method on Spark 3.5).
     */
    public long estimatedSize() {
        return ensemble == null ? 0 : ensemble.bytes();
    }

    /**
     * How the model was made: seed, training mode, training rows and weight sums per class, a fingerprint of the
     * training data, the versions of hepml, DL4J, Spark and Java.
     */
    public Map<String, Object> provenance() {
        return ensemble.provenance;
    }

    public Param<String> rawPredictionCol() {
        return rawPredictionCol;
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public IntParam scoringBatchSize() {
        return scoringBatchSize;
    }

    public Param<String> memberProbabilitiesCol() {
        return memberProbabilitiesCol;
    }

    public String getRawPredictionCol() {
        return getOrDefault(rawPredictionCol);
    }

    public String getProbabilityCol() {
        return getOrDefault(probabilityCol);
    }

    public String getPredictionCol() {
        return getOrDefault(predictionCol);
    }

    public int getScoringBatchSize() {
        return (Integer) getOrDefault(scoringBatchSize);
    }

    public String getMemberProbabilitiesCol() {
        return getOrDefault(memberProbabilitiesCol);
    }

    public Param<String> signalProbabilityCol() {
        return signalProbabilityCol;
    }

    public String getSignalProbabilityCol() {
        return getOrDefault(signalProbabilityCol);
    }

    /**
     * Also write the signal probability p as a double column (the value of probability[1], bit for bit). With the
     * vector outputs set to "", scoring builds no vector per row: what {@code hepml score} does.
     */
    public DnnEnsembleModel setSignalProbabilityCol(String c) {
        set(signalProbabilityCol, c);
        return this;
    }

    public DnnEnsembleModel setRawPredictionCol(String c) {
        set(rawPredictionCol, c);
        return this;
    }

    public DnnEnsembleModel setProbabilityCol(String c) {
        set(probabilityCol, c);
        return this;
    }

    public DnnEnsembleModel setPredictionCol(String c) {
        set(predictionCol, c);
        return this;
    }

    public DnnEnsembleModel setScoringBatchSize(int rows) {
        set(scoringBatchSize, rows);
        return this;
    }

    /** Also write each member's signal probability (its mean over the test-time grid) as a vector column. */
    public DnnEnsembleModel setMemberProbabilitiesCol(String c) {
        set(memberProbabilitiesCol, c);
        return this;
    }

    /** The operator sets {@link #toOnnx} writes: 17 (the default, read by older ONNX Runtime and ROOT SOFIE) to 21. */
    public static final int ONNX_MIN_OPSET = 17;

    public static final int ONNX_MAX_OPSET = 21;

    /**
     * The ensemble as one ONNX model (IR version 8): input {@code features}, float32 {@code [batch, 30]}, the HiggsML
     * features in the order of {@code hepml.input_columns} in the file's metadata (the event Parquet's column names;
     * -999 or NaN for missing); output {@code probability}, float32 {@code [batch, 1]}, the signal probability. The
     * Cartesian conversion, the scaler, the jet embedding, every member, the ensemble weights and, with
     * {@code variants} > 1, the test-time grid are inside the graph. The metadata also carries the provenance.
     */
    public byte[] toOnnx(int variants, int opset) {
        if (ensemble == null) {
            throw new IllegalStateException("DnnEnsembleModel " + uid() + " has no trained members to export");
        }
        if (opset < ONNX_MIN_OPSET || opset > ONNX_MAX_OPSET) {
            throw new IllegalArgumentException(
                    "ONNX export: opset must be " + ONNX_MIN_OPSET + " to " + ONNX_MAX_OPSET + ", got " + opset);
        }
        testTimeAugmentation().validate(variants);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("hepml.input_columns", String.join(",", EnsembleOnnx.INPUT_COLUMNS));
        meta.put("hepml.missing_value", "-999 or NaN");
        meta.put("hepml.output", "probability: signal probability, float32 [batch, 1]");
        meta.put("hepml.test_time_augmentation", Integer.toString(variants));
        meta.put("hepml.members", Integer.toString(ensemble.members.length));
        meta.put("hepml.version", Provenance.libraryVersion());
        for (String key : List.of("trainingDataFingerprint", "seed", "trainingRows", "trainingMode", "sparkVersion")) {
            Object v = ensemble.provenance.get(key);
            if (v != null) {
                meta.put("hepml." + key, v.toString());
            }
        }
        return EnsembleOnnx.export(ensemble, variants, opset, meta);
    }

    /** Ensemble weights (∝ 1 / validation loss). */
    public double[] ensembleWeights() {
        return ensemble.weights.clone();
    }

    public double[] validationLosses() {
        return ensemble.validationLoss.clone();
    }

    public List<String> featureNames() {
        return ensemble.featureNames;
    }

    /**
     * Per member and epoch: {member, epoch, train loss, validation loss, SWA validation loss (NaN without SWA),
     * learning rate, seconds}; empty when loaded.
     */
    public List<double[]> trainingLog() {
        return ensemble.trainingLog;
    }

    private String jetCol() {
        return ensemble == null || ensemble.spec.jetEmbedding() ? getJetCountCol() : "";
    }

    @Override
    public StructType transformSchema(StructType schema) {
        FeatureInput features = FeatureInput.of(this);
        TrainingRows.checkSchema(schema, features, null, null, jetCol(), null, "DnnEnsembleModel");
        if (ensemble != null && features.direct() && features.needed().size() != ensemble.featureNames.size()) {
            throw new IllegalArgumentException("DnnEnsembleModel: " + features.describe() + " are "
                    + features.needed().size() + ", the model was trained on " + ensemble.featureNames.size()
                    + " features (" + String.join(", ", ensemble.featureNames) + ")");
        }
        ScoringColumns outputs = outputs();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String c : outputs.names()) {
            if (Arrays.asList(schema.fieldNames()).contains(c)) {
                throw new IllegalArgumentException("DnnEnsembleModel: output column '" + c + "' exists already");
            }
            if (!seen.add(c)) {
                throw new IllegalArgumentException("DnnEnsembleModel: two outputs are both named '" + c + "'");
            }
        }
        return outputs.addTo(schema);
    }

    private ScoringColumns outputs() {
        return new ScoringColumns(
                getRawPredictionCol(),
                getProbabilityCol(),
                getPredictionCol(),
                getMemberProbabilitiesCol(),
                getSignalProbabilityCol());
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        if (ensemble == null) {
            throw new IllegalStateException("DnnEnsembleModel " + uid() + " has no trained members: load one with "
                    + "DnnEnsembleModel.load(path) or fit a DnnEnsembleClassifier");
        }
        StructType out = transformSchema(dataset.schema());
        StructType in = dataset.schema();
        FeatureInput.Reader features = FeatureInput.of(this).reader(in);
        int ji = jetCol().isEmpty() ? -1 : in.fieldIndex(jetCol());
        int variants = getTestTimeAugmentation();
        int rows = getScoringBatchSize();
        ScoringColumns outputs = outputs();
        if (dataset.isStreaming()) {
            throw new UnsupportedOperationException("DnnEnsembleModel scores batches, not a stream: score each "
                    + "micro-batch with writeStream().foreachBatch(...)");
        }
        Broadcast<Ensemble> b = JavaSparkContext.fromSparkContext(
                        dataset.sparkSession().sparkContext())
                .broadcast(ensemble);
        JavaRDD<InternalRow> scored = CatalystRows.of(dataset)
                .toJavaRDD()
                .mapPartitions(it -> new ScoringIterator(b.value(), it, in, features, ji, variants, rows, outputs));
        return CatalystRows.dataFrame(dataset.sparkSession(), scored.rdd(), out);
    }

    @Override
    public DnnEnsembleModel copy(ParamMap extra) {
        return copyValues(new DnnEnsembleModel(uid(), ensemble), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<DnnEnsembleModel> read() {
        return new Reader();
    }

    public static DnnEnsembleModel load(String path) {
        return read().load(path);
    }

    /** Writes metadata (Spark's format), data/ensemble.json, data/member-i.params, data/training-log.csv. */
    private static final class Writer extends MLWriter {
        private final DnnEnsembleModel model;

        Writer(DnnEnsembleModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            if (model.ensemble == null) {
                throw new IllegalStateException("DnnEnsembleModel " + model.uid() + " has no trained members to save");
            }
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sc(), Option.empty(), Option.empty());
            Ensemble e = model.ensemble;
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("formatVersion", FORMAT_VERSION);
            json.put("features", e.featureNames);
            json.put("scalerShift", e.scaler.shift());
            json.put("scalerScale", e.scaler.scale());
            json.put("ensembleWeights", e.weights);
            json.put("validationLoss", e.validationLoss);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("inputs", e.spec.inputs());
            spec.put("width", e.spec.width());
            spec.put("depth", e.spec.depth());
            spec.put("dense", e.spec.dense());
            spec.put("activation", e.spec.activation());
            spec.put("jetEmbedding", e.spec.jetEmbedding());
            spec.put("seed", e.spec.seed());
            json.put("network", spec);
            json.put("provenance", e.provenance);
            try {
                FileSystem fs = ModelFileSystem.of(new Path(path), sc().hadoopConfiguration());
                List<Object> files = new java.util.ArrayList<>();
                for (int i = 0; i < e.members.length; i++) {
                    byte[] bytes = MemberFile.encode(e.members[i]);
                    String name = "member-" + i + ".params";
                    write(fs, new Path(path, "data/" + name), bytes);
                    files.add(Map.of(
                            "file", name, "parameters", e.members[i].length, "sha256", MemberFile.sha256(bytes)));
                }
                json.put("members", files);
                write(
                        fs,
                        new Path(path, "data/ensemble.json"),
                        new ObjectMapper()
                                .writerWithDefaultPrettyPrinter()
                                .writeValueAsString(json)
                                .getBytes(StandardCharsets.UTF_8));
                StringBuilder csv = new StringBuilder(
                        "member,epoch,train_loss,validation_loss,swa_validation_loss,learning_rate,seconds\n");
                for (double[] r : e.trainingLog) {
                    csv.append((int) r[0]).append(',').append((int) r[1]);
                    for (int k = 2; k < r.length; k++) {
                        csv.append(',').append(Double.isNaN(r[k]) ? "" : Double.toString(r[k]));
                    }
                    csv.append('\n');
                }
                write(
                        fs,
                        new Path(path, "data/training-log.csv"),
                        csv.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException ex) {
                throw new IllegalStateException("cannot write the model to " + path + ": " + ex.getMessage(), ex);
            }
        }

        private static void write(FileSystem fs, Path p, byte[] bytes) throws IOException {
            try (OutputStream out = fs.create(p, true)) {
                out.write(bytes);
            }
        }
    }

    private static final class Reader extends MLReader<DnnEnsembleModel> {
        @Override
        @SuppressWarnings("unchecked")
        public DnnEnsembleModel load(String path) {
            FileSystem fs;
            try {
                fs = ModelFileSystem.of(new Path(path), sc().hadoopConfiguration());
                if (!fs.exists(new Path(path))) {
                    throw new IllegalArgumentException("no model at " + path + ": the path does not exist");
                }
                for (String part : new String[] {"metadata", "data/ensemble.json"}) {
                    if (!fs.exists(new Path(path, part))) {
                        throw new IllegalArgumentException(
                                path + " is not a saved DnnEnsembleModel, or an incomplete one: no " + part);
                    }
                }
            } catch (IOException ex) {
                throw new IllegalArgumentException("cannot read the model at " + path + ": " + ex.getMessage(), ex);
            }
            DefaultParamsReader.Metadata md =
                    ParamsMetadata.load(path, sc().hadoopConfiguration(), DnnEnsembleModel.class.getName());
            String where = path + "/data/ensemble.json";
            Map<String, Object> json;
            try {
                json = new ObjectMapper().readValue(read(fs, new Path(path, "data/ensemble.json")), Map.class);
            } catch (IOException ex) {
                throw new IllegalArgumentException(
                        where + " is not valid JSON (truncated or edited?): "
                                + ex.getMessage().lines().findFirst().orElse(""),
                        ex);
            }
            Object version = json.get("formatVersion");
            if (!(version instanceof Number) || ((Number) version).intValue() != FORMAT_VERSION) {
                throw new IllegalArgumentException(path + ": model format version " + version + ", this library ("
                        + Provenance.libraryVersion() + ") reads version " + FORMAT_VERSION
                        + (version instanceof Number && ((Number) version).intValue() < FORMAT_VERSION
                                ? "; version 1 stored DL4J model files, which hepml no longer loads: train the "
                                        + "model again"
                                : ""));
            }
            Map<String, Object> n = field(json, "network", Map.class, where);
            NetworkSpec spec = new NetworkSpec(
                    number(n, "inputs", where).intValue(),
                    number(n, "width", where).intValue(),
                    number(n, "depth", where).intValue(),
                    field(n, "dense", Boolean.class, where),
                    field(n, "activation", String.class, where),
                    field(n, "jetEmbedding", Boolean.class, where),
                    number(n, "seed", where).longValue());
            int expected = spec.parameterCount();
            double[] losses = doubles(field(json, "validationLoss", List.class, where), where, "validationLoss");
            List<Object> files = field(json, "members", List.class, where);
            if (files.size() != losses.length || files.isEmpty()) {
                throw new IllegalArgumentException(
                        where + ": " + files.size() + " member files but " + losses.length + " validation losses");
            }
            float[][] members = new float[files.size()][];
            for (int i = 0; i < members.length; i++) {
                if (!(files.get(i) instanceof Map)) {
                    throw new IllegalArgumentException(where + ": members[" + i + "] is not an object");
                }
                Map<String, Object> f = (Map<String, Object>) files.get(i);
                String name = field(f, "file", String.class, where);
                if (!name.matches("member-[0-9]+\\.params")) {
                    throw new IllegalArgumentException(where + ": members[" + i + "] names the file '" + name
                            + "'; member files are data/member-<i>.params");
                }
                Path file = new Path(path, "data/" + name);
                byte[] bytes;
                try {
                    bytes = read(fs, file);
                } catch (IOException ex) {
                    throw new IllegalArgumentException(
                            "cannot read ensemble member " + i + " (" + file + "): " + ex.getMessage(), ex);
                }
                members[i] =
                        MemberFile.decode(bytes, file.toString(), field(f, "sha256", String.class, where), expected);
            }
            List<String> features = field(json, "features", List.class, where);
            double[] shift = doubles(field(json, "scalerShift", List.class, where), where, "scalerShift");
            double[] scale = doubles(field(json, "scalerScale", List.class, where), where, "scalerScale");
            if (features.size() != spec.inputs() || shift.length != spec.inputs() || scale.length != spec.inputs()) {
                throw new IllegalArgumentException(
                        where + ": the network has " + spec.inputs() + " inputs, but " + features.size()
                                + " features and " + shift.length + "/" + scale.length + " scaler values are recorded");
            }
            Object provenance = json.get("provenance");
            Ensemble e = new Ensemble(
                    spec,
                    features,
                    new FeatureScaler(shift, scale),
                    members,
                    losses,
                    List.of(),
                    provenance instanceof Map ? (Map<String, Object>) provenance : Map.of());
            DnnEnsembleModel model = new DnnEnsembleModel(md.uid(), e);
            // "batchSize" was this model's inference batch before it became scoringBatchSize (copyValues gave it the
            // classifier's mini-batch size): models saved then load with the default
            md.getAndSetParams(
                    model,
                    Option.apply(scala.collection.immutable.List$.MODULE$
                            .<String>empty()
                            .$colon$colon("batchSize")));
            return model;
        }

        @SuppressWarnings("unchecked")
        private static <T> T field(Map<String, Object> m, String key, Class<?> type, String where) {
            Object v = m.get(key);
            if (!type.isInstance(v)) {
                throw new IllegalArgumentException(where + ": field '" + key + "' is "
                        + (v == null
                                ? "missing"
                                : "not a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT)));
            }
            return (T) v;
        }

        private static Number number(Map<String, Object> m, String key, String where) {
            return field(m, key, Number.class, where);
        }

        private static double[] doubles(List<?> l, String where, String key) {
            double[] d = new double[l.size()];
            for (int i = 0; i < d.length; i++) {
                if (!(l.get(i) instanceof Number)) {
                    throw new IllegalArgumentException(where + ": " + key + "[" + i + "] is not a number");
                }
                d[i] = ((Number) l.get(i)).doubleValue();
            }
            return d;
        }

        private static byte[] read(FileSystem fs, Path p) throws IOException {
            try (InputStream in = fs.open(p)) {
                return in.readAllBytes();
            }
        }
    }
}
