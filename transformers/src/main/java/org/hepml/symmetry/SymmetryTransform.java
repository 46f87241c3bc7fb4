package org.hepml.symmetry;

import org.hepml.physics.Kinematics;

/**
 * One element of the detector's symmetry group acting on every momentum of an event: an optional flip in z
 * (η → −η, pz → −pz), an optional flip of the transverse plane about the x axis (φ → −φ, py → −py), then a
 * rotation in azimuth by {@code rotation} (φ → φ + θ wrapped into (−π, π]). The x-flip (φ → π − φ) is the y-flip
 * followed by a rotation by π ({@link #xFlip()}), so these three generate all of them.
 *
 * <p>The one definition of each symmetry: the estimator's per-epoch augmentation and its test-time augmentation
 * apply it to the networks' input rows ({@link #applyToRow}); the Spark stages apply the same algebra as columns
 * ({@code SymmetryColumns}, tested equal to this). Pure functions on values and arrays: no Spark. Missing values
 * (NaN) stay missing. Work on raw momenta, or on momenta scaled by one common factor without centring: the rotation
 * mixes
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
}
