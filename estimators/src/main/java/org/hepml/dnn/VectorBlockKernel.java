package org.hepml.dnn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockKernel} with the Java Vector API (the incubator module {@code jdk.incubator.vector}; loaded only where
 * the JVM was started with {@code --add-modules=jdk.incubator.vector}, see {@link BlockKernels}). A register-blocked
 * micro-kernel: four units × two vectors of rows held in eight accumulators across the whole pass over the inputs,
 * so each input vector is loaded once per four units and each weight broadcast once per two vectors; then the
 * activation over the layer's outputs in a pass of its own (inlined there; inside the micro-kernel C2 gave up
 * inlining it and boxed the vectors). Each lane does {@link ScalarBlockKernel}'s operations in its order, so the
 * bits are the same on any vector width.
 */
final class VectorBlockKernel implements BlockKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Rows are computed {@link #ROWS} vectors at a time: the block must hold a whole number of such groups. */
    static boolean fits(int block) {
        return block % (ROWS * L) == 0;
    }

    private static final int ROWS = 2;

    /** Eight units at a time where the vector registers hold sixteen accumulators: 512-bit vectors (AVX-512). */
    private static final boolean EIGHT = S.vectorBitSize() >= 512 && !Boolean.getBoolean("hepml.kernel.four");

    @Override
    public void layer(
            float[] a, int in, int nIn, float[] w, float[] b, int pre, int out, int width, int act, int rows) {
        final int B = InferenceNetwork.BLOCK;
        int step = ROWS * L;
        int padded = (rows + step - 1) / step * step;
        int j = 0;
        if (EIGHT) {
            for (; j + 7 < width; j += 8) {
                for (int r = 0; r < padded; r += step) {
                    eight(a, in * B + r, nIn, w, j, width, b, pre < 0 ? -1 : (pre + j) * B + r, (out + j) * B + r);
                }
            }
        }
        for (; j + 3 < width; j += 4) {
            for (int r = 0; r < padded; r += step) {
                four(a, in * B + r, nIn, w, j, width, b, pre < 0 ? -1 : (pre + j) * B + r, (out + j) * B + r);
            }
        }
        for (; j < width; j++) {
            for (int r = 0; r < padded; r += step) {
                FloatVector c0;
                FloatVector c1;
                if (pre < 0) {
                    c0 = FloatVector.broadcast(S, b[j]);
                    c1 = c0;
                } else {
                    c0 = FloatVector.fromArray(S, a, (pre + j) * B + r);
                    c1 = FloatVector.fromArray(S, a, (pre + j) * B + r + L);
                }
                int at = in * B + r;
                for (int k = 0; k < nIn; k++, at += B) {
                    FloatVector wk = FloatVector.broadcast(S, w[k * width + j]);
                    c0 = FloatVector.fromArray(S, a, at).fma(wk, c0);
                    c1 = FloatVector.fromArray(S, a, at + L).fma(wk, c1);
                }
                int o = (out + j) * B + r;
                c0.intoArray(a, o);
                c1.intoArray(a, o + L);
            }
        }
        if (act == LINEAR) {
            return;
        }
        // the activation in a pass of its own: one call site, small enough for C2 to inline and keep in registers
        for (int u = out; u < out + width; u++) {
            for (int r = u * B; r < u * B + padded; r += L) {
                activate(FloatVector.fromArray(S, a, r), act).intoArray(a, r);
            }
        }
    }

