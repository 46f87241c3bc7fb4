package org.hepml.estimators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hepml.dnn.MomentumSlots;
import org.hepml.dnn.NetworkSpec;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.PhysicsObject;
import org.hepml.onnx.OnnxGraph;
import org.hepml.onnx.OnnxWriter;
import org.hepml.symmetry.SymmetryTransform;
import org.hepml.symmetry.TestTimeGrid;

/**
 * A trained ensemble as one ONNX graph that takes what an analysis has in hand: the 30 HiggsML features as float32
 * {@code [batch, 30]} in {@link HiggsEventSchema#features()} order ({@code PRI_jet_num} among them; -999 or NaN for
 * missing), and gives the ensemble's signal probability {@code [batch, 1]}. Inside: the Cartesian conversion of the
 * momenta (as {@code CartesianMomenta}), the scaler (missing → 0), the test-time grid (each variant a linear map of
 * the scaled inputs, all variants in one MatMul), the jet-count embedding, every member's dense layers, the
 * ensemble weights and the mean over the grid — the same computation as {@link Ensemble#predict}, in float32.
 */
final class EnsembleOnnx {
    /** The ONNX input's columns, in order. */
    static final List<String> INPUT_COLUMNS = HiggsEventSchema.features();

    private final Ensemble ensemble;
    private final OnnxGraph g = new OnnxGraph("hepml_dnn_ensemble");
    private final Map<String, String> columns = new HashMap<>();
    private String clean;

    private EnsembleOnnx(Ensemble ensemble) {
        this.ensemble = ensemble;
    }

    /** The model file for {@code variants} test-time variants at this operator set. */
    static byte[] export(Ensemble ensemble, int variants, int opset, Map<String, String> metadata) {
        return OnnxWriter.model(
                new EnsembleOnnx(ensemble).graph(variants), opset, Provenance.libraryVersion(), metadata);
    }

    private static Map<String, Object> attr(String name, Object value) {
        return Map.of(name, value);
    }

    /** A raw input column, [N, 1], missing as NaN. */
    private String column(String name) {
        return columns.computeIfAbsent(name, n -> {
            int i = INPUT_COLUMNS.indexOf(n);
            if (i < 0) {
                throw new IllegalArgumentException("ONNX export: the network's input '" + n + "' is not one of the "
                        + "HiggsML features and not a momentum computed from them");
            }
            return g.op("Gather", attr("axis", 1L), clean, g.constant(n + "_index", new long[] {i}, 1));
        });
    }

    /** Network input {@code name}: a feature, or an object's px, py or pz from its (pT, η, φ). */
    private String feature(String name) {
        for (PhysicsObject o : PhysicsObject.values()) {
            if (name.equals(o.pxColumn())) {
                return g.op("Mul", column(o.ptColumn()), g.op("Cos", column(o.phiColumn())));
            }
            if (name.equals(o.pyColumn())) {
                return g.op("Mul", column(o.ptColumn()), g.op("Sin", column(o.phiColumn())));
            }
            if (o.pzColumn().isPresent() && name.equals(o.pzColumn().get())) {
                return g.op(
                        "Mul",
                        column(o.ptColumn()),
                        g.op("Sinh", column(o.etaColumn().get())));
            }
        }
        return column(name);
    }

    private static float[] asFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /**
     * The test-time grid as one matrix [F, F·K]: block k is variant k's linear map of a scaled row (identity but on
     * the momenta: (px, py) rotated after the y flip, pz negated by the z flip), as {@link SymmetryTransform}.
     */
    private static float[] gridMatrix(List<SymmetryTransform> grid, int f, MomentumSlots slots) {
        int k = grid.size();
        float[] m = new float[f * f * k];
        for (int v = 0; v < k; v++) {
            SymmetryTransform t = grid.get(v);
            int col = v * f;
            for (int i = 0; i < f; i++) {
                m[i * f * k + col + i] = 1f;
            }
            double c = Math.cos(t.rotation());
            double s = Math.sin(t.rotation());
            double sy = t.flipY() ? -1 : 1;
            for (int o = 0; o < slots.objects(); o++) {
                int px = slots.px()[o];
                int py = slots.py()[o];
                m[px * f * k + col + px] = (float) c;
                m[py * f * k + col + px] = (float) (-sy * s);
                m[px * f * k + col + py] = (float) s;
                m[py * f * k + col + py] = (float) (sy * c);
                int pz = slots.pz()[o];
                if (pz >= 0) {
                    m[pz * f * k + col + pz] = t.flipZ() ? -1f : 1f;
                }
            }
        }
        return m;
    }

