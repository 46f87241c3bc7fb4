package org.hepml.dnn;

import java.util.Arrays;
import java.util.Locale;

/**
 * The optimiser step of a {@link NetworkSpec} network in plain Java arrays: forward, backward and Adam of one
 * mini-batch as DL4J's {@code fit} of the {@link Dl4jNetworks} graph computes them (the weighted cross-entropy of
 * {@link WeightedBinaryCrossEntropy}, its gradient averaged over the batch, Adam with the step's learning rate and
 * β1; agreement with DL4J is tested), on blocks of {@link InferenceNetwork#BLOCK} rows with the scoring kernels'
 * {@link BlockKernel} arithmetic. The parameters and Adam's moments are kept in DL4J's flattened order
 * ({@link NetworkSpec#layout()}), so they go to and from the graph and the member files unchanged.
 *
 * <p>Why by hand and not DL4J: on these 33-wide layers a DL4J step is per-op overhead, not arithmetic. A JFR
 * profile of {@code hepml benchmark training} put 63 % of native samples in {@code NativeOpExecutioner.exec}, SGEMM
 * at 18 % of all samples and JavaCPP's pointer allocation at 17 %, for 5 % of the SGEMM peak (README, "Scoring and
 * training speed"). DL4J stays the network's definition, initialiser, oracle in the tests and the data-parallel
 * mode's step.
 *
 * <p>Deterministic: every row's forward and backward is the same operations whatever the other rows, and every
 * gradient element is one chain over the batch's rows in order, so the kernels (Vector API or scalar) give the
 * same bits. Not thread-safe: one per member.
 */
public final class TrainingNetwork {
    /** Probabilities are clipped here in the loss's gradient, as {@link WeightedBinaryCrossEntropy} does. */
    private static final double CLIP = 1e-7;

    private static final float BETA2 = 0.999f;
    private static final float ADAM_EPSILON = 1e-8f;
    private static final int B = InferenceNetwork.BLOCK;

    private final NetworkSpec spec;
    private final NetworkSpec.Layout layout;
    private final BlockKernel kernel;
    private final int act;
    private final float[] params;
    private final float[] m;
    private final float[] v;
    private final float[] grad;
    private long iteration;

    /** Per hidden layer: weights row-major [nIn][width] (forward) and [width][nIn] (backward), biases. */
    private final float[][] w;

    private final float[][] wT;
    private final float[][] b;
    private final float[] embedding;
    private final float[] headW;
    private float headB;

    /** Gradients summed over the batch: per layer [nIn][width] and [width], the embedding [4][3], the head. */
    private final float[][] dW;

    private final float[][] db;
    private final float[] dEmbedding;
    private final float[] dHeadW;
    private float dHeadB;

    /**
     * One block's units, unit-major ({@code a[unit·B + row]}): the activations (inputs, embedding, each layer's
     * output), then each layer's activation slopes, then the gradients of the activations.
     */
    private final float[] a;

    private final int units;
    private final int slopes;
    private final int grads;
    private final float[] dz;
    private final float[] zHead = new float[B];
    private final float[] dzHead = new float[B];
    private double lossSum;
    private int lossRows;

    /** A network of {@code spec} starting from these flattened parameters (DL4J's order), with the JVM's kernel. */
    public TrainingNetwork(NetworkSpec spec, float[] params) {
        this(spec, params, BlockKernels.DEFAULT);
    }

