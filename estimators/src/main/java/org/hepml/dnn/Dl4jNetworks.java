package org.hepml.dnn;

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
 * The DL4J graph of a {@link NetworkSpec}, for training: Adam (the trainer sets the learning rate and β1 at every
 * step), He-normal weights, zero biases, Swish as {@link StableSwish}, the head trained with
 * {@link WeightedBinaryCrossEntropy}. Its flattened parameters are in {@link NetworkSpec#layout()}'s order.
 */
public final class Dl4jNetworks {
    private Dl4jNetworks() {}

    static IActivation activationOf(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "swish" -> new StableSwish();
            case "relu" -> Activation.RELU.getActivationFunction();
            default -> Activation.SELU.getActivationFunction();
        };
    }

    /** A new, initialised network in float. */
    public static ComputationGraph build(NetworkSpec spec) {
        return build(spec, DataType.FLOAT);
    }

    /** A new, initialised network in this data type (tests use double). */
    public static ComputationGraph build(NetworkSpec spec, DataType dataType) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(dataType)
                .updater(new Adam(1e-3, 0.9, 0.999, 1e-8))
                .weightInit(WeightInit.RELU) // He normal
                .biasInit(0.0)
                .graphBuilder();
        String in;
        if (spec.jetEmbedding()) {
            g.addInputs(NetworkSpec.CONTINUOUS_INPUT, NetworkSpec.JET_INPUT);
            g.addLayer(
                    "embedding",
                    new EmbeddingLayer.Builder()
                            .nIn(NetworkSpec.JET_CATEGORIES)
                            .nOut(NetworkSpec.EMBEDDING_DIM)
                            .activation(Activation.IDENTITY)
                            .hasBias(false)
                            .build(),
                    NetworkSpec.JET_INPUT);
            g.addVertex("input", new MergeVertex(), NetworkSpec.CONTINUOUS_INPUT, "embedding");
            in = "input";
        } else {
            g.addInputs(NetworkSpec.CONTINUOUS_INPUT);
            in = NetworkSpec.CONTINUOUS_INPUT;
        }
        // sizes are set explicitly: input-type inference would also resize the embedding's nIn to its input width 1
        IActivation act = activationOf(spec.activation());
        List<String> outputs = new ArrayList<>();
        outputs.add(in);
        String last = in;
        for (int i = 0; i < spec.depth(); i++) {
            String source = last;
            if (spec.dense() && outputs.size() > 1) {
                source = "concat" + i;
                g.addVertex(source, new MergeVertex(), outputs.toArray(new String[0]));
            }
            String name = "dense" + i;
            g.addLayer(
                    name,
                    new DenseLayer.Builder()
                            .nIn(spec.layerInputs(i))
                            .nOut(spec.width())
                            .activation(act)
                            .build(),
                    source);
            outputs.add(name);
            last = name;
        }
        g.addLayer(
                "output",
                new OutputLayer.Builder(new WeightedBinaryCrossEntropy())
                        .nIn(spec.width())
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build(),
                last);
        g.setOutputs("output");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }
}
