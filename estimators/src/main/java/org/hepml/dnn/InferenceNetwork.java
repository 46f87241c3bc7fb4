package org.hepml.dnn;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.hepml.symmetry.SymmetryTransform;

/**
 * A trained member's forward pass in plain Java, for scoring: the flattened parameters of a {@link NetworkSpec}
 * network (a member file's, in {@link NetworkSpec#layout()}'s order) read once, then rows computed in blocks by a
 * {@link BlockKernel}, each row by the same float operations in a fixed order. No DL4J or ND4J: an executor that only
 * scores needs neither. So a row's score is the same bit for bit whatever batch, partition, machine or kernel (Vector
 * API or scalar) it is scored with (DL4J's BLAS kernels work in tiles and are not), it is thread-safe, and for these
 * small layers it avoids DL4J's per-op overhead. Agrees with DL4J's output to float rounding (tested).
 */
public final class InferenceNetwork implements Serializable {
    private static final long serialVersionUID = 1L;

    private final NetworkSpec spec;
    /** Per hidden layer: weights [nIn][width] row-major, biases [width]. */
    private final float[][] weights;

    private final float[][] biases;
    /** Jet-count embedding [4][3] row-major, or null. */
    private final float[] embedding;

    private final float[] outWeights;
    private final float outBias;
    private final int activationCode;
    /** The grid pass's regrouped weights, built on first use for one set of momentum slots. */
    private transient volatile AugmentedForward augmented;

    private transient volatile MomentumSlots augmentedSlots;

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
        this.activationCode =
                act.equals("relu") ? BlockKernel.RELU : act.equals("selu") ? BlockKernel.SELU : BlockKernel.SWISH;
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

    /** What computes the layers in this JVM, for benchmarks' tables. */
    public static String kernel() {
        return BlockKernels.DEFAULT.describe();
    }

    /** Rows computed together: each weight read once per block of rows, the inner loops long enough to vectorise. */
    static final int BLOCK = 32;

    /**
     * Signal probabilities of {@code rows} scaled rows ({@code f} values each, row-major) with their jet counts
     * (ignored without an embedding).
     */
    public float[] predict(float[] x, float[] jets, int rows, int f) {
        return predict(x, jets, rows, f, BlockKernels.DEFAULT);
    }

    /**
     * Each variant's signal probabilities ([grid.size()][rows]) for a test-time grid, the invariant share computed
     * once per event ({@link AugmentedForward}); {@code slots} says where the momenta sit in a row.
     */
    public float[][] predictGrid(
            float[] x, float[] jets, int rows, int f, MomentumSlots slots, List<SymmetryTransform> grid) {
        return predictGrid(x, jets, rows, f, slots, grid, BlockKernels.DEFAULT);
    }

    float[][] predictGrid(
            float[] x,
            float[] jets,
            int rows,
            int f,
            MomentumSlots slots,
            List<SymmetryTransform> grid,
            BlockKernel kernel) {
        AugmentedForward forward = augmented;
        MomentumSlots at = augmentedSlots;
        if (forward == null || !sameSlots(at, slots)) {
            forward =
                    new AugmentedForward(spec, weights, biases, embedding, outWeights, outBias, activationCode, slots);
            augmented = forward;
            augmentedSlots = slots;
        }
        return forward.predict(x, jets, rows, f, grid, kernel);
    }

    private static boolean sameSlots(MomentumSlots a, MomentumSlots b) {
        return a != null
                && Arrays.equals(a.px(), b.px())
                && Arrays.equals(a.py(), b.py())
                && Arrays.equals(a.pz(), b.pz());
    }

    /** {@link #predict(float[], float[], int, int)} with the given kernel (every kernel gives the same bits). */
    float[] predict(float[] x, float[] jets, int rows, int f, BlockKernel kernel) {
        int inWidth = spec.inputs() + (embedding == null ? 0 : NetworkSpec.EMBEDDING_DIM);
        int width = spec.width();
        int depth = weights.length;
        // activations of a block, one array per unit: the input units, then each layer's outputs (dense), or the
        // input and two alternating layer outputs (not dense)
        int units = spec.dense() ? inWidth + depth * width : inWidth + 2 * width;
        float[] a = new float[units * BLOCK];
        float[] z = new float[BLOCK];
        float[] out = new float[rows];
        for (int start = 0; start < rows; start += BLOCK) {
            int n = Math.min(BLOCK, rows - start);
            for (int r = 0; r < n; r++) {
                int row = start + r;
                for (int k = 0; k < spec.inputs(); k++) {
                    a[k * BLOCK + r] = x[row * f + k];
                }
                if (embedding != null) {
                    int j = (int) jets[row];
                    for (int e = 0; e < NetworkSpec.EMBEDDING_DIM; e++) {
                        a[(spec.inputs() + e) * BLOCK + r] = embedding[j * NetworkSpec.EMBEDDING_DIM + e];
                    }
                }
            }
            int inStart = 0;
            int nIn = inWidth;
            int outStart = inWidth;
            for (int layer = 0; layer < depth; layer++) {
                kernel.layer(a, inStart, nIn, weights[layer], biases[layer], -1, outStart, width, activationCode, n);
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
            kernel.head(a, last, width, outWeights, outBias, z, n);
            for (int r = 0; r < n; r++) {
                out[start + r] = (float) (1 / (1 + Math.exp(-z[r])));
            }
        }
        return out;
    }
}