    TrainingNetwork(NetworkSpec spec, float[] params, BlockKernel kernel) {
        this.spec = spec;
        this.layout = spec.layout();
        if (params.length != layout.size()) {
            throw new IllegalArgumentException(
                    "a " + spec + " network has " + layout.size() + " parameters, got " + params.length);
        }
        this.kernel = kernel;
        String name = spec.activation().toLowerCase(Locale.ROOT);
        this.act = name.equals("relu") ? BlockKernel.RELU : name.equals("selu") ? BlockKernel.SELU : BlockKernel.SWISH;
        this.params = params.clone();
        this.m = new float[params.length];
        this.v = new float[params.length];
        this.grad = new float[params.length];
        int depth = spec.depth();
        int width = spec.width();
        this.w = new float[depth][];
        this.wT = new float[depth][];
        this.b = new float[depth][];
        this.dW = new float[depth][];
        this.db = new float[depth][];
        for (int i = 0; i < depth; i++) {
            w[i] = new float[spec.layerInputs(i) * width];
            wT[i] = new float[w[i].length];
            b[i] = new float[width];
            dW[i] = new float[w[i].length];
            db[i] = new float[width];
        }
        this.embedding = new float[NetworkSpec.JET_CATEGORIES * NetworkSpec.EMBEDDING_DIM];
        this.dEmbedding = new float[embedding.length];
        this.headW = new float[width];
        this.dHeadW = new float[width];
        this.units = spec.inputWidth() + depth * width;
        this.slopes = units;
        this.grads = units + depth * width;
        this.a = new float[(grads + units) * B];
        this.dz = new float[B * width];
        unpack();
    }

    /** The live parameters, DL4J's flattened order (the array itself: read it, do not keep it). */
    public float[] params() {
        return params;
    }

    /** Sets the parameters; Adam's moments and step count stay, as DL4J's {@code setParams} leaves its updater. */
    public void setParams(float[] p) {
        if (p.length != params.length) {
            throw new IllegalArgumentException("expected " + params.length + " parameters, got " + p.length);
        }
        System.arraycopy(p, 0, params, 0, p.length);
        unpack();
    }

    /** Parameters, then Adam's first and second moments, each in DL4J's flattened order (a copy). */
    public float[] state() {
        int n = params.length;
        float[] s = Arrays.copyOf(params, 3 * n);
        System.arraycopy(m, 0, s, n, n);
        System.arraycopy(v, 0, s, 2 * n, n);
        return s;
    }

    /** Sets the parameters and Adam's moments from a {@link #state()}, and the steps taken before. */
    public void setState(float[] state, long steps) {
        int n = params.length;
        if (state.length != 3 * n || steps < 0) {
            throw new IllegalArgumentException(
                    "expected a state of " + 3 * n + " floats and steps >= 0, got " + state.length + " and " + steps);
        }
        System.arraycopy(state, 0, params, 0, n);
        System.arraycopy(state, n, m, 0, n);
        System.arraycopy(state, 2 * n, v, 0, n);
        iteration = steps;
        unpack();
    }

    /** The kernel this network computes with, for benchmark tables. */
    public String describe() {
        return kernel.describe();
    }

    /**
     * The last step's loss before its update, Σ w·bce / rows over its batch (DL4J's {@code score()} after a
     * {@code fit}); NaN before the first step.
     */
    public double loss() {
        return lossRows == 0 ? Double.NaN : lossSum / lossRows;
    }

    /** Optimiser steps taken (Adam's bias correction counts them). */
    public long iteration() {
        return iteration;
    }

    /**
     * One optimiser step on the first {@code rows} rows: inputs {@code x} row-major with {@code f} features, jet
     * counts 0–3 (ignored without the embedding), labels and weights; Adam at learning rate {@code lr} and β1
     * {@code beta1}.
     */
    public void fit(float[] x, int f, float[] jets, float[] y, float[] wt, int rows, double lr, double beta1) {
        gradient(x, f, jets, y, wt, rows);
        adam(rows, lr, beta1);
        iteration++;
        unpack();
    }

    /**
     * The loss's gradient summed over the rows (DL4J's {@code computeGradientAndScore}: the batch average comes in
     * Adam), in DL4J's flattened order; the array is this network's own, overwritten by the next step.
     */
    float[] gradient(float[] x, int f, float[] jets, float[] y, float[] wt, int rows) {
        if (f != spec.inputs()) {
            throw new IllegalArgumentException("the network takes " + spec.inputs() + " inputs, got " + f);
        }
        if (rows < 1) {
            throw new IllegalArgumentException("a mini-batch needs at least one row, got " + rows);
        }
        zeroGradients();
        lossSum = 0;
        lossRows = rows;
        for (int start = 0; start < rows; start += B) {
            int n = Math.min(B, rows - start);
            forward(x, f, jets, start, n);
            lossGradient(y, wt, start, n);
            backward(jets, start, n);
        }
        gather();
        return grad;
    }

