package org.hepml.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WeightedRocTest {
  /** Signal 0.4 (w 2) and 0.8 (w 1); background 0.1 (w 1) and 0.4 (w 3): the curve point by point and its area. */
  @Test
  void curveAndAreaByHand() {
    WeightedRoc roc = WeightedRoc.of(new double[] {0.1, 0.4, 0.4, 0.8}, new double[] {0, 1, 0, 1}, new double[] {1, 2, 3, 1});
    assertArrayEquals(new double[] {0, 0, 0.75, 1}, roc.falsePositiveRate(), 1e-15);
    assertArrayEquals(new double[] {0, 1 / 3.0, 1, 1}, roc.truePositiveRate(), 1e-15);
    // trapezoids: (0 → 0.75) × (1/3 + 1)/2 + (0.75 → 1) × 1 = 0.5 + 0.25
    assertEquals(0.75, roc.auc(), 1e-15);
    assertEquals(3, roc.thinned(3)[0].length);
    assertArrayEquals(new double[] {0, 0.75, 1}, roc.thinned(3)[0], 1e-15);
    assertThrows(IllegalArgumentException.class, () -> WeightedRoc.of(new double[] {1}, new double[] {1}, new double[] {1}));
  }
}
