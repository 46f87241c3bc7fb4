package org.hepml.symmetry;

import org.hepml.physics.Kinematics;

/**
 * One element of the detector's symmetry group acting on every momentum of an event: an optional flip in z
 * (η → −η, pz → −pz), an optional flip of the transverse plane about the x axis (φ → −φ, py → −py), then a
 * rotation in azimuth by {@code rotation} (φ → φ + θ wrapped into (−π, π]). The x-flip (φ → π − φ) is the y-flip
 * followed by a rotation by π ({@link #xFlip()}), so these three generate all of them.
 *
 * <p>The one definition of each symmetry: the Spark stages, the estimator's per-epoch augmentation and its
 * test-time augmentation all call it. Pure functions on values and arrays: no Spark. Missing values (NaN) stay
 * missing. Work on raw momenta, or on momenta scaled by one common factor without centring: the rotation mixes
 * px and py, so it is exact only where they share one scale and no offset.
 */
public record SymmetryTransform(double rotation, boolean flipZ, boolean flipY) {
  public static final SymmetryTransform IDENTITY = new SymmetryTransform(0, false, false);

  /** φ → π − φ, px → −px: the y-flip followed by a rotation by π. */
  public static SymmetryTransform xFlip() {
    return new SymmetryTransform(Math.PI, false, true);
  }

  public double eta(double eta) {
    return flipZ ? -eta : eta;
  }

  public double phi(double phi) {
    return Kinematics.wrapPhi((flipY ? -phi : phi) + rotation);
  }

  public double pz(double pz) {
    return flipZ ? -pz : pz;
  }

  /** The transformed (px, py), both from the original pair (never a half-rotated px). */
  public double[] pxPy(double px, double py) {
    double y = flipY ? -py : py;
    double c = Math.cos(rotation);
    double s = Math.sin(rotation);
    return new double[] {px * c - y * s, px * s + y * c};
  }

  /** In place on a batch of (η, φ) of one object; either array may be null (MET has no η). */
  public void applyPolar(double[] eta, double[] phi, int n) {
    for (int i = 0; i < n; i++) {
      if (eta != null && flipZ) {
        eta[i] = -eta[i];
      }
      if (phi != null) {
        phi[i] = phi(phi[i]);
      }
    }
  }

  /**
   * In place on one event stored in a row of a float buffer: for each object k, its px, py and pz sit at
   * {@code offset + px[k]}, {@code offset + py[k]}, {@code offset + pz[k]} (pz[k] < 0: the object has no pz).
   * The layout the networks' input batches use.
   */
  public void applyToRow(float[] buffer, int offset, int[] px, int[] py, int[] pz) {
    double c = Math.cos(rotation);
    double s = Math.sin(rotation);
    for (int k = 0; k < px.length; k++) {
      double x = buffer[offset + px[k]];
      double y = flipY ? -buffer[offset + py[k]] : buffer[offset + py[k]];
      buffer[offset + px[k]] = (float) (x * c - y * s);
      buffer[offset + py[k]] = (float) (x * s + y * c);
      if (pz[k] >= 0 && flipZ) {
        buffer[offset + pz[k]] = -buffer[offset + pz[k]];
      }
    }
  }

  /** In place on a batch of Cartesian momenta of one object; pz may be null (MET). */
  public void applyCartesian(double[] px, double[] py, double[] pz, int n) {
    double c = Math.cos(rotation);
    double s = Math.sin(rotation);
    for (int i = 0; i < n; i++) {
      double x = px[i];
      double y = flipY ? -py[i] : py[i];
      px[i] = x * c - y * s;
      py[i] = x * s + y * c;
      if (pz != null && flipZ) {
        pz[i] = -pz[i];
      }
    }
  }
}
