package org.hepml.jobs.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.hepml.ams.BootstrapResult;

/**
 * What tells a real difference from fold noise: each method against a reference on the same folds (the mean ± std of
 * the per-fold differences, and on how many folds it wins), and the figures on all folds' test scores pooled
 * (out-of-fold), where the AMS rests on K times more background events than on one fold.
 */
public final class PairedDiagnostics {
    /** One method's row. Differences are method − reference; wins count folds where the method is strictly better. */
    public record Row(
            String method,
            double pooledAuc,
            double pooledAmsAtMeanCut,
            double pooledMeanCut,
            int pooledBackgroundPassing,
            double[] deltaAuc,
            int aucWins,
            double[] deltaAms,
            int amsWins,
            int folds) {}

    public static final String[] HEADER = {
        "method",
        "pooled AUC",
        "pooled AMS at mean cut",
        "bkg events passing",
        "ΔAUC vs ref (wins)",
        "ΔAMS at mean cut vs ref (wins)"
    };

    private final String reference;
    private final List<Row> rows;

    private PairedDiagnostics(String reference, List<Row> rows) {
        this.reference = reference;
        this.rows = rows;
    }

    public String reference() {
        return reference;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The diagnostics of a cross-validation against {@code reference} (one of its methods). */
    public static PairedDiagnostics of(CrossValidation.Result cv, String reference, long seed) {
        List<FoldMetrics> ref = cv.folds().get(reference);
        if (ref == null) {
            throw new IllegalArgumentException("reference method '" + reference + "' is not among the compared: "
                    + String.join(", ", cv.folds().keySet()));
        }
        List<Row> rows = new ArrayList<>();
        cv.folds().forEach((name, folds) -> {
            double[][] p = cv.pooled().get(name);
            BootstrapResult pooled = FoldMetrics.bootstrap(p[0], p[1], p[2], cv.ids(), seed);
            rows.add(new Row(
                    name,
                    FoldMetrics.weightedAuc(p[0], p[1], p[2]),
                    pooled.amsAtMeanCut(),
                    pooled.meanCut(),
                    FoldMetrics.backgroundPassing(p[0], p[1], pooled.meanCut()),
                    delta(folds, ref, FoldMetrics::auc),
                    wins(folds, ref, FoldMetrics::auc),
                    delta(folds, ref, FoldMetrics::amsAtMeanCut),
                    wins(folds, ref, FoldMetrics::amsAtMeanCut),
                    folds.size()));
        });
        return new PairedDiagnostics(reference, rows);
    }

    /** Mean and sample std of the per-fold differences method − reference. */
    static double[] delta(List<FoldMetrics> method, List<FoldMetrics> ref, ToDoubleFunction<FoldMetrics> f) {
        int k = method.size();
        double[] d = new double[k];
        double mean = 0;
        for (int i = 0; i < k; i++) {
            d[i] = f.applyAsDouble(method.get(i)) - f.applyAsDouble(ref.get(i));
            mean += d[i] / k;
        }
        double ss = 0;
        for (double v : d) {
            ss += (v - mean) * (v - mean);
        }
        return new double[] {mean, k > 1 ? Math.sqrt(ss / (k - 1)) : 0};
    }

    static int wins(List<FoldMetrics> method, List<FoldMetrics> ref, ToDoubleFunction<FoldMetrics> f) {
        int w = 0;
        for (int i = 0; i < method.size(); i++) {
            if (f.applyAsDouble(method.get(i)) > f.applyAsDouble(ref.get(i))) {
                w++;
            }
        }
        return w;
    }

    /** The rows as strings, for the console, Markdown and HTML tables. */
    public List<String[]> cells() {
        List<String[]> out = new ArrayList<>();
        for (Row r : rows) {
            boolean self = r.method().equals(reference);
            out.add(new String[] {
                r.method(),
                String.format("%.4f", r.pooledAuc()),
                String.format("%.3f", r.pooledAmsAtMeanCut()),
                Integer.toString(r.pooledBackgroundPassing()),
                self
                        ? "(reference)"
                        : String.format(
                                "%+.4f ± %.4f (%d/%d)", r.deltaAuc()[0], r.deltaAuc()[1], r.aucWins(), r.folds()),
                self
                        ? "(reference)"
                        : String.format(
                                "%+.3f ± %.3f (%d/%d)", r.deltaAms()[0], r.deltaAms()[1], r.amsWins(), r.folds())
            });
        }
        return out;
    }

    /** How to read the table. */
    public String note() {
        return "Pooled: every fold's test scores together (out-of-fold), one bootstrap mean cut, weights rescaled "
                + "per class "
                + "to the challenge totals; 'bkg events passing' counts background events at or above that cut. Δ: "
                + "per-fold "
                + "differences against '" + reference
                + "' on the same folds, mean ± std, and the folds where the method is "
                + "better.";
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference", reference);
        Map<String, Object> methods = new LinkedHashMap<>();
        for (Row r : rows) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("pooledAuc", r.pooledAuc());
            one.put("pooledAmsAtMeanCut", r.pooledAmsAtMeanCut());
            one.put("pooledMeanCut", r.pooledMeanCut());
            one.put("pooledBackgroundPassing", r.pooledBackgroundPassing());
            one.put("deltaAuc", Map.of("mean", r.deltaAuc()[0], "std", r.deltaAuc()[1], "wins", r.aucWins()));
            one.put("deltaAmsAtMeanCut", Map.of("mean", r.deltaAms()[0], "std", r.deltaAms()[1], "wins", r.amsWins()));
            methods.put(r.method(), one);
        }
        m.put("methods", methods);
        return m;
    }
}
