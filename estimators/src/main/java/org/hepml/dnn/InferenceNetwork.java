package org.hepml.dnn;

import java.io.Serializable;

/**
 * A trained member's forward pass in plain Java, for scoring: the flattened parameters of a {@link NetworkSpec}
 * network (a member file's, in {@link NetworkSpec#layout()}'s order) read once, then each row computed on its own,
 * in float, in a fixed order. No DL4J or ND4J: an executor that only scores needs neither. So a row's score is the
 * same bit
 * for bit whatever batch, partition or machine it is scored in (DL4J's BLAS kernels work in tiles and are not), it
 * is thread-safe, and for these small layers it avoids DL4J's per-op overhead. Agrees with DL4J's output to float
 * rounding (tested).
 */
public final class InferenceNetwork implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double SELU_ALPHA = 1.6732632423543772;
    private static final double SELU_LAMBDA = 1.0507009873554805;

    private final NetworkSpec spec;
    /** Per hidden layer: weights [nIn][width] row-major, biases [width]. */
    private final float[][] weights;

    private final float[][] biases;
    /** Jet-count embedding [4][3] row-major, or null. */
    private final float[] embedding;

    private final float[] outWeights;
    private final float outBias;
    private static final int SWISH = 0;
    private static final int RELU = 1;
    private static final int SELU = 2;
    private final int activationCode;

    private InferenceNetwork(
            NetworkSpec spec,
            float[][] weights,
            float[][] biases,
            float[] embedding,
            float[] outWeights,
            float outBias) {
        this.spec = spec;
        this.weights = weights;
        this.biases = biases;
        this.embedding = embedding;
        this.outWeights = outWeights;
        this.outBias = outBias;
        String act = spec.activation().toLowerCase(java.util.Locale.ROOT);
        this.activationCode = act.equals("relu") ? RELU : act.equals("selu") ? SELU : SWISH;
    }

    /**
     * The network of {@code spec} with these flattened parameters (DL4J's order, see {@link NetworkSpec#layout()});
     * a count that does not fit is an error.
     */
    public static InferenceNetwork of(float[] params, NetworkSpec spec) {
        NetworkSpec.Layout at = spec.layout();
        if (params.length != at.size()) {
            throw new IllegalArgumentException(
                    params.length + " parameters, but the network " + spec + " has " + at.size());
        }
        float[][] w = new float[spec.depth()][];
        float[][] b = new float[spec.depth()][];
        for (int i = 0; i < spec.depth(); i++) {
            w[i] = at.weights(params, spec, i);
            b[i] = at.biases(params, spec, i);
        }
        float[] emb = spec.jetEmbedding() ? at.embedding(params) : null;
        return new InferenceNetwork(spec, w, b, emb, at.head(params, spec), at.headBias(params));
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** What computes the layers, for benchmarks' tables. */
    public static String kernel() {
        return "scalar, blocks of " + BLOCK + " rows";
    }

    /** Rows computed together: each weight read once per block of rows, the inner loops long enough to vectorise. */
    private static final int BLOCK = 256;

    /**
     * Signal probabilities of {@code rows} scaled rows ({@code f} values each, row-major) with their jet counts
     * (ignored without an embedding).
     */
    public float[] predict(float[] x, float[] jets, int rows, int f) {
        int inWidth = spec.inputs() + (embedding == null ? 0 : NetworkSpec.EMBEDDING_DIM);
        int width = spec.width();
        int depth = weights.length;
        // activations of a block, one array per unit: the input units, then each layer's outputs (dense), or the
        // input and two alternating layer outputs (not dense)
        int units = spec.dense() ? inWidth + depth * width : inWidth + 2 * width;
        float[][] a = new float[units][BLOCK];
        float[] out = new float[rows];
        for (int start = 0; start < rows; start += BLOCK) {
            int n = Math.min(BLOCK, rows - start);
            for (int r = 0; r < n; r++) {
                int row = start + r;
                for (int k = 0; k < spec.inputs(); k++) {
                    a[k][r] = x[row * f + k];
                }
                if (embedding != null) {
                    int j = (int) jets[row];
                    for (int e = 0; e < NetworkSpec.EMBEDDING_DIM; e++) {
                        a[spec.inputs() + e][r] = embedding[j * NetworkSpec.EMBEDDING_DIM + e];
                    }
                }
            }
            int inStart = 0;
            int nIn = inWidth;
            int outStart = inWidth;
            for (int layer = 0; layer < depth; layer++) {
                dense(a, inStart, nIn, weights[layer], biases[layer], outStart, width);
                if (spec.dense()) {
                    nIn += width;
                    outStart += width;
                } else {
                    inStart = outStart;
                    nIn = width;
                    outStart = outStart == inWidth ? inWidth + width : inWidth;
                }
            }
            int last = spec.dense() ? inWidth + (depth - 1) * width : inStart;
            float[] z = new float[BLOCK];
            java.util.Arrays.fill(z, outBias);
            for (int k = 0; k < width; k++) {
                float[] v = a[last + k];
                float wk = outWeights[k];
                for (int r = 0; r < BLOCK; r++) {
                    z[r] += v[r] * wk;
                }
            }
            for (int r = 0; r < n; r++) {
                out[start + r] = (float) (1 / (1 + Math.exp(-z[r])));
            }
        }
        return out;
    }

    /**
     * Units [outStart, outStart + width) of a block: act(b[j] + Σ_k a[k]·W[k][j]), summed in order of k for every
     * row alike, so a row's value does not depend on the other rows of its block.
     */
    private void dense(float[][] a, int inStart, int nIn, float[] w, float[] b, int outStart, int width) {
        int j = 0;
        // two output units per pass over the inputs: each input value read once for both
        for (; j + 1 < width; j += 2) {
            float[] acc0 = a[outStart + j];
            float[] acc1 = a[outStart + j + 1];
            java.util.Arrays.fill(acc0, b[j]);
            java.util.Arrays.fill(acc1, b[j + 1]);
            for (int k = 0; k < nIn; k++) {
                float[] v = a[inStart + k];
                float w0 = w[k * width + j];
                float w1 = w[k * width + j + 1];
                for (int r = 0; r < BLOCK; r++) {
                    float x = v[r];
                    acc0[r] += x * w0;
                    acc1[r] += x * w1;
                }
            }
            activateAll(acc0);
            activateAll(acc1);
        }
        for (; j < width; j++) {
            float[] acc = a[outStart + j];
            java.util.Arrays.fill(acc, b[j]);
            for (int k = 0; k < nIn; k++) {
                float[] v = a[inStart + k];
                float wk = w[k * width + j];
                for (int r = 0; r < BLOCK; r++) {
                    acc[r] += v[r] * wk;
                }
            }
            activateAll(acc);
        }
    }

    private void activateAll(float[] acc) {
        for (int r = 0; r < BLOCK; r++) {
            acc[r] = activate(acc[r]);
        }
    }

    private float activate(float v) {
        if (activationCode == RELU) {
            return Math.max(0f, v);
        }
        if (activationCode == SELU) {
            return (float) (v > 0 ? SELU_LAMBDA * v : SELU_LAMBDA * SELU_ALPHA * (Math.exp(v) - 1));
        }
        return (float) (v / (1 + Math.exp(-(double) v)));
    }
}
