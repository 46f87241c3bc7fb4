package org.hepml.dnn;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/**
 * The network of one ensemble member: {@code depth} fully connected layers of {@code width} units (Swish, ReLU or
 * SELU; He-normal weights, zero biases), densely connected when {@code dense} (each layer takes the concatenation
 * of the input and every earlier layer's output, as in the reference study), on the continuous inputs joined by
 * an embedding of the jet count (4 categories into 3); a one-unit sigmoid head on the last layer. The defaults
 * (30 inputs, 6 × 33, dense, Swish, embedding) have the reference model's 23,113 parameters.
 *
 * <p>A description only, with no DL4J type: training builds it with {@link Dl4jNetworks}, scoring reads its
 * parameters into {@link InferenceNetwork}. {@link #layout} is where each weight sits in the flattened parameters
 * (DL4J's order, which the member files keep).
 */
public record NetworkSpec(
        int inputs, int width, int depth, boolean dense, String activation, boolean jetEmbedding, long seed)
        implements Serializable {

    public static final int JET_CATEGORIES = 4;
    public static final int EMBEDDING_DIM = 3;
    /** Names of the graph's inputs. */
    public static final String CONTINUOUS_INPUT = "x";

    public static final String JET_INPUT = "jets";
    static final Set<String> ACTIVATIONS = Set.of("swish", "relu", "selu");

    public NetworkSpec {
        if (inputs < 1 || width < 1 || depth < 1) {
            throw new IllegalArgumentException(
                    "inputs, width and depth must be positive, got " + inputs + ", " + width + ", " + depth);
        }
        if (activation == null || !ACTIVATIONS.contains(activation.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("activation must be swish, relu or selu, got '" + activation + "'");
        }
    }

    /** The reference model for the given number of continuous inputs. */
    public static NetworkSpec reference(int inputs, long seed) {
        return new NetworkSpec(inputs, 33, 6, true, "swish", true, seed);
    }

    /** Width of the first layer's input: the continuous inputs and the jet embedding. */
    public int inputWidth() {
        return inputs + (jetEmbedding ? EMBEDDING_DIM : 0);
    }

    /** Inputs of hidden layer i: all earlier outputs and the input (dense), or the layer before. */
    public int layerInputs(int i) {
        return dense ? inputWidth() + i * width : (i == 0 ? inputWidth() : width);
    }

    /**
     * Where the parameters sit in the flattened vector, in DL4J's order for this graph: the embedding's weights
     * [4 × 3], then each hidden layer's weights [nIn × width] and biases [width], then the head's weights [width] and
     * bias; every matrix column-major (element [k][j] at k + nIn·j).
     */
    public record Layout(int embedding, int[] weights, int[] biases, int head, int headBias, int size) {
        /** Hidden layer i's weights of these parameters, row-major [nIn × width]. */
        public float[] weights(float[] params, NetworkSpec spec, int i) {
            return rowMajor(params, weights[i], spec.layerInputs(i), spec.width());
        }

        public float[] biases(float[] params, NetworkSpec spec, int i) {
            return java.util.Arrays.copyOfRange(params, biases[i], biases[i] + spec.width());
        }

        /** The jet embedding, row-major [4 × 3]. */
        public float[] embedding(float[] params) {
            return rowMajor(params, embedding, JET_CATEGORIES, EMBEDDING_DIM);
        }

        public float[] head(float[] params, NetworkSpec spec) {
            return java.util.Arrays.copyOfRange(params, head, head + spec.width());
        }

        public float headBias(float[] params) {
            return params[headBias];
        }

        private static float[] rowMajor(float[] params, int offset, int rows, int cols) {
            float[] m = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    m[r * cols + c] = params[offset + r + rows * c];
                }
            }
            return m;
        }
    }

    public Layout layout() {
        int at = 0;
        int embedding = -1;
        if (jetEmbedding) {
            embedding = at;
            at += JET_CATEGORIES * EMBEDDING_DIM;
        }
        int[] w = new int[depth];
        int[] b = new int[depth];
        for (int i = 0; i < depth; i++) {
            w[i] = at;
            at += layerInputs(i) * width;
            b[i] = at;
            at += width;
        }
        int head = at;
        at += width;
        return new Layout(embedding, w, b, head, at, at + 1);
    }

    /** The number of parameters (the reference network: 23,113). */
    public int parameterCount() {
        return layout().size();
    }
}
