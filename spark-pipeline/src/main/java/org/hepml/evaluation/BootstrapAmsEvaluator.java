package org.hepml.evaluation;

import java.util.Locale;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hepml.ams.AmsScan;
import org.hepml.ams.BootstrapMeanCut;
import org.hepml.ams.BootstrapResult;
import org.hepml.ams.Resampling;
import org.hepml.params.Check;
import org.hepml.persistence.ParamsReader;

/**
 * The bootstrap mean cut (QCHS 2018): R resamples (default 512) of the validation set, the optimal cut of each,
 * their mean; {@link #bootstrap} returns every figure ({@link BootstrapResult}), {@link #evaluate} the AMS at the
 * mean cut (larger is better, so it serves {@code CrossValidator}), and {@link #amsAt} applies a cut to other
 * data (the challenge's public and private sets, with their own weights).
 *
 * <p>{@code mode}: {@code memory} (one sort on the driver: O(N log N + R·N)), {@code distributed} (Poisson
 * resamples histogrammed at {@code bins} bins and merged by Spark), or {@code auto} (the default: memory up to
 * {@code maxInMemory} events). The distributed path always resamples by Poisson(1) from (seed, EventId, r);
 * memory mode does so with {@code resampling = poisson}, and then both draw the same resamples.
 */
public final class BootstrapAmsEvaluator extends AmsEvaluatorBase<BootstrapAmsEvaluator> {
    private static final long serialVersionUID = 1L;
    private final IntParam resamples =
            new IntParam(this, "resamples", "number of bootstrap resamples", Check.atLeast(this, "resamples", 2));
    private final LongParam seed = new LongParam(this, "seed", "random seed of the resampling");
    private final Param<String> resampling = new Param<>(
            this,
            "resampling",
            "multinomial or poisson (memory mode)",
            Check.oneOf(this, "resampling", "multinomial", "poisson"));
    private final Param<String> mode = new Param<>(
            this, "mode", "auto, memory or distributed", Check.oneOf(this, "mode", "auto", "memory", "distributed"));
    private final IntParam bins = new IntParam(
            this,
            "bins",
            "score bins of the distributed path (at least 100,000)",
            Check.atLeast(this, "bins", 100_000));
    private final LongParam maxInMemory = new LongParam(
            this, "maxInMemory", "largest set that auto evaluates in memory", Check.atLeast(this, "maxInMemory", 0));
    private final IntParam chunk =
            new IntParam(this, "chunk", "resamples per pass of the distributed path", Check.atLeast(this, "chunk", 1));

    public BootstrapAmsEvaluator(String uid) {
        super(uid);
        setDefault(resamples, BootstrapMeanCut.DEFAULT_RESAMPLES);
        setDefault(seed, 42L);
        setDefault(resampling, "multinomial");
        setDefault(mode, "auto");
        setDefault(bins, 100_000);
        setDefault(maxInMemory, 5_000_000L);
        setDefault(chunk, 16);
    }

    public BootstrapAmsEvaluator() {
        this(Identifiable$.MODULE$.randomUID("bootstrapAmsEvaluator"));
    }

    public IntParam resamples() {
        return resamples;
    }

    public LongParam seed() {
        return seed;
    }

    public Param<String> resampling() {
        return resampling;
    }

    public Param<String> mode() {
        return mode;
    }

    public IntParam bins() {
        return bins;
    }

    public LongParam maxInMemory() {
        return maxInMemory;
    }

    public IntParam chunk() {
        return chunk;
    }

    public int getResamples() {
        return (Integer) getOrDefault(resamples);
    }

    public long getSeed() {
        return (Long) getOrDefault(seed);
    }

    public String getResampling() {
        return getOrDefault(resampling);
    }

    public String getMode() {
        return getOrDefault(mode);
    }

    public int getBins() {
        return (Integer) getOrDefault(bins);
    }

    public long getMaxInMemory() {
        return (Long) getOrDefault(maxInMemory);
    }

    public int getChunk() {
        return (Integer) getOrDefault(chunk);
    }

    public BootstrapAmsEvaluator setResamples(int r) {
        set(resamples, r);
        return this;
    }

    public BootstrapAmsEvaluator setSeed(long s) {
        set(seed, s);
        return this;
    }

    /** multinomial or poisson (any case). */
    public BootstrapAmsEvaluator setResampling(String r) {
        set(resampling, r == null ? null : r.toLowerCase(Locale.ROOT));
        return this;
    }

    /** auto, memory or distributed (any case). */
    public BootstrapAmsEvaluator setMode(String m) {
        set(mode, m == null ? null : m.toLowerCase(Locale.ROOT));
        return this;
    }

    public BootstrapAmsEvaluator setBins(int b) {
        set(bins, b);
        return this;
    }

    public BootstrapAmsEvaluator setMaxInMemory(long n) {
        set(maxInMemory, n);
        return this;
    }

    public BootstrapAmsEvaluator setChunk(int c) {
        set(chunk, c);
        return this;
    }

    /** Every figure of the bootstrap on this data. */
    public BootstrapResult bootstrap(Dataset<?> dataset) {
        Dataset<Row> sel = select(dataset);
        double[] sums = validate(sel);
        double[] f = scales(sums[0], sums[1]);
        boolean distributed =
                getMode().equals("distributed") || (getMode().equals("auto") && sums[2] > getMaxInMemory());
        if (distributed) {
            return DistributedBootstrap.run(
                    sel,
                    getResamples(),
                    getSeed(),
                    getBr(),
                    getBins(),
                    getChunk(),
                    getScoreIsProbability(),
                    f[0],
                    f[1]);
        }
        return new BootstrapMeanCut(getResamples(), getSeed(), getBr(), Resampling.fromName(getResampling()))
                .run(collect(sel), f[0], f[1]);
    }

    /** The AMS at the bootstrap mean cut. */
    @Override
    public double evaluate(Dataset<?> dataset) {
        return bootstrap(dataset).amsAtMeanCut();
    }

    /**
     * The AMS of other data at a cut (e.g. the mean cut found on validation), with this evaluator's weight
     * scaling applied to that data's own weights.
     */
    public double amsAt(Dataset<?> dataset, double cut) {
        Dataset<Row> sel = select(dataset);
        double[] sums = validate(sel);
        double[] f = scales(sums[0], sums[1]);
        return AmsScan.at(collect(sel), cut, f[0], f[1], getBr());
    }

    public static MLReader<BootstrapAmsEvaluator> read() {
        return new ParamsReader<>();
    }

    public static BootstrapAmsEvaluator load(String path) {
        return read().load(path);
    }
}