    /**
     * Units j..j+7 of two vectors of rows, as {@link #four} computes them: sixteen accumulators, so each input vector
     * feeds eight fused multiply-adds. Only where vectors are 512 bits wide (AVX-512 has 32 vector registers; with
     * AVX2's 16, the accumulators would spill).
     */
    private static void eight(float[] a, int at, int nIn, float[] w, int j, int width, float[] b, int p, int o) {
        final int B = InferenceNetwork.BLOCK;
        FloatVector c00;
        FloatVector c01;
        FloatVector c02;
        FloatVector c03;
        FloatVector c04;
        FloatVector c05;
        FloatVector c06;
        FloatVector c07;
        FloatVector c10;
        FloatVector c11;
        FloatVector c12;
        FloatVector c13;
        FloatVector c14;
        FloatVector c15;
        FloatVector c16;
        FloatVector c17;
        if (p < 0) {
            c00 = FloatVector.broadcast(S, b[j]);
            c01 = FloatVector.broadcast(S, b[j + 1]);
            c02 = FloatVector.broadcast(S, b[j + 2]);
            c03 = FloatVector.broadcast(S, b[j + 3]);
            c04 = FloatVector.broadcast(S, b[j + 4]);
            c05 = FloatVector.broadcast(S, b[j + 5]);
            c06 = FloatVector.broadcast(S, b[j + 6]);
            c07 = FloatVector.broadcast(S, b[j + 7]);
            c10 = c00;
            c11 = c01;
            c12 = c02;
            c13 = c03;
            c14 = c04;
            c15 = c05;
            c16 = c06;
            c17 = c07;
        } else {
            c00 = FloatVector.fromArray(S, a, p);
            c10 = FloatVector.fromArray(S, a, p + L);
            c01 = FloatVector.fromArray(S, a, p + B);
            c11 = FloatVector.fromArray(S, a, p + B + L);
            c02 = FloatVector.fromArray(S, a, p + 2 * B);
            c12 = FloatVector.fromArray(S, a, p + 2 * B + L);
            c03 = FloatVector.fromArray(S, a, p + 3 * B);
            c13 = FloatVector.fromArray(S, a, p + 3 * B + L);
            c04 = FloatVector.fromArray(S, a, p + 4 * B);
            c14 = FloatVector.fromArray(S, a, p + 4 * B + L);
            c05 = FloatVector.fromArray(S, a, p + 5 * B);
            c15 = FloatVector.fromArray(S, a, p + 5 * B + L);
            c06 = FloatVector.fromArray(S, a, p + 6 * B);
            c16 = FloatVector.fromArray(S, a, p + 6 * B + L);
            c07 = FloatVector.fromArray(S, a, p + 7 * B);
            c17 = FloatVector.fromArray(S, a, p + 7 * B + L);
        }
        int wat = j;
        for (int k = 0; k < nIn; k++, at += B, wat += width) {
            FloatVector x0 = FloatVector.fromArray(S, a, at);
            FloatVector x1 = FloatVector.fromArray(S, a, at + L);
            FloatVector w0 = FloatVector.broadcast(S, w[wat]);
            c00 = x0.fma(w0, c00);
            c10 = x1.fma(w0, c10);
            FloatVector w1 = FloatVector.broadcast(S, w[wat + 1]);
            c01 = x0.fma(w1, c01);
            c11 = x1.fma(w1, c11);
            FloatVector w2 = FloatVector.broadcast(S, w[wat + 2]);
            c02 = x0.fma(w2, c02);
            c12 = x1.fma(w2, c12);
            FloatVector w3 = FloatVector.broadcast(S, w[wat + 3]);
            c03 = x0.fma(w3, c03);
            c13 = x1.fma(w3, c13);
            FloatVector w4 = FloatVector.broadcast(S, w[wat + 4]);
            c04 = x0.fma(w4, c04);
            c14 = x1.fma(w4, c14);
            FloatVector w5 = FloatVector.broadcast(S, w[wat + 5]);
            c05 = x0.fma(w5, c05);
            c15 = x1.fma(w5, c15);
            FloatVector w6 = FloatVector.broadcast(S, w[wat + 6]);
            c06 = x0.fma(w6, c06);
            c16 = x1.fma(w6, c16);
            FloatVector w7 = FloatVector.broadcast(S, w[wat + 7]);
            c07 = x0.fma(w7, c07);
            c17 = x1.fma(w7, c17);
        }
        c00.intoArray(a, o);
        c10.intoArray(a, o + L);
        c01.intoArray(a, o + B);
        c11.intoArray(a, o + B + L);
        c02.intoArray(a, o + 2 * B);
        c12.intoArray(a, o + 2 * B + L);
        c03.intoArray(a, o + 3 * B);
        c13.intoArray(a, o + 3 * B + L);
        c04.intoArray(a, o + 4 * B);
        c14.intoArray(a, o + 4 * B + L);
        c05.intoArray(a, o + 5 * B);
        c15.intoArray(a, o + 5 * B + L);
        c06.intoArray(a, o + 6 * B);
        c16.intoArray(a, o + 6 * B + L);
        c07.intoArray(a, o + 7 * B);
        c17.intoArray(a, o + 7 * B + L);
    }