    private void zeroGradients() {
        for (int i = 0; i < spec.depth(); i++) {
            Arrays.fill(dW[i], 0f);
            Arrays.fill(db[i], 0f);
        }
        Arrays.fill(dEmbedding, 0f);
        Arrays.fill(dHeadW, 0f);
        dHeadB = 0f;
    }

    private int inOffset(int i) {
        return spec.dense() || i == 0 ? 0 : outOffset(i - 1);
    }

    private int outOffset(int i) {
        return spec.inputWidth() + i * spec.width();
    }

    private static int jet(float[] jets, int row) {
        int j = (int) jets[row];
        if (j < 0 || j >= NetworkSpec.JET_CATEGORIES || j != jets[row]) {
            throw new IllegalArgumentException(
                    "row " + row + " of the mini-batch has jet count " + jets[row] + "; the embedding takes 0-3");
        }
        return j;
    }

    private void forward(float[] x, int f, float[] jets, int start, int n) {
        for (int r = 0; r < n; r++) {
            int xr = (start + r) * f;
            for (int k = 0; k < f; k++) {
                a[k * B + r] = x[xr + k];
            }
            if (spec.jetEmbedding()) {
                int j = jet(jets, start + r);
                for (int e = 0; e < NetworkSpec.EMBEDDING_DIM; e++) {
                    a[(f + e) * B + r] = embedding[j * NetworkSpec.EMBEDDING_DIM + e];
                }
            }
        }
        int width = spec.width();
        for (int i = 0; i < spec.depth(); i++) {
            kernel.layer(
                    a, inOffset(i), spec.layerInputs(i), w[i], b[i], -1, outOffset(i), width, BlockKernel.LINEAR, n);
            kernel.activateWithSlope(a, outOffset(i), slopes + i * width, width, act, n);
        }
        kernel.head(a, outOffset(spec.depth() - 1), width, headW, headB, zHead, n);
    }

    /**
     * dL/dz of the head per row, before the batch average: w·(p − y), and where p is clipped
     * {@link WeightedBinaryCrossEntropy}'s w·(p_c − y)/(p_c(1 − p_c))·σ'(z). In double, with σ'(z) =
     * e^−|z|/(1 + e^−|z|)², which stays finite where p rounds to 1 (float's p(1 − p) would be 0 there).
     */
    private void lossGradient(float[] y, float[] wt, int start, int n) {
        for (int r = 0; r < n; r++) {
            double z = zHead[r];
            double e = Math.exp(-Math.abs(z));
            double p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
            double pc = Math.min(Math.max(p, CLIP), 1 - CLIP);
            double label = y[start + r];
            double d = pc == p ? p - label : (pc - label) / (pc * (1 - pc)) * (e / ((1 + e) * (1 + e)));
            dzHead[r] = (float) (d * wt[start + r]);
            lossSum -= wt[start + r] * (label * Math.log(pc) + (1 - label) * Math.log(1 - pc));
        }
    }

    private void backward(float[] jets, int start, int n) {
        int width = spec.width();
        Arrays.fill(a, grads * B, (grads + units) * B, 0f);
        int last = outOffset(spec.depth() - 1);
        for (int k = 0; k < width; k++) {
            int h = (last + k) * B;
            int g = (grads + last + k) * B;
            float hw = headW[k];
            float s = dHeadW[k];
            for (int r = 0; r < n; r++) {
                a[g + r] = dzHead[r] * hw;
                s = Math.fma(a[h + r], dzHead[r], s);
            }
            dHeadW[k] = s;
        }
        for (int r = 0; r < n; r++) {
            dHeadB += dzHead[r];
        }
        for (int i = spec.depth() - 1; i >= 0; i--) {
            int o = outOffset(i);
            float[] bias = db[i];
            for (int j = 0; j < width; j++) {
                int g = (grads + o + j) * B;
                int s = (slopes + i * width + j) * B;
                float sum = bias[j];
                for (int r = 0; r < n; r++) {
                    float d = a[g + r] * a[s + r];
                    a[g + r] = d;
                    dz[r * width + j] = d;
                    sum += d;
                }
                bias[j] = sum;
            }
            int in = inOffset(i);
            int nIn = spec.layerInputs(i);
            kernel.outer(a, in, nIn, dz, width, n, dW[i]);
            if (i > 0 || spec.jetEmbedding()) {
                kernel.layer(a, grads + o, width, wT[i], b[i], grads + in, grads + in, nIn, BlockKernel.LINEAR, n);
            }
        }
        if (spec.jetEmbedding()) {
            int f = spec.inputs();
            for (int r = 0; r < n; r++) {
                int j = jet(jets, start + r);
                for (int e = 0; e < NetworkSpec.EMBEDDING_DIM; e++) {
                    dEmbedding[j * NetworkSpec.EMBEDDING_DIM + e] += a[(grads + f + e) * B + r];
                }
            }
        }
    }

