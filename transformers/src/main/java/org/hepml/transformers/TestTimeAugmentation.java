package org.hepml.transformers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sequence;

import java.util.Arrays;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.hepml.params.Check;
import org.hepml.params.HasAugmentationIndexCol;
import org.hepml.persistence.ParamsReader;
import org.hepml.symmetry.TestTimeGrid;

/**
 * Test-time augmentation for any Spark classifier: every event becomes K rows, one per transform of the
 * {@link TestTimeGrid} (default 32 = 8 rotations by kπ/4 × {none, z flip, transverse flip, both}; 8 = 2 × 2 × 2;
 * 4 = flips only; 1 = the event itself), numbered in {@code augmentationIndexCol} with the grid's own decoding
 * (variant k: rotation k mod R, flips k / R). Score the rows, then {@link AugmentationAverage} brings them back
 * to one row per event. (The DNN model does the same inside its batches without multiplying rows.)
 */
public final class TestTimeAugmentation extends EventStage implements HasAugmentationIndexCol<TestTimeAugmentation> {
    private static final long serialVersionUID = 1L;
    private final IntParam variants = new IntParam(
            this,
            "variants",
            "variants per event: 1 or a multiple of 4 (rotations x 4 flip sets)",
            Check.of(
                    this,
                    "variants",
                    "1 or a multiple of 4",
                    v -> (Integer) v == 1 || ((Integer) v >= 4 && (Integer) v % 4 == 0)));

    public TestTimeAugmentation(String uid) {
        super(uid);
        setDefault(variants, 32);
        setDefault(augmentationIndexCol(), AugmentationAverage.DEFAULT_INDEX_COL);
    }

    public TestTimeAugmentation() {
        this(Identifiable$.MODULE$.randomUID("testTimeAugmentation"));
    }

    public IntParam variants() {
        return variants;
    }

    public int getVariants() {
        return (Integer) getOrDefault(variants);
    }

    public TestTimeAugmentation setVariants(int k) {
        set(variants, k);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        EventObjectColumns.of(schema).requireSome(who(), schema);
        if (Arrays.asList(schema.fieldNames()).contains(getAugmentationIndexCol())) {
            throw new IllegalArgumentException(who() + ": column '" + getAugmentationIndexCol()
                    + "' exists already (is the data augmented twice?); set augmentationIndexCol to another name");
        }
        return schema.add(DataTypes.createStructField(getAugmentationIndexCol(), DataTypes.IntegerType, false));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        int k = getVariants();
        String idx = getAugmentationIndexCol();
        Dataset<Row> rows = dataset.toDF().withColumn(idx, explode(sequence(lit(0), lit(k - 1))));
        if (k == 1) {
            return rows;
        }
        int rotations = k / 4;
        Column index = col(idx);
        Column r = pmod(index, lit(rotations));
        Column flips = floor(index.divide(rotations)).cast("int");
        // θ = 2π·r / R, in the same order of operations as TestTimeGrid.decode, so both give the same doubles
        Column theta = lit(2 * Math.PI).multiply(r).divide(rotations);
        Column flipZ = flips.bitwiseAND(1).equalTo(1);
        Column flipY = flips.bitwiseAND(2).equalTo(2);
        return SymmetryColumns.apply(rows, EventObjectColumns.of(dataset.schema()), theta, flipZ, flipY);
    }

    /**
     * Any fitted model with test-time augmentation: each event expanded into the grid's {@code variants} copies, scored
     * by {@code model}, and its probability averaged back to one row per event ({@link AugmentationAverage}). A
     * PipelineModel of the three, so it saves and loads as one (when {@code model} does). How a peer classifier gets
     * the DNN's test-time augmentation. (PipelineModel's constructor is Scala-private but public to Java, in Spark 3.5
     * and 4 alike.)
     */
    public static PipelineModel around(Transformer model, int variants) {
        return new PipelineModel(
                Identifiable$.MODULE$.randomUID("testTimeAveraged"),
                new Transformer[] {new TestTimeAugmentation().setVariants(variants), model, new AugmentationAverage()});
    }

    public static MLReader<TestTimeAugmentation> read() {
        return new ParamsReader<>();
    }

    public static TestTimeAugmentation load(String path) {
        return read().load(path);
    }
}
