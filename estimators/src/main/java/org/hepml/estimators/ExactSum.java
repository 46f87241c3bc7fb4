package org.hepml.estimators;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.BitSet;

/**
 * Σ wᵢ·xᵢ over float vectors xᵢ with integer weights wᵢ, computed exactly: each element is a 352-bit fixed-point
 * integer (unit 2⁻¹⁴⁹, the smallest float), so the sum does not depend on the order in which parts are added or
 * merged. That is what makes the data-parallel mode's averaging reproducible: Spark's {@code treeAggregate} merges
 * partitions' results in the order their tasks finish, and a floating-point sum would depend on it. Written by hand
 * because no library we ship does an exact, mergeable sum of float arrays.
 *
 * <p>Element i is {@code LIMBS} signed 64-bit limbs of 32-bit digits (limb k weighs 2^(32k − 149)); additions leave
 * carries in the limbs (each limb absorbs 2³¹ additions of a 32-bit digit), {@link #merge} and reading normalise.
 * A NaN or infinite value makes its element NaN (a diverged worker shows as NaN, as it would in one network).
 */
final class ExactSum implements Serializable {
    private static final long serialVersionUID = 1L;
    /** 2⁻¹⁴⁹ · 2^352 covers every float times a weight below 2³¹, summed 2²⁰ times, with its sign. */
    static final int LIMBS = 11;

    private static final long DIGIT = 0xFFFF_FFFFL;

    private long[] limbs; // allocated when a second part arrives: a zero value or a single part travels light
    private float[] single; // the only part so far (not copied: callers hand over fresh arrays), with its weight
    private int singleWeight;
    private final int length;
    private final BitSet nonFinite = new BitSet();
    private long weight;

    ExactSum(int length) {
        this(length, null);
    }

    private ExactSum(int length, long[] limbs) {
        this.length = length;
        this.limbs = limbs;
    }

    int length() {
        return length;
    }

    /** The total weight added so far. */
    long weight() {
        return weight;
    }

    /** Adds {@code w · x} (x of this sum's length, w ≥ 0). */
    ExactSum add(float[] x, int w) {
        if (x.length != length || w < 0) {
            throw new IllegalArgumentException(
                    "adding " + x.length + " values with weight " + w + " to a sum of " + length);
        }
        if (limbs == null && single == null) {
            single = x;
            singleWeight = w;
        } else {
            materialise();
            for (int i = 0; i < length; i++) {
                addOne(i, x[i], w);
            }
        }
        weight += w;
        return this;
    }

    /** Turns a single part into limbs. */
    private void materialise() {
        if (limbs == null) {
            limbs = new long[length * LIMBS];
        }
        if (single != null) {
            for (int i = 0; i < length; i++) {
                addOne(i, single[i], singleWeight);
            }
            single = null;
        }
    }

    private void addOne(int i, float x, long w) {
        if (!Float.isFinite(x)) {
            nonFinite.set(i);
            return;
        }
        int bits = Float.floatToRawIntBits(x);
        int exp = (bits >>> 23) & 0xFF;
        long mantissa = bits & 0x7F_FFFF;
        int shift; // of the mantissa's lowest bit above 2⁻¹⁴⁹
        if (exp == 0) {
            shift = 0; // subnormal: mantissa · 2⁻¹⁴⁹
        } else {
            mantissa |= 0x80_0000;
            shift = exp - 1; // (1.m) · 2^(exp − 127) = mantissa · 2^(exp − 150)
        }
        long v = mantissa * w; // < 2⁵⁵
        if (v == 0) {
            return;
        }
        int limb = shift >>> 5;
        int offset = shift & 31;
        long shifted = v << offset; // the low 64 bits of v · 2^offset
        long d0 = shifted & DIGIT;
        long d1 = shifted >>> 32;
        long d2 = offset == 0 ? 0 : v >>> (64 - offset);
        int base = i * LIMBS + limb;
        if (bits < 0) {
            limbs[base] -= d0;
            limbs[base + 1] -= d1;
            limbs[base + 2] -= d2;
        } else {
            limbs[base] += d0;
            limbs[base + 1] += d1;
            limbs[base + 2] += d2;
        }
    }

    /**
     * Adds another sum (in place); the result is the same whatever the order of the merges. The other sum must not be
     * used afterwards (its arrays may be taken over), as Spark's aggregations allow.
     */
    ExactSum merge(ExactSum other) {
        if (other.length != length) {
            throw new IllegalArgumentException("merging sums of " + other.length + " and " + length + " values");
        }
        if (other.limbs == null && other.single == null) {
            return this;
        }
        if (limbs == null && single == null) { // empty (Spark's zero value): take the other's parts as they are
            limbs = other.limbs;
            single = other.single;
            singleWeight = other.singleWeight;
            nonFinite.or(other.nonFinite);
            weight = other.weight;
            return this;
        }
        materialise();
        other.materialise();
        normalise();
        other.normalise();
        for (int k = 0; k < limbs.length; k++) {
            limbs[k] += other.limbs[k];
        }
        nonFinite.or(other.nonFinite);
        weight += other.weight;
        return this;
    }