    /** The gradients into DL4J's flattened order. */
    private void gather() {
        int width = spec.width();
        for (int i = 0; i < spec.depth(); i++) {
            int nIn = spec.layerInputs(i);
            int at = layout.weights()[i];
            for (int k = 0; k < nIn; k++) {
                for (int j = 0; j < width; j++) {
                    grad[at + k + nIn * j] = dW[i][k * width + j];
                }
            }
            System.arraycopy(db[i], 0, grad, layout.biases()[i], width);
        }
        if (spec.jetEmbedding()) {
            for (int c = 0; c < NetworkSpec.JET_CATEGORIES; c++) {
                for (int e = 0; e < NetworkSpec.EMBEDDING_DIM; e++) {
                    grad[layout.embedding() + c + NetworkSpec.JET_CATEGORIES * e] =
                            dEmbedding[c * NetworkSpec.EMBEDDING_DIM + e];
                }
            }
        }
        System.arraycopy(dHeadW, 0, grad, layout.head(), width);
        grad[layout.headBias()] = dHeadB;
    }

    /** Adam's step on the gathered gradients, averaged over the batch's {@code rows} rows. */
    private void adam(int rows, double lr, double beta1) {
        // DL4J's Adam (libnd4j's adamUpdater) in float: bias correction folded into the step size
        float b1 = (float) beta1;
        float t = iteration + 1;
        float stepSize = (float) lr * (float) Math.sqrt(1 - (float) Math.pow(BETA2, t)) / (1 - (float) Math.pow(b1, t));
        if (!Float.isFinite(stepSize) || stepSize == 0f) {
            stepSize = ADAM_EPSILON;
        }
        float n = rows;
        float oneMinusB1 = 1 - b1;
        float oneMinusB2 = 1 - BETA2;
        for (int p = 0; p < params.length; p++) {
            float g = grad[p] / n;
            float mp = b1 * m[p] + g * oneMinusB1;
            float vp = BETA2 * v[p] + g * g * oneMinusB2;
            m[p] = mp;
            v[p] = vp;
            params[p] -= mp * stepSize / ((float) Math.sqrt(vp) + ADAM_EPSILON);
        }
    }

    /** The parameters into the forward and backward layouts. */
    private void unpack() {
        int width = spec.width();
        for (int i = 0; i < spec.depth(); i++) {
            int nIn = spec.layerInputs(i);
            int at = layout.weights()[i];
            System.arraycopy(params, at, wT[i], 0, nIn * width);
            for (int k = 0; k < nIn; k++) {
                for (int j = 0; j < width; j++) {
                    w[i][k * width + j] = params[at + k + nIn * j];
                }
            }
            System.arraycopy(params, layout.biases()[i], b[i], 0, width);
        }
        if (spec.jetEmbedding()) {
            for (int c = 0; c < NetworkSpec.JET_CATEGORIES; c++) {
                for (int e = 0; e < NetworkSpec.EMBEDDING_DIM; e++) {
                    embedding[c * NetworkSpec.EMBEDDING_DIM + e] =
                            params[layout.embedding() + c + NetworkSpec.JET_CATEGORIES * e];
                }
            }
        }
        System.arraycopy(params, layout.head(), headW, 0, width);
        headB = params[layout.headBias()];
    }
}
