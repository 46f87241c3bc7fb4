package org.hepml.estimators;

import java.util.ArrayList;
import java.util.List;

/** Trained members in member order: DL4J model bytes, best validation losses, and the training log rows. */
record TrainedMembers(byte[][] bytes, double[] validationLoss, List<double[]> log) {
  static TrainedMembers empty(int members) {
    return new TrainedMembers(new byte[members][], new double[members], new ArrayList<>());
  }
}
