package org.hepml.dnn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Weighted binary cross-entropy, L = −Σ w [y ln p + (1 − y) ln(1 − p)], with the weight carried beside the label:
 * labels are [events, 2] = (y, w). A weight of 2 is then exactly a duplicated event.
 *
 * <p>Why not DL4J's label mask: in DL4J 1.0.0-M2 an output layer multiplies its pre-activations by the label mask
 * ({@code BaseOutputLayer.applyMask} via {@code BaseLayer.preOutput}), and LossBinaryXENT applies the mask again
 * to dL/da and to dL/dz — fine for 0/1 masks, wrong for weights (a mask of 2 gave 3.3 times an event's gradient
 * in MemberTrainerTest's probe). Probabilities are clipped to [1e-7, 1 − 1e-7].
 */
public final class WeightedBinaryCrossEntropy implements ILossFunction {
    private static final long serialVersionUID = 1L;
    private static final double EPS = 1e-7;

    private static INDArray label(INDArray labels) {
        return labels.getColumn(0, true);
    }

    private static INDArray weight(INDArray labels) {
        if (labels.size(1) != 2) {
            throw new IllegalArgumentException(
                    "WeightedBinaryCrossEntropy takes labels [events, 2] = (label, weight), got "
                            + java.util.Arrays.toString(labels.shape()));
        }
        return labels.getColumn(1, true);
    }

    /** Per-event (row) losses, unweighted: [rows, 1]. */
    private static INDArray perEvent(INDArray labels, INDArray preOutput, IActivation activation) {
        INDArray p = activation.getActivation(preOutput.dup(), true);
        p = Transforms.min(Transforms.max(p, EPS, false), 1 - EPS, false);
        INDArray logP = Transforms.log(p, true).muli(labels);
        INDArray log1mP = Transforms.log(p.rsub(1.0), false).muli(labels.rsub(1.0));
        return logP.addi(log1mP).negi();
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        return perEvent(label(labels), preOutput, activation)
                .muli(weight(labels))
                .sum(1);
    }

    @Override
    public double computeScore(
            INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
        double s = computeScoreArray(labels, preOutput, activation, mask)
                .sumNumber()
                .doubleValue();
        return average ? s / labels.size(0) : s;
    }

    /** dL/dz = w (p − y) for the sigmoid head, by the activation's own backprop of dL/dp. */
    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        INDArray p = activation.getActivation(preOutput.dup(), true);
        INDArray pc = Transforms.min(Transforms.max(p.dup(), EPS, false), 1 - EPS, false);
        INDArray dLdp = pc.sub(label(labels)).divi(pc.mul(pc.rsub(1.0)));
        return activation.backprop(preOutput.dup(), dLdp).getFirst().muli(weight(labels));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(
            INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
        return new Pair<>(
                computeScore(labels, preOutput, activation, mask, average),
                computeGradient(labels, preOutput, activation, mask));
    }

    @Override
    public String name() {
        return "WeightedBinaryCrossEntropy";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightedBinaryCrossEntropy;
    }

    @Override
    public int hashCode() {
        return WeightedBinaryCrossEntropy.class.hashCode();
    }

    @Override
    public String toString() {
        return name();
    }
}
