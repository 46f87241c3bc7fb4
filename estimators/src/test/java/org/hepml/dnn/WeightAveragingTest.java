package org.hepml.dnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightAveragingTest {
    private static INDArray p(double... v) {
        return Nd4j.create(v, new long[] {1, v.length}, DataType.DOUBLE);
    }

    @Test
    void runningMeanOfTheEpochsFromTheStart() {
        WeightAveraging swa = new WeightAveraging(new WeightAveraging.Settings(2, 0), p(0, 0));
        assertFalse(swa.active(1));
        assertTrue(swa.active(2));
        swa.add(p(1, 10), 2);
        swa.add(p(2, 20), 3);
        swa.add(p(6, 0), 4);
        assertEquals(p(3, 10), swa.average());
        assertEquals(3, swa.count());
        assertFalse(swa.renewalDue());
    }

    /** Renewal every 2 epochs from epoch 0: the fresh average starts at epoch 2 and is compared after epoch 3. */
    @Test
    void freshAverageReplacesTheOldOnlyWhenBetter() {
        WeightAveraging swa = new WeightAveraging(new WeightAveraging.Settings(0, 2), p(0));
        List<Boolean> due = new ArrayList<>();
        double[] values = {1, 3, 5, 7};
        for (int e = 0; e < 4; e++) {
            swa.add(p(values[e]), e);
            due.add(swa.renewalDue());
        }
        assertEquals(List.of(false, false, false, true), due);
        assertEquals(p(6), swa.freshAverage()); // mean of epochs 2 and 3
        assertEquals(p(4), swa.average()); // mean of epochs 0..3
        swa.renew(true);
        assertEquals(p(6), swa.average());
        assertEquals(2, swa.count());
        assertFalse(swa.renewalDue());
        swa.add(p(9), 4); // old: (5 + 7 + 9) / 3; fresh starts again
        assertEquals(p(7), swa.average());
        swa.add(p(11), 5);
        assertTrue(swa.renewalDue());
        assertEquals(p(10), swa.freshAverage());
        swa.renew(false); // the old one was better: kept
        assertEquals(p(8), swa.average()); // (5 + 7 + 9 + 11) / 4
    }
}
