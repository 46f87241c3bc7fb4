package org.hepml.dnn;

/**
 * The arithmetic of {@link InferenceNetwork} on a block of rows held unit by unit ({@code a[unit][row]}, each array
 * {@link InferenceNetwork#BLOCK} long). Every implementation computes each row by the same operations in the same
 * order, whatever the other rows of its block: a hidden unit is {@code act(fma(a[nIn-1], W[nIn-1][j], … fma(a[0],
 * W[0][j], b[j])))}, Swish is {@code v / (FloatExp.exp(-v) + 1)}, the head {@code fma(h[w-1], o[w-1], … fma(h[0],
 * o[0], bias))}. So the kernels give the same bits, and so does a row scored alone or in any batch.
 */
interface BlockKernel {
    int SWISH = 0;
    int RELU = 1;
    int SELU = 2;
    /** No activation: the pre-activation itself (test-time augmentation's partial sums). */
    int LINEAR = 3;

    float SELU_LAMBDA = 1.0507009873554805f;
    float SELU_LAMBDA_ALPHA = (float) (1.0507009873554805 * 1.6732632423543772);

    /**
     * Units [out, out + width) of the first {@code rows} rows from units [in, in + nIn), with weights {@code w}
     * row-major [nIn][width] and activation {@code act}. Unit j starts from the bias {@code b[j]}, or, where
     * {@code pre >= 0}, from the row's own value in unit {@code pre + j} (test-time augmentation's once-computed
     * share); then the fused multiply-adds over the inputs in order.
     */
    void layer(float[] a, int in, int nIn, float[] w, float[] b, int pre, int out, int width, int act, int rows);

    /**
     * Test-time augmentation's per-variant start, into units [pre, pre + width) of the first {@code rows} rows:
     * {@code fma(s, across, fma(c, along, g))} then minus ({@code minusZ}) or plus {@code z}, unit by unit.
     */
    void combine(
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
            int rows);

    /**
     * Training's activation: units [at, at + width) of the first {@code rows} rows hold pre-activations z; each
     * becomes act(z), computed as {@link #layer} computes it, and units [slope, slope + width) get act'(z): Swish
     * {@code s·fma(z, 1 − s, 1)} with {@code s = 1 / (e^−z + 1)}, ReLU 1 or 0, SELU λ or λα·e^z.
     */
    void activateWithSlope(float[] a, int at, int slope, int width, int act, int rows);

    /**
     * Training's weight gradient: {@code dW[k·width + j] = fma(a[in + k][r], d[r·width + j], dW[k·width + j])} for
     * the first {@code rows} rows in order, k below {@code nIn}, j below {@code width} ({@code d} row-major, a row's
     * gradients at the layer's units). Each element is one chain over the rows, whatever the kernel.
     */
    void outer(float[] a, int in, int nIn, float[] d, int width, int rows, float[] dW);

    /** The head's pre-activation of the first {@code rows} rows into {@code z}, from units [in, in + width). */
    void head(float[] a, int in, int width, float[] w, float bias, float[] z, int rows);

    /** What this kernel is, for benchmark tables. */
    String describe();
}
