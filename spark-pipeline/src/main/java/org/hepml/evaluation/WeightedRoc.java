package org.hepml.evaluation;

import java.util.Arrays;

/**
 * The weighted ROC curve of scored events: for each distinct score, from the highest down, the background and
 * signal weight fractions above or at it (false- and true-positive rates), and the area under the curve (the
 * weighted probability that a signal event outscores a background event, ties counting one half).
 */
public final class WeightedRoc {
  private final double[] fpr;
  private final double[] tpr;
  private final double auc;

  private WeightedRoc(double[] fpr, double[] tpr, double auc) {
    this.fpr = fpr;
    this.tpr = tpr;
    this.auc = auc;
  }

  /** The curve of scores, labels (1 signal, else background) and non-negative weights. */
  public static WeightedRoc of(double[] score, double[] label, double[] weight) {
    int n = score.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
    double sTotal = 0;
    double bTotal = 0;
    for (int i = 0; i < n; i++) {
      if (label[i] == 1) {
        sTotal += weight[i];
      } else {
        bTotal += weight[i];
      }
    }
    if (!(sTotal > 0) || !(bTotal > 0)) {
      throw new IllegalArgumentException("a ROC curve needs signal and background weight, got " + sTotal + " and " + bTotal);
    }
    double[] fp = new double[n + 1];
    double[] tp = new double[n + 1];
    int points = 1;
    double s = 0;
    double b = 0;
    double area = 0;
    int i = 0;
    while (i < n) {
      double ds = 0;
      double db = 0;
      int j = i;
      while (j < n && score[order[j]] == score[order[i]]) {
        if (label[order[j]] == 1) {
          ds += weight[order[j]];
        } else {
          db += weight[order[j]];
        }
        j++;
      }
      // trapezoid: the tied block's signal against the background above it, and half of the tied background
      area += ds * (bTotal - b - db) + ds * db / 2;
      s += ds;
      b += db;
      fp[points] = b / bTotal;
      tp[points] = s / sTotal;
      points++;
      i = j;
    }
    return new WeightedRoc(Arrays.copyOf(fp, points), Arrays.copyOf(tp, points), area / (sTotal * bTotal));
  }

  public double auc() {
    return auc;
  }

  /** False-positive rates, from 0 to 1. */
  public double[] falsePositiveRate() {
    return fpr.clone();
  }

  /** True-positive rates, from 0 to 1. */
  public double[] truePositiveRate() {
    return tpr.clone();
  }

  /** At most {@code max} points of the curve, evenly spread over its indices, ends kept (for plots). */
  public double[][] thinned(int max) {
    int n = fpr.length;
    if (n <= max) {
      return new double[][] {fpr.clone(), tpr.clone()};
    }
    double[] x = new double[max];
    double[] y = new double[max];
    for (int k = 0; k < max; k++) {
      int idx = (int) Math.round(k * (n - 1) / (double) (max - 1));
      x[k] = fpr[idx];
      y[k] = tpr[idx];
    }
    return new double[][] {x, y};
  }
}
