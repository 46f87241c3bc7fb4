package org.hepml.estimators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The ND4J native CPU backend loads from the Maven dependencies alone and computes correctly. */
class NativeBackendTest {
    @Test
    void cpuBackendMultipliesMatrices() {
        INDArray a = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
        INDArray b = Nd4j.createFromArray(new double[][] {{5, 6}, {7, 8}});
        INDArray c = a.mmul(b);
        assertArrayEquals(new double[] {19, 22, 43, 50}, c.data().asDouble(), 0.0);
        assertEquals("CpuBackend", Nd4j.getBackend().getClass().getSimpleName());
    }
}
