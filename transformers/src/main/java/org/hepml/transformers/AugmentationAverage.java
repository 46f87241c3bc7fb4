package org.hepml.transformers;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min_by;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.hepml.event.HiggsEventSchema;
import org.hepml.params.Check;
import org.hepml.params.HasAugmentationIndexCol;
import org.hepml.params.HasEventIdCol;
import org.hepml.persistence.ParamsReader;

/**
 * Averages a score over the variants of {@link TestTimeAugmentation}, back to one row per event: a numeric column
 * by its mean, a vector column ({@code probability}, {@code rawPrediction}) element by element. Every other column
 * is taken from variant 0, the event as it was, and the variant index is dropped.
 */
public final class AugmentationAverage extends EventStage
        implements HasEventIdCol<AugmentationAverage>, HasAugmentationIndexCol<AugmentationAverage> {
    private static final long serialVersionUID = 1L;
    static final String DEFAULT_INDEX_COL = "aug_index";

    private final Param<String> inputCol = new Param<>(
            this, "inputCol", "score column to average (numeric or vector)", Check.column(this, "inputCol"));

    public AugmentationAverage(String uid) {
        super(uid);
        setDefault(inputCol, "probability");
        setDefault(eventIdCol(), HiggsEventSchema.EVENT_ID);
        setDefault(augmentationIndexCol(), DEFAULT_INDEX_COL);
    }

    public AugmentationAverage() {
        this(Identifiable$.MODULE$.randomUID("augmentationAverage"));
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public AugmentationAverage setInputCol(String value) {
        set(inputCol, value);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        List<String> names = Arrays.asList(schema.fieldNames());
        for (String c : new String[] {getInputCol(), getEventIdCol(), getAugmentationIndexCol()}) {
            if (!names.contains(c)) {
                throw new IllegalArgumentException(who() + ": column '" + c + "' not found; columns are "
                        + String.join(", ", schema.fieldNames()));
            }
        }
        DataType t = schema.apply(getInputCol()).dataType();
        if (!(t instanceof NumericType) && !t.equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException(
                    who() + ": column '" + getInputCol() + "' must be numeric or a vector, is " + t.simpleString());
        }
        List<StructField> out = new ArrayList<>();
        for (StructField f : schema.fields()) {
            if (f.name().equals(getAugmentationIndexCol())) {
                continue;
            }
            out.add(
                    f.name().equals(getInputCol()) && t instanceof NumericType
                            ? DataTypes.createStructField(f.name(), DataTypes.DoubleType, true)
                            : f);
        }
        return DataTypes.createStructType(out);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType outSchema = transformSchema(dataset.schema());
        boolean vector = dataset.schema().apply(getInputCol()).dataType().equals(SQLDataTypes.VectorType());
        Column index = col(getAugmentationIndexCol());
        List<Column> aggs = new ArrayList<>();
        for (StructField f : outSchema.fields()) {
            String n = f.name();
            if (n.equals(getEventIdCol())) {
                continue;
            }
            Column c =
                    n.equals(getInputCol()) ? (vector ? Summarizer.mean(col(n)) : avg(col(n))) : min_by(col(n), index);
            aggs.add(c.as(n));
        }
        Dataset<Row> grouped = dataset.toDF()
                .groupBy(col(getEventIdCol()))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
        return grouped.select(Arrays.stream(outSchema.fieldNames())
                .map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new));
    }

    public static MLReader<AugmentationAverage> read() {
        return new ParamsReader<>();
    }

    public static AugmentationAverage load(String path) {
        return read().load(path);
    }
}
