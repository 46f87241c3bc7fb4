package org.hepml.transformers;

/** Validation shared by the flip stages' probability param. */
final class ProbabilityParams {
  private ProbabilityParams() {}

  static double check(String stage, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(stage + ": probability must be in [0, 1] (1 = always, 0 = never), got " + p);
    }
    return p;
  }
}
