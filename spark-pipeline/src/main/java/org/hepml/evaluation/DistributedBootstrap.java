package org.hepml.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.Collections;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.hepml.ams.Ams;
import org.hepml.ams.AmsScan;
import org.hepml.ams.BootstrapResult;
import org.hepml.ams.Moments;
import org.hepml.ams.ResampleHistograms;

/**
 * The bootstrap mean cut for data too large for the driver: Poisson(1) multiplicities from (seed, EventId,
 * resample) — the in-memory path's POISSON resamples exactly — and scores histogrammed in each partition, per
 * resample, then merged by Spark; each resample's best cut is a scan down the merged bins. Resamples go in
 * chunks (memory per task: chunk × bins × 20 bytes). Cuts are bin edges, so it agrees with the in-memory path
 * to within the bin width; the AMS at the mean cut is computed exactly, by a filter.
 */
final class DistributedBootstrap {
    private DistributedBootstrap() {}

    /** Makes a task's accumulator inside the task, so only this small factory travels. */
    private interface HistogramFactory extends Serializable {
        ResampleHistograms make();
    }

    static BootstrapResult run(
            Dataset<Row> sel,
            int resamples,
            long seed,
            double br,
            int bins,
            int chunk,
            boolean probability,
            double signalScale,
            double backgroundScale) {
        Dataset<Row> data = sel.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            double lo = 0;
            double hi = 1;
            if (!probability) {
                Row range = data.agg(min("score"), max("score")).first();
                lo = range.getDouble(0);
                hi = range.getDouble(1) > lo ? range.getDouble(1) : lo + 1;
                hi += (hi - lo) * 1e-9; // the top score stays inside the last bin
            }
            final double flo = lo;
            final double fhi = hi;
            JavaRDD<Row> rows = data.javaRDD();
            double[] ams = new double[resamples];
            double[] cuts = new double[resamples];
            for (int start = 0; start < resamples; start += chunk) {
                int first = start;
                int size = Math.min(chunk, resamples - start);
                data.sparkSession()
                        .sparkContext()
                        .setJobDescription(
                                "bootstrap AMS: resamples " + (first + 1) + "-" + (first + size) + " of " + resamples);
                ResampleHistograms h = aggregate(rows, () -> new ResampleHistograms(first, size, bins, flo, fhi, seed));
                for (int j = 0; j < size; j++) {
                    AmsScan.Best best = h.best(j, signalScale, backgroundScale, br);
                    ams[first + j] = best.ams();
                    cuts[first + j] = best.cut();
                }
            }
            ResampleHistograms whole = aggregate(rows, () -> ResampleHistograms.wholeSet(bins, flo, fhi));
            AmsScan.Best overall = whole.best(0, signalScale, backgroundScale, br);
            double meanCut = Moments.mean(cuts);
            Row sel2 = data.where(col("score").geq(meanCut))
                    .agg(
                            sum(when(col("label").equalTo(1.0), col("weight")).otherwise(0.0)),
                            sum(when(col("label").equalTo(0.0), col("weight")).otherwise(0.0)))
                    .first();
            double s = sel2.isNullAt(0) ? 0 : sel2.getDouble(0);
            double b = sel2.isNullAt(1) ? 0 : sel2.getDouble(1);
            data.sparkSession().sparkContext().setJobDescription(null);
            return new BootstrapResult(
                    resamples,
                    meanCut,
                    Moments.std(cuts),
                    Moments.mean(ams),
                    Moments.std(ams),
                    Ams.ams(signalScale * s, backgroundScale * b, br),
                    overall.ams(),
                    overall.cut(),
                    ams,
                    cuts,
                    whole.curve(0, signalScale, backgroundScale, br, BootstrapResult.CURVE_POINTS));
        } finally {
            data.unpersist();
        }
    }

    /** One accumulator per partition, created in the task (never shipped), merged pairwise. */
    private static ResampleHistograms aggregate(JavaRDD<Row> rows, HistogramFactory make) {
        return rows.mapPartitions(it -> {
                    ResampleHistograms h = make.make();
                    while (it.hasNext()) {
                        Row r = it.next();
                        h.add(r.getDouble(0), r.getDouble(1) == 1.0, r.getDouble(2), r.getLong(3));
                    }
                    return Collections.singletonList(h).iterator();
                })
                .treeReduce(ResampleHistograms::merge, 2);
    }
}