    /**
     * Units j..j+3 of two vectors of rows, from input offset {@code at} (unit-major, BLOCK apart) into {@code o},
     * before the activation; starting from the biases, or where {@code p >= 0} from the rows' values at offset
     * {@code p}.
     */
    private static void four(float[] a, int at, int nIn, float[] w, int j, int width, float[] b, int p, int o) {
        final int B = InferenceNetwork.BLOCK;
        FloatVector c00;
        FloatVector c01;
        FloatVector c02;
        FloatVector c03;
        FloatVector c10;
        FloatVector c11;
        FloatVector c12;
        FloatVector c13;
        if (p < 0) {
            c00 = FloatVector.broadcast(S, b[j]);
            c01 = FloatVector.broadcast(S, b[j + 1]);
            c02 = FloatVector.broadcast(S, b[j + 2]);
            c03 = FloatVector.broadcast(S, b[j + 3]);
            c10 = c00;
            c11 = c01;
            c12 = c02;
            c13 = c03;
        } else {
            c00 = FloatVector.fromArray(S, a, p);
            c10 = FloatVector.fromArray(S, a, p + L);
            c01 = FloatVector.fromArray(S, a, p + B);
            c11 = FloatVector.fromArray(S, a, p + B + L);
            c02 = FloatVector.fromArray(S, a, p + 2 * B);
            c12 = FloatVector.fromArray(S, a, p + 2 * B + L);
            c03 = FloatVector.fromArray(S, a, p + 3 * B);
            c13 = FloatVector.fromArray(S, a, p + 3 * B + L);
        }
        int wat = j;
        for (int k = 0; k < nIn; k++, at += B, wat += width) {
            FloatVector x0 = FloatVector.fromArray(S, a, at);
            FloatVector x1 = FloatVector.fromArray(S, a, at + L);
            FloatVector w0 = FloatVector.broadcast(S, w[wat]);
            c00 = x0.fma(w0, c00);
            c10 = x1.fma(w0, c10);
            FloatVector w1 = FloatVector.broadcast(S, w[wat + 1]);
            c01 = x0.fma(w1, c01);
            c11 = x1.fma(w1, c11);
            FloatVector w2 = FloatVector.broadcast(S, w[wat + 2]);
            c02 = x0.fma(w2, c02);
            c12 = x1.fma(w2, c12);
            FloatVector w3 = FloatVector.broadcast(S, w[wat + 3]);
            c03 = x0.fma(w3, c03);
            c13 = x1.fma(w3, c13);
        }
        c00.intoArray(a, o);
        c10.intoArray(a, o + L);
        c01.intoArray(a, o + B);
        c11.intoArray(a, o + B + L);
        c02.intoArray(a, o + 2 * B);
        c12.intoArray(a, o + 2 * B + L);
        c03.intoArray(a, o + 3 * B);
        c13.intoArray(a, o + 3 * B + L);
    }

    @Override
    public void combine(
            float[] a,
            int g,
            int along,
            int across,
            int z,
            float c,
            float s,
            boolean minusZ,
            int pre,
            int width,
            int rows) {
        final int B = InferenceNetwork.BLOCK;
        int padded = (rows + L - 1) / L * L;
        FloatVector cv = FloatVector.broadcast(S, c);
        FloatVector sv = FloatVector.broadcast(S, s);
        for (int j = 0; j < width; j++) {
            for (int r = 0; r < padded; r += L) {
                FloatVector t = FloatVector.fromArray(S, a, (across + j) * B + r)
                        .fma(
                                sv,
                                FloatVector.fromArray(S, a, (along + j) * B + r)
                                        .fma(cv, FloatVector.fromArray(S, a, (g + j) * B + r)));
                FloatVector zv = FloatVector.fromArray(S, a, (z + j) * B + r);
                (minusZ ? t.sub(zv) : t.add(zv)).intoArray(a, (pre + j) * B + r);
            }
        }
    }

    @Override
    public void head(float[] a, int in, int width, float[] w, float bias, float[] z, int rows) {
        final int B = InferenceNetwork.BLOCK;
        int padded = (rows + L - 1) / L * L;
        for (int r = 0; r < padded; r += L) {
            FloatVector c = FloatVector.broadcast(S, bias);
            for (int k = 0; k < width; k++) {
                c = FloatVector.fromArray(S, a, (in + k) * B + r).fma(FloatVector.broadcast(S, w[k]), c);
            }
            c.intoArray(z, r);
        }
    }

    @Override
    public void activateWithSlope(float[] a, int at, int slope, int width, int act, int rows) {
        final int B = InferenceNetwork.BLOCK;
        int padded = (rows + L - 1) / L * L;
        for (int u = 0; u < width; u++) {
            int h = (at + u) * B;
            int d = (slope + u) * B;
            for (int r = 0; r < padded; r += L) {
                FloatVector z = FloatVector.fromArray(S, a, h + r);
                FloatVector value;
                FloatVector derivative;
                if (act == RELU) {
                    VectorMask<Float> positive = z.compare(VectorOperators.GT, 0f);
                    value = z.max(0f);
                    derivative = FloatVector.zero(S).blend(1f, positive);
                } else if (act == SELU) {
                    VectorMask<Float> positive = z.compare(VectorOperators.GT, 0f);
                    FloatVector e = exp(z);
                    value = e.sub(1f).mul(SELU_LAMBDA_ALPHA).blend(z.mul(SELU_LAMBDA), positive);
                    derivative = e.mul(SELU_LAMBDA_ALPHA).blend(SELU_LAMBDA, positive);
                } else {
                    FloatVector q = exp(z.neg()).add(1f);
                    FloatVector s = FloatVector.broadcast(S, 1f).div(q);
                    value = z.div(q);
                    derivative = s.mul(z.fma(FloatVector.broadcast(S, 1f).sub(s), FloatVector.broadcast(S, 1f)));
                }
                value.intoArray(a, h + r);
                derivative.intoArray(a, d + r);
            }
        }
    }

