package org.hepml.dnn;

import java.util.ArrayList;
import java.util.List;
import org.hepml.symmetry.SymmetryTransform;

/**
 * One network's forward pass over a whole test-time grid, with what the grid leaves unchanged computed once per
 * event. A layer fed by the inputs (every layer of a dense network, the first of a plain one) has the
 * pre-activation {@code b + W_inv·x_inv + W_mom·x_mom(v) + W_prev·h(v)}. The invariant inputs (every feature but the
 * momenta, and the jet embedding) give {@code G = b + W_inv·x_inv}, the same for every variant. A variant that
 * flips y ({@code fy = ±1}), rotates by θ and flips z ({@code fz = ±1}) moves each object's momentum to
 * {@code (c·px − s·fy·py, s·px + c·fy·py, fz·pz)}, so the momenta give {@code c·(P + fy·Q) + s·(S − fy·R) + fz·Z}
 * with {@code P = W_px·px}, {@code Q = W_py·py}, {@code R = W_px·py}, {@code S = W_py·px}, {@code Z = W_pz·pz}.
 * Once per event: {@code G}, {@code Z}, and {@code A± = P ± Q}, {@code B± = S ∓ R} (one product of the stacked
 * (px, py) with the four weight blocks). Each variant then pays two fused multiply-adds and an add per unit for its
 * momenta ({@link BlockKernel#combine}) and the full cost only for the previous layers' outputs
 * ({@code W_prev·h(v)}), which are not linear in the inputs.
 *
 * <p>The same operations in the same order for every row whatever its block, in both kernels: a row's scores do
 * not depend on its batch. They differ from scoring each transformed copy of the event in rounding only (the sums
 * are grouped differently), well within the 1e-5 the model promises against DL4J; the ONNX export and
 * {@code TestTimeAugmentation} + {@code AugmentationAverage} compute the copies one by one and agree to that
 * rounding (tested).
 */
final class AugmentedForward {
    private static final int B = InferenceNetwork.BLOCK;
    /** The once-computed groups of units per layer fed by the inputs: G, A+, A−, B+, B−, Z. */
    private static final int GROUPS = 6;

    private final int inputs;
    private final float[] embedding;
    private final int width;
    private final int depth;
    private final boolean dense;
    private final int act;
    /** Feature index of each invariant input unit (the embedding's units follow them). */
    private final int[] invariant;

    private final int[] px;
    private final int[] py;
    /** Feature index of each pz, for the objects that have one. */
    private final int[] pz;
    /** Per layer fed by the inputs, the weight rows of each kind ([rows][width]); the rest: {@code prev}. */
    private final float[][] wInv;

    /** [px; py] rows × [A+ | A− | B+ | B−] columns. */
    private final float[][] wPlane;

    private final float[][] wPz;
    private final float[][] wPrev;
    private final float[][] biases;
    private final float[] zeros;
    private final float[] outWeights;
    private final float outBias;

    AugmentedForward(
            NetworkSpec spec,
            float[][] weights,
            float[][] biases,
            float[] embedding,
            float[] outWeights,
            float outBias,
            int act,
            MomentumSlots slots) {
        this.inputs = spec.inputs();
        this.embedding = embedding;
        this.width = spec.width();
        this.depth = spec.depth();
        this.dense = spec.dense();
        this.act = act;
        this.biases = biases;
        this.outWeights = outWeights;
        this.outBias = outBias;
        this.zeros = new float[4 * width];
        boolean[] moving = new boolean[inputs];
        List<Integer> withPz = new ArrayList<>();
        for (int k = 0; k < slots.objects(); k++) {
            moving[slots.px()[k]] = true;
            moving[slots.py()[k]] = true;
            if (slots.pz()[k] >= 0) {
                moving[slots.pz()[k]] = true;
                withPz.add(slots.pz()[k]);
            }
        }
        List<Integer> inv = new ArrayList<>();
        for (int k = 0; k < inputs; k++) {
            if (!moving[k]) {
                inv.add(k);
            }
        }
        this.invariant = inv.stream().mapToInt(Integer::intValue).toArray();
        this.px = slots.px().clone();
        this.py = slots.py().clone();
        this.pz = withPz.stream().mapToInt(Integer::intValue).toArray();
        int emb = embedding == null ? 0 : NetworkSpec.EMBEDDING_DIM;
        int inWidth = inputs + emb;
        this.wInv = new float[depth][];
        this.wPlane = new float[depth][];
        this.wPz = new float[depth][];
        this.wPrev = new float[depth][];
        int[] invRows = new int[invariant.length + emb];
        System.arraycopy(invariant, 0, invRows, 0, invariant.length);
        for (int e = 0; e < emb; e++) {
            invRows[invariant.length + e] = inputs + e;
        }
        for (int l = 0; l < depth; l++) {
            int nIn = weights[l].length / width;
            if (!fed(l)) {
                wPrev[l] = weights[l];
                continue;
            }
            wInv[l] = rows(weights[l], invRows);
            wPlane[l] = plane(rows(weights[l], px), rows(weights[l], py));
            wPz[l] = rows(weights[l], pz);
            int[] prev = new int[nIn - inWidth];
            for (int k = 0; k < prev.length; k++) {
                prev[k] = inWidth + k;
            }
            wPrev[l] = rows(weights[l], prev);
        }
    }

    /** Whether layer l takes the inputs (and the once-computed share). */
    private boolean fed(int l) {
        return dense || l == 0;
    }

