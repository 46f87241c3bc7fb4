package org.hepml.jobs.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.hepml.jobs.cli.TextTable;

/** The comparison's results as a console table, Markdown and a JSON-ready map (with every fold's figures). */
public final class ComparisonTable {
    private static final String[] HEADER = {
        "method",
        "weighted AUC",
        "mean bootstrap AMS",
        "AMS at mean cut",
        "bkg events passing",
        "weighted log-loss",
        "train s",
        "score s"
    };

    private final Map<String, List<FoldMetrics>> results;
    private final Map<String, String> descriptions;
    private final String hardware;

    public ComparisonTable(Map<String, List<FoldMetrics>> results, Map<String, String> descriptions, String hardware) {
        this.results = results;
        this.descriptions = descriptions;
        this.hardware = hardware;
    }

    private static String pm(List<FoldMetrics> folds, ToDoubleFunction<FoldMetrics> f, String fmt) {
        double[] ms = FoldMetrics.meanStd(folds, f);
        return String.format(fmt + " ± " + fmt, ms[0], ms[1]);
    }

    /** The note under the table: how the figures are computed. */
    public static final String NOTE = "AMS with each test fold's weights rescaled per class to the challenge training "
            + "totals; 'bkg events passing': background events (unweighted) at or above the mean cut, on which that "
            + "AMS rests; "
            + "log-loss with each class's weights summing to 1. The ROC curves pool every fold's test scores.";

    /** The rows, with the header first when asked. */
    public List<String[]> rows(boolean header) {
        List<String[]> rows = new ArrayList<>();
        if (header) {
            rows.add(HEADER.clone());
        }
        rows.addAll(rows());
        return rows;
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        results.forEach((name, folds) -> rows.add(new String[] {
            name,
            pm(folds, FoldMetrics::auc, "%.4f"),
            pm(folds, FoldMetrics::amsMean, "%.3f"),
            pm(folds, FoldMetrics::amsAtMeanCut, "%.3f"),
            pm(folds, FoldMetrics::backgroundPassing, "%.1f"),
            pm(folds, FoldMetrics::logLoss, "%.4f"),
            pm(folds, FoldMetrics::trainSeconds, "%.1f"),
            pm(folds, FoldMetrics::scoreSeconds, "%.1f")
        }));
        return rows;
    }

    private TextTable table() {
        TextTable t = new TextTable(HEADER);
        rows().forEach(r -> t.row((Object[]) r));
        return t;
    }

    public String text() {
        return table().toString();
    }

    public String markdown(String title, String command) {
        StringBuilder sb = new StringBuilder("## ").append(title).append("\n\n");
        sb.append("Command: `")
                .append(command)
                .append("`  \nHardware: ")
                .append(hardware)
                .append("\n\n");
        sb.append(table().markdown());
        sb.append("\nMean ± standard deviation over folds. ").append(NOTE).append("\n\n");
        descriptions.forEach(
                (n, d) -> sb.append("- `").append(n).append("`: ").append(d).append('\n'));
        return sb.toString();
    }

    public Map<String, Object> json(String command) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("hardware", hardware);
        Map<String, Object> methods = new LinkedHashMap<>();
        results.forEach((name, folds) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("description", descriptions.get(name));
            for (var e : Map.<String, ToDoubleFunction<FoldMetrics>>of(
                            "auc",
                            FoldMetrics::auc,
                            "amsMean",
                            FoldMetrics::amsMean,
                            "amsAtMeanCut",
                            FoldMetrics::amsAtMeanCut,
                            "backgroundPassing",
                            FoldMetrics::backgroundPassing,
                            "logLoss",
                            FoldMetrics::logLoss,
                            "trainSeconds",
                            FoldMetrics::trainSeconds,
                            "scoreSeconds",
                            FoldMetrics::scoreSeconds)
                    .entrySet()) {
                double[] ms = FoldMetrics.meanStd(folds, e.getValue());
                one.put(e.getKey(), Map.of("mean", ms[0], "std", ms[1]));
            }
            List<Object> perFold = new ArrayList<>();
            for (FoldMetrics f : folds) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("fold", f.fold());
                fm.put("events", f.events());
                fm.put("auc", f.auc());
                fm.put("amsMean", f.amsMean());
                fm.put("amsAtMeanCut", f.amsAtMeanCut());
                fm.put("meanCut", f.meanCut());
                fm.put("backgroundPassing", f.backgroundPassing());
                fm.put("logLoss", f.logLoss());
                fm.put("trainSeconds", f.trainSeconds());
                fm.put("scoreSeconds", f.scoreSeconds());
                perFold.add(fm);
            }
            one.put("folds", perFold);
            methods.put(name, one);
        });
        m.put("methods", methods);
        return m;
    }
}
