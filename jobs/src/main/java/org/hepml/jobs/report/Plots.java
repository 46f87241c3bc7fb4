package org.hepml.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hepml.ams.BootstrapResult;
import org.hepml.dnn.LearningRateFinder;
import org.hepml.evaluation.WeightedRoc;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn with XChart from the run's numbers and written as PNG. */
public final class Plots {
    static final int WIDTH = 800;
    static final int HEIGHT = 520;

    private Plots() {}

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(x)
                .yAxisTitle(y)
                .build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setMarkerSize(0);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        return c;
    }

    private static XYSeries line(XYChart c, String name, double[] x, double[] y) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** The points (x[i], y[i]) with both finite, as {xs, ys}. */
    static double[][] finitePoints(double[] x, double[] y) {
        int[] keep = java.util.stream.IntStream.range(0, x.length)
                .filter(i -> Double.isFinite(x[i]) && Double.isFinite(y[i]))
                .toArray();
        return new double[][] {
            java.util.Arrays.stream(keep).mapToDouble(i -> x[i]).toArray(),
            java.util.Arrays.stream(keep).mapToDouble(i -> y[i]).toArray()
        };
    }

    /** Writes {@code c} to {@code dir/name.png}; returns the file name. */
    static String save(XYChart c, Path dir, String name) throws IOException {
        BitmapEncoder.saveBitmap(c, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        return name + ".png";
    }

    /** ROC curves (one per method) on one plot, with the diagonal. */
    public static XYChart roc(Map<String, WeightedRoc> curves) {
        XYChart c = chart(
                "ROC curve (weighted)",
                "background efficiency (false-positive rate)",
                "signal efficiency (true-positive rate)");
        curves.forEach((name, roc) -> {
            double[][] xy = roc.thinned(1000);
            line(c, String.format("%s (AUC %.4f)", name, roc.auc()), xy[0], xy[1]);
        });
        XYSeries diag = line(c, "random", new double[] {0, 1}, new double[] {0, 1});
        diag.setLineColor(Color.GRAY);
        diag.setLineStyle(
                new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f}, 0f));
        return c;
    }

    /** Weighted score histograms of signal and background, each normalised to unit area, on a log scale. */
    public static XYChart scoreDistributions(double[] score, double[] label, double[] weight, int bins) {
        double[] sig = new double[bins];
        double[] bkg = new double[bins];
        double sw = 0;
        double bw = 0;
        for (int i = 0; i < score.length; i++) {
            int k = Math.min(bins - 1, Math.max(0, (int) (score[i] * bins)));
            if (label[i] == 1) {
                sig[k] += weight[i];
                sw += weight[i];
            } else {
                bkg[k] += weight[i];
                bw += weight[i];
            }
        }
        double[] x = new double[2 * bins];
        double[] ys = new double[2 * bins];
        double[] yb = new double[2 * bins];
        double floor = Double.MAX_VALUE;
        for (int k = 0; k < bins; k++) {
            double s = sig[k] / sw * bins;
            double b = bkg[k] / bw * bins;
            for (double v : new double[] {s, b}) {
                if (v > 0) {
                    floor = Math.min(floor, v);
                }
            }
        }
        floor = floor == Double.MAX_VALUE ? 1e-6 : floor / 10;
        for (int k = 0; k < bins; k++) {
            // steps: each bin drawn flat from its lower to its upper edge; empty bins at the floor of the log scale
            x[2 * k] = k / (double) bins;
            x[2 * k + 1] = (k + 1) / (double) bins;
            ys[2 * k] = ys[2 * k + 1] = Math.max(floor, sig[k] / sw * bins);
            yb[2 * k] = yb[2 * k + 1] = Math.max(floor, bkg[k] / bw * bins);
        }
        XYChart c = chart("Score distributions (weighted, unit area)", "signal probability", "density");
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideN);
        line(c, "signal", x, ys).setLineColor(new Color(0xD6, 0x27, 0x28));
        line(c, "background", x, yb).setLineColor(new Color(0x1F, 0x77, 0xB4));
        return c;
    }

    /**
     * AMS against the fraction of events selected (highest scores first), one line per method, so methods with
     * differently scaled scores share an axis. Scores are {score, label, weight}; weights rescaled per class to
     * the given totals. Only the top {@code maxFraction} is drawn.
     */
    public static XYChart amsVsSelected(
            Map<String, double[][]> methods, double signalTotal, double backgroundTotal, double maxFraction) {
        XYChart c = chart(
                "AMS against the share of events selected", "fraction of events selected (highest scores)", "AMS");
        methods.forEach((name, a) -> {
            double[][] curve = amsBySelection(a[0], a[1], a[2], signalTotal, backgroundTotal, maxFraction, 400);
            line(c, name, curve[0], curve[1]);
        });
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return c;
    }

    /** {fraction selected, AMS} at up to {@code points} evenly spaced ranks, ties broken by keeping the sort order. */
    static double[][] amsBySelection(
            double[] score,
            double[] label,
            double[] weight,
            double signalTotal,
            double backgroundTotal,
            double maxFraction,
            int points) {
        int n = score.length;
        Integer[] order = new Integer[n];
        double sw = 0;
        double bw = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            if (label[i] == 1) {
                sw += weight[i];
            } else {
                bw += weight[i];
            }
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(score[y], score[x]));
        int last = Math.max(1, (int) Math.min(n, Math.round(maxFraction * n)));
        int step = Math.max(1, last / points);
        java.util.List<double[]> pts = new java.util.ArrayList<>();
        double s = 0;
        double b = 0;
        for (int k = 0; k < last; k++) {
            int i = order[k];
            if (label[i] == 1) {
                s += weight[i];
            } else {
                b += weight[i];
            }
            if ((k + 1) % step == 0 || k == last - 1) {
                pts.add(new double[] {
                    (k + 1) / (double) n,
                    org.hepml.ams.Ams.ams(s * signalTotal / sw, b * backgroundTotal / bw, org.hepml.ams.Ams.DEFAULT_BR)
                });
            }
        }
        double[][] out = new double[2][pts.size()];
        for (int p = 0; p < pts.size(); p++) {
            out[0][p] = pts.get(p)[0];
            out[1][p] = pts.get(p)[1];
        }
        return out;
    }

    /** AMS against the cut on the whole set, with the bootstrap mean cut and its ± one standard deviation. */
    public static XYChart amsVsCut(BootstrapResult r) {
        XYChart c = chart("AMS against the cut", "cut on the signal probability", "AMS");
        double[][] curve = r.curve();
        line(c, "AMS (whole set)", curve[0], curve[1]);
        double top = 0;
        for (double v : curve[1]) {
            top = Math.max(top, v);
        }
        top = top > 0 ? top * 1.05 : 1;
        line(
                        c,
                        String.format("bootstrap mean cut %.4f", r.meanCut()),
                        new double[] {r.meanCut(), r.meanCut()},
                        new double[] {0, top})
                .setLineColor(Color.BLACK);
        for (double edge : new double[] {r.meanCut() - r.cutStd(), r.meanCut() + r.cutStd()}) {
            XYSeries s = line(
                    c, edge < r.meanCut() ? "mean cut ± std" : " ", new double[] {edge, edge}, new double[] {0, top});
            s.setLineColor(Color.GRAY);
            s.setShowInLegend(edge < r.meanCut());
        }
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        return c;
    }

    /** The learning-rate range test: loss (raw and smoothed) against the rate on a log axis, the suggestion marked. */
    public static XYChart learningRate(LearningRateFinder.Curve curve) {
        XYChart c = chart("Learning-rate range test", "learning rate", "training loss");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        // a diverged sweep ends on a loss that may be infinite or NaN, which no axis can show
        double[][] loss = finitePoints(curve.learningRate(), curve.loss());
        double[][] smoothed = finitePoints(curve.learningRate(), curve.smoothedLoss());
        line(c, "loss", loss[0], loss[1]).setLineColor(new Color(0xBB, 0xBB, 0xBB));
        line(c, "smoothed", smoothed[0], smoothed[1]).setLineColor(new Color(0x1F, 0x77, 0xB4));
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double v : curve.smoothedLoss()) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        line(
                        c,
                        String.format("suggested %.2e", curve.suggested()),
                        new double[] {curve.suggested(), curve.suggested()},
                        new double[] {lo, hi})
                .setLineColor(Color.BLACK);
        return c;
    }

    /**
     * Training and validation loss per epoch, one pair of lines per member. {@code log} rows: member, epoch, train
     * loss, validation loss, ... (the model's training log).
     */
    public static XYChart losses(List<double[]> log) {
        XYChart c = chart("Loss per epoch (solid: validation, dashed: training)", "epoch", "weighted loss");
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        int members = 0;
        for (double[] r : log) {
            members = Math.max(members, (int) r[0] + 1);
        }
        Color[] palette = {
            new Color(0x1F, 0x77, 0xB4),
            new Color(0xFF, 0x7F, 0x0E),
            new Color(0x2C, 0xA0, 0x2C),
            new Color(0xD6, 0x27, 0x28),
            new Color(0x94, 0x67, 0xBD),
            new Color(0x8C, 0x56, 0x4B),
            new Color(0xE3, 0x77, 0xC2),
            new Color(0x7F, 0x7F, 0x7F),
            new Color(0xBC, 0xBD, 0x22),
            new Color(0x17, 0xBE, 0xCF)
        };
        for (int m = 0; m < members; m++) {
            int member = m;
            double[][] rows = log.stream()
                    .filter(r -> (int) r[0] == member)
                    .sorted((a, b) -> Double.compare(a[1], b[1]))
                    .toArray(double[][]::new);
            double[] epoch = new double[rows.length];
            double[] train = new double[rows.length];
            double[] val = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                epoch[i] = rows[i][1] + 1;
                train[i] = rows[i][2];
                val[i] = rows[i][3];
            }
            Color color = palette[m % palette.length];
            line(c, "member " + (m + 1), epoch, val).setLineColor(color);
            XYSeries t = line(c, "member " + (m + 1) + " training", epoch, train);
            t.setLineColor(color);
            t.setLineStyle(
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
            t.setShowInLegend(false);
        }
        return c;
    }
}
