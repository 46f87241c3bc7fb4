package org.hepml.symmetry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The grid of symmetry transforms whose predictions test-time augmentation averages: R rotations by
 * θ = 2πr/R, each with the four flip sets {none, z, transverse, both}. R = 8 gives the 32 variants of the QCHS
 * 2018 study, R = 2 the 8 of the 2020 paper, R = 1 the 4 flips alone.
 *
 * <p>Variant k decodes as rotation r = k mod R and flip set f = k / R (bit 0: z flip, bit 1: transverse flip):
 * one stride, used by both encoding and decoding.
 */
public final class TestTimeGrid {
    private final int rotations;
    private final List<SymmetryTransform> transforms;

    public TestTimeGrid(int rotations) {
        if (rotations < 1) {
            throw new IllegalArgumentException("rotations must be at least 1, got " + rotations);
        }
        this.rotations = rotations;
        List<SymmetryTransform> t = new ArrayList<>();
        for (int k = 0; k < 4 * rotations; k++) {
            t.add(decode(k));
        }
        this.transforms = Collections.unmodifiableList(t);
    }

    /** The grid with K variants: K must be 4 × a number of rotations (4, 8, 32, ...); 1 is no augmentation. */
    public static List<SymmetryTransform> ofSize(int k) {
        if (k == 1) {
            return List.of(SymmetryTransform.IDENTITY);
        }
        if (k < 4 || k % 4 != 0) {
            throw new IllegalArgumentException("test-time augmentation takes 1 or a multiple of 4 variants "
                    + "(rotations x 4 flip sets), got " + k);
        }
        return new TestTimeGrid(k / 4).transforms();
    }

    public int size() {
        return transforms.size();
    }

    public List<SymmetryTransform> transforms() {
        return transforms;
    }

    /** Variant k of the grid. */
    public SymmetryTransform decode(int k) {
        if (k < 0 || k >= 4 * rotations) {
            throw new IndexOutOfBoundsException("variant " + k + " of a grid of " + 4 * rotations);
        }
        int r = k % rotations;
        int flips = k / rotations;
        return new SymmetryTransform(2 * Math.PI * r / rotations, (flips & 1) != 0, (flips & 2) != 0);
    }
}