    /**
     * The (px, py) weights for A± and B± at once: row k (px_k) gives [Wpx, Wpx, Wpy, Wpy], row n + k (py_k)
     * [Wpy, −Wpy, −Wpx, Wpx]; so A+ = Wpx·px + Wpy·py, A− = Wpx·px − Wpy·py, B+ = Wpy·px − Wpx·py, B− = Wpy·px +
     * Wpx·py.
     */
    private float[] plane(float[] wPx, float[] wPy) {
        int n = px.length;
        float[] out = new float[2 * n * 4 * width];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < width; j++) {
                float x = wPx[k * width + j];
                float y = wPy[k * width + j];
                int rx = k * 4 * width;
                int ry = (n + k) * 4 * width;
                out[rx + j] = x;
                out[rx + width + j] = x;
                out[rx + 2 * width + j] = y;
                out[rx + 3 * width + j] = y;
                out[ry + j] = y;
                out[ry + width + j] = -y;
                out[ry + 2 * width + j] = -x;
                out[ry + 3 * width + j] = x;
            }
        }
        return out;
    }

    private float[] rows(float[] w, int[] which) {
        float[] out = new float[which.length * width];
        for (int i = 0; i < which.length; i++) {
            System.arraycopy(w, which[i] * width, out, i * width, width);
        }
        return out;
    }

    /**
     * Each variant's signal probability ([grid.size()][rows]) of {@code rows} scaled rows ({@code f} values each,
     * row-major) with their jet counts.
     */
    float[][] predict(float[] x, float[] jets, int rows, int f, List<SymmetryTransform> grid, BlockKernel kernel) {
        int nInv = invariant.length + (embedding == null ? 0 : NetworkSpec.EMBEDDING_DIM);
        int nObj = px.length;
        int pxAt = nInv;
        int pyAt = pxAt + nObj;
        int pzAt = pyAt + nObj;
        int once = pzAt + pz.length;
        int fedLayers = dense ? depth : 1;
        int pre = once + fedLayers * GROUPS * width;
        int hidden = pre + width;
        int units = hidden + (dense ? depth : 2) * width;
        float[] a = new float[units * B];
        float[] z = new float[B];
        float[][] out = new float[grid.size()][rows];
        float[] cos = new float[grid.size()];
        float[] sin = new float[grid.size()];
        for (int v = 0; v < grid.size(); v++) {
            cos[v] = (float) Math.cos(grid.get(v).rotation());
            sin[v] = (float) Math.sin(grid.get(v).rotation());
        }
        for (int start = 0; start < rows; start += B) {
            int n = Math.min(B, rows - start);
            load(x, jets, start, n, f, a, pxAt, pyAt, pzAt);
            for (int l = 0; l < fedLayers; l++) {
                int g = once + l * GROUPS * width;
                kernel.layer(a, 0, nInv, wInv[l], biases[l], -1, g, width, BlockKernel.LINEAR, n);
                kernel.layer(a, pxAt, 2 * nObj, wPlane[l], zeros, -1, g + width, 4 * width, BlockKernel.LINEAR, n);
                kernel.layer(a, pzAt, pz.length, wPz[l], zeros, -1, g + 5 * width, width, BlockKernel.LINEAR, n);
            }
            for (int v = 0; v < grid.size(); v++) {
                SymmetryTransform t = grid.get(v);
                int inStart = hidden;
                int nPrev = 0;
                int outStart = hidden;
                for (int l = 0; l < depth; l++) {
                    if (fed(l)) {
                        int g = once + l * GROUPS * width;
                        int along = g + (t.flipY() ? 2 : 1) * width;
                        int across = g + (t.flipY() ? 4 : 3) * width;
                        kernel.combine(a, g, along, across, g + 5 * width, cos[v], sin[v], t.flipZ(), pre, width, n);
                        kernel.layer(a, hidden, nPrev, wPrev[l], null, pre, outStart, width, act, n);
                    } else {
                        kernel.layer(a, inStart, width, wPrev[l], biases[l], -1, outStart, width, act, n);
                    }
                    if (dense) {
                        nPrev += width;
                        inStart = outStart;
                        outStart += width;
                    } else {
                        inStart = outStart;
                        outStart = outStart == hidden ? hidden + width : hidden;
                    }
                }
                kernel.head(a, inStart, width, outWeights, outBias, z, n);
                for (int r = 0; r < n; r++) {
                    out[v][start + r] = (float) (1 / (1 + Math.exp(-z[r])));
                }
            }
        }
        return out;
    }

    /** The block's inputs, grouped: invariant features, the embedding, then every px, every py, every pz. */
    private void load(float[] x, float[] jets, int start, int n, int f, float[] a, int pxAt, int pyAt, int pzAt) {
        for (int r = 0; r < n; r++) {
            int row = (start + r) * f;
            for (int k = 0; k < invariant.length; k++) {
                a[k * B + r] = x[row + invariant[k]];
            }
            if (embedding != null) {
                int j = (int) jets[start + r];
                for (int e = 0; e < NetworkSpec.EMBEDDING_DIM; e++) {
                    a[(invariant.length + e) * B + r] = embedding[j * NetworkSpec.EMBEDDING_DIM + e];
                }
            }
            for (int k = 0; k < px.length; k++) {
                a[(pxAt + k) * B + r] = x[row + px[k]];
                a[(pyAt + k) * B + r] = x[row + py[k]];
            }
            for (int k = 0; k < pz.length; k++) {
                a[(pzAt + k) * B + r] = x[row + pz[k]];
            }
        }
    }
}
