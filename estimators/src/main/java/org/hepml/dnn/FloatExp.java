package org.hepml.dnn;

/**
 * e^x in float by Cephes' polynomial, written as a fixed sequence of IEEE operations (fused multiply-adds, one
 * rounding to an integer by the 1.5·2²³ trick, an exponent built from bits) so that {@link VectorBlockKernel}'s lanes
 * and {@link ScalarBlockKernel} compute the same bits: {@code Math.exp} and the Vector API's EXP are each accurate,
 * but not to each other's bits. Relative error ≤ 2e-7 on the clamped range [-87, 88] (tested against Math.exp).
 */
final class FloatExp {
    private FloatExp() {}

    /** Inputs are clamped here: e^-87 and e^88 stay normal floats, and 2^n needs no special cases. */
    static final float LO = -87f;

    static final float HI = 88f;
    static final float LOG2E = 1.44269504088896341f;
    /** 1.5·2²³: adding it rounds a float of magnitude < 2²² to an integer (ties to even). */
    static final float ROUND = 12582912f;

    static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    /** ln 2 split in two, the first part exact in few bits, so n·LN2_HI is exact. */
    static final float LN2_HI = 0.693359375f;

    static final float LN2_LO = -2.12194440e-4f;
    static final float P0 = 1.9875691500e-4f;
    static final float P1 = 1.3981999507e-3f;
    static final float P2 = 8.3334519073e-3f;
    static final float P3 = 4.1665795894e-2f;
    static final float P4 = 1.6666665459e-1f;
    static final float P5 = 5.0000001201e-1f;

    /** e^x: x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r by the polynomial, 2^n from its exponent bits. */
    static float exp(float x) {
        float c = Math.min(Math.max(x, LO), HI);
        float t = Math.fma(c, LOG2E, ROUND);
        float n = t - ROUND;
        float r = Math.fma(n, -LN2_HI, c);
        r = Math.fma(n, -LN2_LO, r);
        float z = r * r;
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        p = Math.fma(p, z, r) + 1f;
        // n sits in t's low mantissa bits: 2^n's exponent without a float-to-int conversion
        return p * Float.intBitsToFloat((Float.floatToRawIntBits(t) - (ROUND_BITS - 127)) << 23);
    }
}
