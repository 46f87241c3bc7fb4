package org.hepml.jobs.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hepml.ams.BootstrapResult;
import org.hepml.dnn.LearningRateFinder;
import org.hepml.evaluation.WeightedRoc;

/** The sections the jobs put in their reports: evaluation of scored events, training curves, learning-rate test. */
public final class ReportSections {
    private ReportSections() {}

    /** The AMS table, ROC curve, score distributions and AMS against the cut. */
    public static void evaluation(HtmlReport report, String what, ScoredSample s, BootstrapResult r)
            throws IOException {
        WeightedRoc roc = WeightedRoc.of(s.score(), s.label(), s.weight());
        report.heading("Evaluation: " + what);
        List<String[]> t = new ArrayList<>();
        t.add(new String[] {"figure", "value"});
        t.add(new String[] {"events", String.format("%,d", s.total())});
        t.add(new String[] {"weighted ROC AUC" + (s.sampled() ? " (sample)" : ""), f(roc.auc())});
        t.add(new String[] {"overall max AMS (at cut " + f(r.cutAtMax()) + ")", f(r.amsMax())});
        t.add(new String[] {
            "bootstrap AMS, mean ± std of " + r.resamples() + " resamples", f(r.amsMean()) + " ± " + f(r.amsStd())
        });
        t.add(new String[] {"bootstrap mean cut ± std", f(r.meanCut()) + " ± " + f(r.cutStd())});
        t.add(new String[] {"AMS at the mean cut", f(r.amsAtMeanCut())});
        report.table(t);
        report.paragraph(s.note() + "; AMS figures from all events.");
        report.plot(Plots.roc(Map.of("this model", roc)), "roc");
        report.plot(Plots.scoreDistributions(s.score(), s.label(), s.weight(), 50), "score-distributions");
        report.plot(Plots.amsVsCut(r), "ams-vs-cut");
    }

    /** Loss per epoch per member, from the model's training log. */
    public static void training(HtmlReport report, List<double[]> log, String summary) throws IOException {
        report.heading("Training");
        report.paragraph(summary);
        report.plot(Plots.losses(log), "losses");
    }

    public static void learningRate(HtmlReport report, LearningRateFinder.Curve curve) throws IOException {
        report.heading("Learning-rate range test");
        report.paragraph(String.format(
                "%d steps, %s; suggested learning rate %.2e (the smoothed minimum / 10).",
                curve.learningRate().length,
                curve.diverged() ? "stopped at divergence" : "no divergence",
                curve.suggested()));
        report.plot(Plots.learningRate(curve), "lr-finder");
    }

    static String f(double v) {
        return String.format("%.4f", v);
    }
}
