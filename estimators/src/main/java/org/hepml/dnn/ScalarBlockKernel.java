package org.hepml.dnn;

/**
 * {@link BlockKernel} in plain Java: what runs where the Vector API module is not loaded. Two units per pass over the
 * inputs and rows innermost, so C2 can vectorise the fused multiply-adds (Java 17's C2 does); bit for bit what
 * {@link VectorBlockKernel} computes.
 */
final class ScalarBlockKernel implements BlockKernel {
    @Override
    public void layer(
            float[] a, int in, int nIn, float[] w, float[] b, int pre, int out, int width, int act, int rows) {
        final int B = InferenceNetwork.BLOCK;
        // accumulators in arrays of their own: with them in `a` C2 cannot tell they do not overlap the inputs, and
        // does not vectorise
        float[] acc0 = new float[rows];
        float[] acc1 = new float[rows];
        float[] v = new float[rows];
        int j = 0;
        for (; j + 1 < width; j += 2) {
            start(acc0, a, b, pre, j, rows);
            start(acc1, a, b, pre, j + 1, rows);
            for (int k = 0; k < nIn; k++) {
                System.arraycopy(a, (in + k) * B, v, 0, rows);
                float w0 = w[k * width + j];
                float w1 = w[k * width + j + 1];
                for (int r = 0; r < rows; r++) {
                    float x = v[r];
                    acc0[r] = Math.fma(x, w0, acc0[r]);
                    acc1[r] = Math.fma(x, w1, acc1[r]);
                }
            }
            activate(acc0, act, (out + j) * B, a);
            activate(acc1, act, (out + j + 1) * B, a);
        }
        for (; j < width; j++) {
            start(acc0, a, b, pre, j, rows);
            for (int k = 0; k < nIn; k++) {
                System.arraycopy(a, (in + k) * B, v, 0, rows);
                float wk = w[k * width + j];
                for (int r = 0; r < rows; r++) {
                    acc0[r] = Math.fma(v[r], wk, acc0[r]);
                }
            }
            activate(acc0, act, (out + j) * B, a);
        }
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
        for (int j = 0; j < width; j++) {
            int gj = (g + j) * B;
            int aj = (along + j) * B;
            int xj = (across + j) * B;
            int zj = (z + j) * B;
            int o = (pre + j) * B;
            if (minusZ) {
                for (int r = 0; r < rows; r++) {
                    a[o + r] = Math.fma(s, a[xj + r], Math.fma(c, a[aj + r], a[gj + r])) - a[zj + r];
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    a[o + r] = Math.fma(s, a[xj + r], Math.fma(c, a[aj + r], a[gj + r])) + a[zj + r];
                }
            }
        }
    }

    @Override
    public void head(float[] a, int in, int width, float[] w, float bias, float[] z, int rows) {
        final int B = InferenceNetwork.BLOCK;
        java.util.Arrays.fill(z, 0, rows, bias);
        for (int k = 0; k < width; k++) {
            int v = (in + k) * B;
            float wk = w[k];
            for (int r = 0; r < rows; r++) {
                z[r] = Math.fma(a[v + r], wk, z[r]);
            }
        }
    }

    @Override
    public void activateWithSlope(float[] a, int at, int slope, int width, int act, int rows) {
        final int B = InferenceNetwork.BLOCK;
        for (int u = 0; u < width; u++) {
            int h = (at + u) * B;
            int d = (slope + u) * B;
            for (int r = 0; r < rows; r++) {
                float z = a[h + r];
                if (act == RELU) {
                    a[h + r] = Math.max(z, 0f);
                    a[d + r] = z > 0f ? 1f : 0f;
                } else if (act == SELU) {
                    float e = FloatExp.exp(z);
                    a[h + r] = z > 0f ? SELU_LAMBDA * z : SELU_LAMBDA_ALPHA * (e - 1f);
                    a[d + r] = z > 0f ? SELU_LAMBDA : SELU_LAMBDA_ALPHA * e;
                } else {
                    float q = FloatExp.exp(-z) + 1f;
                    float s = 1f / q;
                    a[h + r] = z / q;
                    a[d + r] = s * Math.fma(z, 1f - s, 1f);
                }
            }
        }
    }

    @Override
    public void outer(float[] a, int in, int nIn, float[] d, int width, int rows, float[] dW) {
        final int B = InferenceNetwork.BLOCK;
        for (int k = 0; k < nIn; k++) {
            int x = (in + k) * B;
            int o = k * width;
            for (int r = 0; r < rows; r++) {
                float h = a[x + r];
                int dr = r * width;
                for (int j = 0; j < width; j++) {
                    dW[o + j] = Math.fma(h, d[dr + j], dW[o + j]);
                }
            }
        }
    }

    /** Unit j's starting values: its bias, or (pre >= 0) each row's value in unit pre + j. */
    private static void start(float[] acc, float[] a, float[] b, int pre, int j, int rows) {
        if (pre < 0) {
            java.util.Arrays.fill(acc, b[j]);
        } else {
            System.arraycopy(a, (pre + j) * InferenceNetwork.BLOCK, acc, 0, rows);
        }
    }

    private static void activate(float[] acc, int act, int at, float[] a) {
        for (int r = 0; r < acc.length; r++) {
            a[at + r] = activate(acc[r], act);
        }
    }

    static float activate(float v, int act) {
        if (act == LINEAR) {
            return v;
        }
        if (act == RELU) {
            return Math.max(v, 0f);
        }
        if (act == SELU) {
            return v > 0f ? SELU_LAMBDA * v : SELU_LAMBDA_ALPHA * (FloatExp.exp(v) - 1f);
        }
        return v / (FloatExp.exp(-v) + 1f);
    }

    @Override
    public String describe() {
        return "scalar fused multiply-adds";
    }
}