    private OnnxGraph graph(int variants) {
        NetworkSpec spec = ensemble.spec;
        List<String> names = ensemble.featureNames;
        int f = names.size();
        List<SymmetryTransform> grid = TestTimeGrid.ofSize(variants);
        int k = grid.size();

        String x = g.input("features", -1, INPUT_COLUMNS.size());
        String nan = g.constant("nan", new float[] {Float.NaN});
        clean = g.op("Where", g.op("Equal", x, g.constant("missing", new float[] {-999f})), nan, x);

        List<String> cols = new ArrayList<>();
        for (String n : names) {
            cols.add(feature(n));
        }
        String raw = g.op("Concat", attr("axis", 1L), cols.toArray(new String[0]));
        String scaled = g.op(
                "Div",
                g.op("Sub", raw, g.constant("scaler_shift", asFloat(ensemble.scaler.shift()), f)),
                g.constant("scaler_scale", asFloat(ensemble.scaler.scale()), f));
        scaled = g.op("Where", g.op("IsNaN", scaled), g.constant("zero", new float[] {0f}), scaled);
        String rows = scaled;
        if (k > 1) {
            String wide = g.op(
                    "MatMul",
                    scaled,
                    g.constant("tta_grid", gridMatrix(grid, f, MomentumSlots.of(names)), f, (long) f * k));
            rows = g.op("Reshape", wide, g.constant("rows_shape", new long[] {-1, f}, 2));
        }
        String jets = null;
        if (spec.jetEmbedding()) {
            String j = g.op("Cast", attr("to", (long) OnnxGraph.INT64), column(HiggsEventSchema.JET_COUNT));
            if (k > 1) {
                j = g.op("Expand", j, g.constant("variants_shape", new long[] {1, k}, 2));
            }
            jets = g.op("Reshape", j, g.constant("jets_shape", new long[] {-1}, 1));
        }

        String sum = null;
        for (int m = 0; m < ensemble.members.length; m++) {
            String p = member(m, rows, jets);
            String weighted = g.op("Mul", p, g.constant("weight_" + m, new float[] {(float) ensemble.weights[m]}));
            sum = sum == null ? weighted : g.op("Add", sum, weighted);
        }
        String out = sum;
        if (k > 1) {
            float[] mean = new float[k];
            java.util.Arrays.fill(mean, 1f / k);
            String perEvent = g.op("Reshape", sum, g.constant("events_shape", new long[] {-1, k}, 2));
            out = g.op("MatMul", perEvent, g.constant("grid_mean", mean, k, 1));
        }
        g.output("probability", out, -1, 1);
        return g;
    }

    /** Member m's probability of each row: embedding, dense layers, head. */
    private String member(int m, String rows, String jets) {
        NetworkSpec spec = ensemble.spec;
        float[] params = ensemble.members[m];
        NetworkSpec.Layout at = spec.layout();
        String prefix = "m" + m + "_";
        String in = rows;
        if (spec.jetEmbedding()) {
            String table = g.constant(
                    prefix + "embedding", at.embedding(params), NetworkSpec.JET_CATEGORIES, NetworkSpec.EMBEDDING_DIM);
            in = g.op("Concat", attr("axis", 1L), rows, g.op("Gather", attr("axis", 0L), table, jets));
        }
        List<String> outputs = new ArrayList<>();
        outputs.add(in);
        String last = in;
        int width = spec.width();
        for (int i = 0; i < spec.depth(); i++) {
            String source = spec.dense() && outputs.size() > 1
                    ? g.op("Concat", attr("axis", 1L), outputs.toArray(new String[0]))
                    : last;
            int nIn = spec.layerInputs(i);
            String w = g.constant(prefix + "w" + i, at.weights(params, spec, i), nIn, width);
            String b = g.constant(prefix + "b" + i, at.biases(params, spec, i), width);
            last = activation(g.op("Add", g.op("MatMul", source, w), b));
            outputs.add(last);
        }
        String head = g.constant(prefix + "head", at.head(params, spec), width, 1);
        String bias = g.constant(prefix + "head_bias", new float[] {at.headBias(params)}, 1);
        return g.op("Sigmoid", g.op("Add", g.op("MatMul", last, head), bias));
    }

    private String activation(String z) {
        return switch (ensemble.spec.activation().toLowerCase(java.util.Locale.ROOT)) {
            case "relu" -> g.op("Relu", z);
            case "selu" -> g.op("Selu", Map.of("alpha", 1.6732632423543772f, "gamma", 1.0507009873554805f), z);
            default -> g.op("Mul", z, g.op("Sigmoid", z)); // Swish
        };
    }
}
