package org.hepml.evaluation;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.ams.AmsScan;
import org.hepml.ams.SortedScores;
import org.hepml.persistence.ParamsReader;

/**
 * The weighted AMS as a spark.ml {@link org.apache.spark.ml.evaluation.Evaluator}: at a given cut
 * ({@code cut}), or maximised over every cut (the default, {@code cut} NaN). Larger is better, so it serves
 * {@code CrossValidator} and {@code TrainValidationSplit}. Evaluates in memory on the driver (one sort).
 */
public final class AmsEvaluator extends AmsEvaluatorBase<AmsEvaluator> {
    private static final long serialVersionUID = 1L;
    private final DoubleParam cut = new DoubleParam(this, "cut", "select score >= cut; NaN maximises over all cuts");

    public AmsEvaluator(String uid) {
        super(uid);
        setDefault(cut, Double.NaN);
    }

    public AmsEvaluator() {
        this(Identifiable$.MODULE$.randomUID("amsEvaluator"));
    }

    public DoubleParam cut() {
        return cut;
    }

    public double getCut() {
        return (Double) getOrDefault(cut);
    }

    public AmsEvaluator setCut(double value) {
        set(cut, value);
        return this;
    }

    @Override
    public double evaluate(Dataset<?> dataset) {
        Dataset<Row> sel = select(dataset);
        double[] sums = validate(sel);
        double[] f = scales(sums[0], sums[1]);
        SortedScores ev = collect(sel);
        return Double.isNaN(getCut())
                ? AmsScan.best(ev, f[0], f[1], getBr(), null).ams()
                : AmsScan.at(ev, getCut(), f[0], f[1], getBr());
    }

    public static MLReader<AmsEvaluator> read() {
        return new ParamsReader<>();
    }

    public static AmsEvaluator load(String path) {
        return read().load(path);
    }
}
