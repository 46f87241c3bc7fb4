package org.hepml.dnn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Swish, x·σ(x), with its derivative σ(x)·(1 + x·(1 − σ(x))) written on the sigmoid, which is finite for every
 * x. DL4J 1.0.0-M2's own Swish derivative, e^x(e^x + x + 1)/(e^x + 1)², overflows to NaN in float32 beyond
 * x ≈ 88, which killed training at the 1cycle peak learning rate (seen in MemberTrainerTest's runs).
 */
public final class StableSwish extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray s = Transforms.sigmoid(in, true);
        return in.muli(s);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray s = Transforms.sigmoid(in, true);
        INDArray d = s.rsub(1.0).muli(in).addi(1.0).muli(s);
        in.assign(d.muli(epsilon));
        return new Pair<>(in, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StableSwish;
    }

    @Override
    public int hashCode() {
        return StableSwish.class.hashCode();
    }

    @Override
    public String toString() {
        return "stableswish";
    }
}