    /**
     * Four inputs' rows of weight gradients at a time over a vector of units, each lane's chain over the rows in
     * order; the units past the last whole vector as {@link ScalarBlockKernel} does them.
     */
    @Override
    public void outer(float[] a, int in, int nIn, float[] d, int width, int rows, float[] dW) {
        final int B = InferenceNetwork.BLOCK;
        int whole = width / L * L;
        int k = 0;
        for (; k + 3 < nIn; k += 4) {
            int x0 = (in + k) * B;
            int x1 = x0 + B;
            int x2 = x1 + B;
            int x3 = x2 + B;
            for (int j = 0; j < whole; j += L) {
                int o = k * width + j;
                FloatVector c0 = FloatVector.fromArray(S, dW, o);
                FloatVector c1 = FloatVector.fromArray(S, dW, o + width);
                FloatVector c2 = FloatVector.fromArray(S, dW, o + 2 * width);
                FloatVector c3 = FloatVector.fromArray(S, dW, o + 3 * width);
                for (int r = 0, dr = j; r < rows; r++, dr += width) {
                    FloatVector g = FloatVector.fromArray(S, d, dr);
                    c0 = FloatVector.broadcast(S, a[x0 + r]).fma(g, c0);
                    c1 = FloatVector.broadcast(S, a[x1 + r]).fma(g, c1);
                    c2 = FloatVector.broadcast(S, a[x2 + r]).fma(g, c2);
                    c3 = FloatVector.broadcast(S, a[x3 + r]).fma(g, c3);
                }
                c0.intoArray(dW, o);
                c1.intoArray(dW, o + width);
                c2.intoArray(dW, o + 2 * width);
                c3.intoArray(dW, o + 3 * width);
            }
            tail(a, k, 4, in, d, width, whole, rows, dW);
        }
        for (; k < nIn; k++) {
            int x = (in + k) * B;
            for (int j = 0; j < whole; j += L) {
                int o = k * width + j;
                FloatVector c = FloatVector.fromArray(S, dW, o);
                for (int r = 0, dr = j; r < rows; r++, dr += width) {
                    c = FloatVector.broadcast(S, a[x + r]).fma(FloatVector.fromArray(S, d, dr), c);
                }
                c.intoArray(dW, o);
            }
            tail(a, k, 1, in, d, width, whole, rows, dW);
        }
    }

    /** Units [from, width) of inputs [k, k + count): scalar chains, the same operations as the vector lanes. */
    private static void tail(
            float[] a, int k, int count, int in, float[] d, int width, int from, int rows, float[] dW) {
        final int B = InferenceNetwork.BLOCK;
        for (int q = k; q < k + count; q++) {
            int x = (in + q) * B;
            for (int j = from; j < width; j++) {
                int o = q * width + j;
                float c = dW[o];
                for (int r = 0; r < rows; r++) {
                    c = Math.fma(a[x + r], d[r * width + j], c);
                }
                dW[o] = c;
            }
        }
    }

    private static FloatVector activate(FloatVector v, int act) {
        if (act == LINEAR) {
            return v;
        }
        if (act == RELU) {
            return v.max(0f);
        }
        if (act == SELU) {
            VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
            FloatVector negative = exp(v).sub(1f).mul(SELU_LAMBDA_ALPHA);
            return negative.blend(v.mul(SELU_LAMBDA), positive);
        }
        return v.div(exp(v.neg()).add(1f));
    }

    /** {@link FloatExp#exp} lane by lane, the same operations in the same order. */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(FloatExp.LO).min(FloatExp.HI);
        FloatVector t = c.fma(FloatExp.LOG2E, FloatExp.ROUND);
        FloatVector n = t.sub(FloatExp.ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(S, -FloatExp.LN2_HI), c);
        r = n.fma(FloatVector.broadcast(S, -FloatExp.LN2_LO), r);
        FloatVector z = r.mul(r);
        FloatVector p = FloatVector.broadcast(S, FloatExp.P0).fma(r, FloatVector.broadcast(S, FloatExp.P1));
        p = p.fma(r, FloatVector.broadcast(S, FloatExp.P2));
        p = p.fma(r, FloatVector.broadcast(S, FloatExp.P3));
        p = p.fma(r, FloatVector.broadcast(S, FloatExp.P4));
        p = p.fma(r, FloatVector.broadcast(S, FloatExp.P5));
        p = p.fma(z, r).add(1f);
        IntVector e = t.reinterpretAsInts().sub(FloatExp.ROUND_BITS - 127);
        return p.mul(e.lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
    }

    @Override
    public String describe() {
        return "Vector API, " + S.vectorBitSize() + "-bit fused multiply-adds";
    }
}