    /** Carries every limb into [0, 2³²), the top limb keeping the sign: the canonical form of each element. */
    private void normalise() {
        if (limbs == null) {
            return;
        }
        for (int i = 0; i < length; i++) {
            int base = i * LIMBS;
            for (int k = 0; k < LIMBS - 1; k++) {
                long carry = limbs[base + k] >> 32;
                limbs[base + k] &= DIGIT;
                limbs[base + k + 1] += carry;
            }
        }
    }

    /** Element-wise sum / divisor, rounded to float (a deterministic function of the exact sum). */
    float[] divide(double divisor) {
        materialise();
        normalise();
        float[] out = new float[length];
        long[] magnitude = new long[LIMBS];
        for (int i = 0; i < length; i++) {
            boolean negative = magnitude(i, magnitude);
            int top = LIMBS - 1;
            while (top >= 0 && magnitude[top] == 0) {
                top--;
            }
            if (nonFinite.get(i)) {
                out[i] = Float.NaN;
                continue;
            }
            if (top < 0) {
                out[i] = 0f;
                continue;
            }
            // the top three digits (96 bits) carry far more than a double's 53: the rest cannot change the rounded
            // value
            double d = magnitude[top];
            d = d * 0x1p32 + (top >= 1 ? magnitude[top - 1] : 0);
            d = d * 0x1p32 + (top >= 2 ? magnitude[top - 2] : 0);
            double value = Math.scalb(d, 32 * (top - 2) - 149);
            out[i] = (float) ((negative ? -value : value) / divisor);
        }
        return out;
    }

    /** Element-wise weighted mean: sum / total weight. */
    float[] mean() {
        if (weight == 0) {
            throw new IllegalStateException("nothing was added");
        }
        return divide(weight);
    }

    /**
     * Element i's value as sign and magnitude digits (canonical, base 2³²) into {@code magnitude}; returns whether it
     * is negative. The sum must be normalised.
     */
    private boolean magnitude(int i, long[] magnitude) {
        int base = i * LIMBS;
        boolean negative = limbs[base + LIMBS - 1] < 0;
        if (negative) { // two's complement across the limbs
            long borrow = 0;
            for (int k = 0; k < LIMBS; k++) {
                long d = -limbs[base + k] - borrow;
                borrow = d < 0 ? 1 : 0;
                magnitude[k] = d & DIGIT;
            }
        } else {
            System.arraycopy(limbs, base, magnitude, 0, LIMBS);
        }
        return negative;
    }

    // Java serialization (Spark's default for task results) sends each element as sign, lowest digit and its few
    // non-zero digits: about 14 bytes instead of 88. Kryo, if configured, sends the fields as they are: larger, as
    // exact.
    private Object writeReplace() {
        if (limbs == null) {
            return new Packed(length, weight, nonFinite.toLongArray(), null, single, singleWeight);
        }
        normalise();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(length * 16);
        long[] m = new long[LIMBS];
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            for (int i = 0; i < length; i++) {
                boolean negative = magnitude(i, m);
                int lo = 0;
                while (lo < LIMBS && m[lo] == 0) {
                    lo++;
                }
                int hi = LIMBS - 1;
                while (hi >= lo && m[hi] == 0) {
                    hi--;
                }
                d.writeByte((negative ? 0x80 : 0) | lo);
                d.writeByte(hi - lo + 1);
                for (int k = lo; k <= hi; k++) {
                    d.writeInt((int) m[k]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Packed(length, weight, nonFinite.toLongArray(), bytes.toByteArray(), null, 0);
    }

    private record Packed(int length, long weight, long[] nonFinite, byte[] digits, float[] single, int singleWeight)
            implements Serializable {
        private Object readResolve() throws IOException {
            ExactSum s = new ExactSum(length, digits == null ? null : new long[length * LIMBS]);
            s.single = single;
            s.singleWeight = singleWeight;
            if (digits != null) {
                try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(digits))) {
                    for (int i = 0; i < length; i++) {
                        int head = d.readUnsignedByte();
                        int count = d.readUnsignedByte();
                        boolean negative = (head & 0x80) != 0;
                        int base = i * LIMBS + (head & 0x7F);
                        for (int k = 0; k < count; k++) {
                            long digit = d.readInt() & DIGIT;
                            s.limbs[base + k] = negative ? -digit : digit; // lazy form: normalised on use
                        }
                    }
                }
            }
            s.nonFinite.or(BitSet.valueOf(nonFinite));
            s.weight = weight;
            return s;
        }
    }
}
