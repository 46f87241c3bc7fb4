package org.hepml.dnn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The network of one ensemble member: {@code depth} fully connected layers of {@code width} units (Swish, ReLU or
 * SELU; He-normal weights, zero biases; Swish is {@link StableSwish}), densely connected when {@code dense} (each layer takes the concatenation
 * of the input and every earlier layer's output, as in the reference study), on the continuous inputs joined by
 * an embedding of the jet count (4 categories into 3); a one-unit sigmoid head on the last layer, trained with
 * (weighted) binary cross-entropy. The defaults (30 inputs, 6 × 33, dense, Swish, embedding) have the reference
 * model's 23,113 parameters.
 */
public record NetworkSpec(int inputs, int width, int depth, boolean dense, String activation, boolean jetEmbedding,
    long seed, DataType dataType) implements Serializable {

  public static final int JET_CATEGORIES = 4;
  public static final int EMBEDDING_DIM = 3;
  /** Names of the graph's inputs and output. */
  public static final String CONTINUOUS_INPUT = "x";
  public static final String JET_INPUT = "jets";

  public NetworkSpec {
    if (inputs < 1 || width < 1 || depth < 1) {
      throw new IllegalArgumentException("inputs, width and depth must be positive, got " + inputs + ", " + width + ", " + depth);
    }
    activationOf(activation);
  }

  /** The reference model for the given number of continuous inputs. */
  public static NetworkSpec reference(int inputs, long seed) {
    return new NetworkSpec(inputs, 33, 6, true, "swish", true, seed, DataType.FLOAT);
  }

  static IActivation activationOf(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "swish":
        return new StableSwish();
      case "relu":
        return Activation.RELU.getActivationFunction();
      case "selu":
        return Activation.SELU.getActivationFunction();
      default:
        throw new IllegalArgumentException("activation must be swish, relu or selu, got '" + name + "'");
    }
  }

  /** A new, initialised network (Adam; the trainer sets learning rate and β1 at every step). */
  public ComputationGraph build() {
    ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(dataType)
        .updater(new Adam(1e-3, 0.9, 0.999, 1e-8))
        .weightInit(WeightInit.RELU)   // He normal
        .biasInit(0.0)
        .graphBuilder();
    String in;
    if (jetEmbedding) {
      g.addInputs(CONTINUOUS_INPUT, JET_INPUT);
      g.addLayer("embedding", new EmbeddingLayer.Builder().nIn(JET_CATEGORIES).nOut(EMBEDDING_DIM)
          .activation(Activation.IDENTITY).hasBias(false).build(), JET_INPUT);
      g.addVertex("input", new MergeVertex(), CONTINUOUS_INPUT, "embedding");
      in = "input";
    } else {
      g.addInputs(CONTINUOUS_INPUT);
      in = CONTINUOUS_INPUT;
    }
    // sizes are set explicitly: input-type inference would also resize the embedding's nIn to its input width 1
    int inWidth = inputs + (jetEmbedding ? EMBEDDING_DIM : 0);
    IActivation act = activationOf(activation);
    List<String> outputs = new ArrayList<>();
    outputs.add(in);
    String last = in;
    for (int i = 0; i < depth; i++) {
      String source = last;
      if (dense && outputs.size() > 1) {
        source = "concat" + i;
        g.addVertex(source, new MergeVertex(), outputs.toArray(new String[0]));
      }
      String name = "dense" + i;
      int nIn = dense ? inWidth + i * width : (i == 0 ? inWidth : width);
      g.addLayer(name, new DenseLayer.Builder().nIn(nIn).nOut(width).activation(act).build(), source);
      outputs.add(name);
      last = name;
    }
    g.addLayer("output", new OutputLayer.Builder(new WeightedBinaryCrossEntropy()).nIn(width).nOut(1).activation(Activation.SIGMOID).build(), last);
    g.setOutputs("output");
    ComputationGraph net = new ComputationGraph(g.build());
    net.init();
    return net;
  }
}
