package org.hepml.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.hepml.ams.Ams;
import org.hepml.ams.SortedScores;
import org.hepml.event.HiggsEventSchema;
import org.hepml.params.Check;
import org.hepml.params.HasEventIdCol;
import org.hepml.params.HasLabelCol;
import org.hepml.params.HasWeightCol;

/**
 * What the AMS evaluators share: the columns (a numeric score, or a vector such as {@code probability} whose
 * element 1 is the signal score), the regularisation b_r, and how weights stand for the full sample — a uniform
 * factor ({@code weightScale}, e.g. N/n), or rescaling each class to totals ({@code signalTotal},
 * {@code backgroundTotal}, e.g. the challenge's 691.99 and 410,999.85). Bad input (null or negative weights, null
 * labels, labels other than 0/1, scores outside [0, 1] when they should be probabilities) is a clear error
 * naming the column, never a NaN.
 */
public abstract class AmsEvaluatorBase<T extends AmsEvaluatorBase<T>> extends IdentifiedEvaluator
        implements DefaultParamsWritable, HasLabelCol<T>, HasWeightCol<T>, HasEventIdCol<T> {
    private static final long serialVersionUID = 1L;

    private final Param<String> scoreCol = new Param<>(
            this,
            "scoreCol",
            "score column: numeric, or a vector whose element 1 is the signal score",
            Check.column(this, "scoreCol"));
    private final DoubleParam br =
            new DoubleParam(this, "br", "AMS regularisation b_r", Check.positive(this, "br", false));
    private final DoubleParam weightScale = new DoubleParam(
            this,
            "weightScale",
            "uniform factor on all weights (N/n for a subset of n of N)",
            Check.positive(this, "weightScale", true));
    private final DoubleParam signalTotal = new DoubleParam(
            this,
            "signalTotal",
            "if > 0, signal weights are rescaled to sum to this",
            Check.positive(this, "signalTotal", false));
    private final DoubleParam backgroundTotal = new DoubleParam(
            this,
            "backgroundTotal",
            "if > 0, background weights are rescaled to sum to this",
            Check.positive(this, "backgroundTotal", false));
    private final BooleanParam scoreIsProbability =
            new BooleanParam(this, "scoreIsProbability", "fail on scores outside [0, 1]");

    protected AmsEvaluatorBase(String uid) {
        super(uid);
        setDefault(scoreCol, "probability");
        setDefault(labelCol(), HiggsEventSchema.LABEL);
        setDefault(weightCol(), HiggsEventSchema.WEIGHT);
        setDefault(eventIdCol(), HiggsEventSchema.EVENT_ID);
        setDefault(br, Ams.DEFAULT_BR);
        setDefault(weightScale, 1.0);
        setDefault(signalTotal, 0.0);
        setDefault(backgroundTotal, 0.0);
        setDefault(scoreIsProbability, true);
    }

    @Override
    public boolean isLargerBetter() {
        return true;
    }

    @Override
    public Evaluator copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public Param<String> scoreCol() {
        return scoreCol;
    }

    public DoubleParam br() {
        return br;
    }

    public DoubleParam weightScale() {
        return weightScale;
    }

    public DoubleParam signalTotal() {
        return signalTotal;
    }

    public DoubleParam backgroundTotal() {
        return backgroundTotal;
    }

    public BooleanParam scoreIsProbability() {
        return scoreIsProbability;
    }

    public String getScoreCol() {
        return getOrDefault(scoreCol);
    }

    public double getBr() {
        return (Double) getOrDefault(br);
    }

    public double getWeightScale() {
        return (Double) getOrDefault(weightScale);
    }

    public double getSignalTotal() {
        return (Double) getOrDefault(signalTotal);
    }

    public double getBackgroundTotal() {
        return (Double) getOrDefault(backgroundTotal);
    }

    public boolean getScoreIsProbability() {
        return (Boolean) getOrDefault(scoreIsProbability);
    }

    public T setScoreCol(String v) {
        set(scoreCol, v);
        return self();
    }

    public T setBr(double v) {
        set(br, v);
        return self();
    }

    public T setWeightScale(double v) {
        set(weightScale, v);
        return self();
    }

    /** Rescale each class's weights to these totals (both > 0). */
    public T setClassTotals(double s, double b) {
        if (!(s > 0) || !(b > 0)) {
            throw new IllegalArgumentException(
                    who() + ": class totals must be positive, got signal " + s + ", background " + b);
        }
        set(signalTotal, s);
        set(backgroundTotal, b);
        return self();
    }

    public T setScoreIsProbability(boolean v) {
        set(scoreIsProbability, v);
        return self();
    }

    /** The score as a double column: a numeric column as it is, element 1 of a vector column. */
    protected Column scoreColumn(StructType schema) {
        return ScoreColumn.of(schema, getScoreCol(), who());
    }

    @SuppressWarnings("unchecked")
    protected T self() {
        return (T) this;
    }

    protected String who() {
        return getClass().getSimpleName();
    }

    /** Fails before any job when a needed column is missing. */
    protected void checkSchema(StructType schema) {
        List<String> names = Arrays.asList(schema.fieldNames());
        for (String c : new String[] {getScoreCol(), getLabelCol(), getWeightCol()}) {
            if (!names.contains(c)) {
                throw new IllegalArgumentException(who() + ": column '" + c + "' not found; columns are "
                        + String.join(", ", schema.fieldNames()));
            }
        }
        scoreColumn(schema);
    }

    /** Columns score, label, weight, id (id = EventId when present, else a row number) for the evaluation. */
    protected Dataset<Row> select(Dataset<?> dataset) {
        checkSchema(dataset.schema());
        boolean hasId = Arrays.asList(dataset.schema().fieldNames()).contains(getEventIdCol());
        return dataset.toDF()
                .select(
                        scoreColumn(dataset.schema()).as("score"),
                        col(getLabelCol()).cast("double").as("label"),
                        col(getWeightCol()).cast("double").as("weight"),
                        (hasId
                                        ? col(getEventIdCol()).cast("long")
                                        : org.apache.spark.sql.functions.monotonically_increasing_id())
                                .as("id"));
    }

    /**
     * One pass: checks the data and returns {signal weight sum, background weight sum, events}. Errors name the
     * column, how many rows are at fault, and one example event id.
     */
    protected double[] validate(Dataset<Row> sel) {
        Column badWeight = col("weight")
                .isNull()
                .or(col("weight").isNaN())
                .or(col("weight").lt(0));
        Column badLabel = col("label")
                .isNull()
                .or(col("label").notEqual(0.0).and(col("label").notEqual(1.0)));
        Column badScore = col("score").isNull().or(col("score").isNaN());
        Column outOfRange =
                getScoreIsProbability() ? col("score").lt(0).or(col("score").gt(1)) : lit(false);
        Row r = sel.agg(
                        count(lit(1)),
                        sum(when(badWeight, 1L).otherwise(0L)),
                        sum(when(badLabel, 1L).otherwise(0L)),
                        sum(when(badScore, 1L).otherwise(0L)),
                        sum(when(outOfRange, 1L).otherwise(0L)),
                        sum(when(col("label").equalTo(1.0), col("weight")).otherwise(0.0)),
                        sum(when(col("label").equalTo(0.0), col("weight")).otherwise(0.0)),
                        sum(when(col("label").equalTo(1.0), 1L).otherwise(0L)))
                .first();
        long n = r.getLong(0);
        if (n == 0) {
            throw new IllegalArgumentException(who() + ": no events to evaluate");
        }
        fail(sel, r.getLong(1), badWeight, "column '" + getWeightCol() + "': null, NaN or negative weights");
        fail(
                sel,
                r.getLong(2),
                badLabel,
                "column '" + getLabelCol() + "': labels must be 1 (signal) or 0 (background)");
        fail(sel, r.getLong(3), badScore, "column '" + getScoreCol() + "': null or NaN scores");
        fail(
                sel,
                r.getLong(4),
                outOfRange,
                "column '" + getScoreCol() + "': scores outside [0, 1] where a probability is "
                        + "expected (set scoreIsProbability false, or --any-score, for other scores)");
        long signal = r.getLong(7);
        if (signal == 0 || signal == n) {
            throw new IllegalArgumentException(who() + ": the AMS needs both signal and background events; all " + n
                    + " events are " + (signal == 0 ? "background" : "signal"));
        }
        return new double[] {r.isNullAt(5) ? 0 : r.getDouble(5), r.isNullAt(6) ? 0 : r.getDouble(6), n};
    }

    private void fail(Dataset<Row> sel, long bad, Column cond, String what) {
        if (bad > 0) {
            Row example = sel.where(cond).select("id").first();
            throw new IllegalArgumentException(
                    who() + ": " + bad + " row(s) with " + what + " (e.g. event id " + example.get(0) + ")");
        }
    }

    /** {signal scale, background scale}: class totals when set, else the uniform factor. */
    protected double[] scales(double signalSum, double backgroundSum) {
        if (getSignalTotal() > 0 && getBackgroundTotal() > 0) {
            return new double[] {getSignalTotal() / signalSum, getBackgroundTotal() / backgroundSum};
        }
        return new double[] {getWeightScale(), getWeightScale()};
    }

    /** The selected columns on the driver, sorted. */
    protected static SortedScores collect(Dataset<Row> sel) {
        List<Row> rows = sel.collectAsList();
        int n = rows.size();
        double[] s = new double[n];
        double[] l = new double[n];
        double[] w = new double[n];
        long[] id = new long[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            s[i] = r.getDouble(0);
            l[i] = r.getDouble(1);
            w[i] = r.getDouble(2);
            id[i] = r.getLong(3);
        }
        return SortedScores.of(s, l, w, id);
    }
}
