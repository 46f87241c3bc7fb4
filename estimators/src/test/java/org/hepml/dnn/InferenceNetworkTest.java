package org.hepml.dnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

class InferenceNetworkTest {
    private static void agreesWithDl4j(NetworkSpec spec) {
        MemberData[] d = ToyMemberData.split(9, 1500, 600);
        ComputationGraph net = MemberTrainer.train(
                        d[0], d[1], new MemberTrainer.Config(spec, OneCycle.reference(), 2, 64, 4, null), null)
                .network();
        float[] expected = MemberTrainer.predict(net, spec, d[1].x(), d[1].jets(), 600, 30);
        // from the flattened parameters alone, as a member file holds them: the layout must be DL4J's
        float[] got = InferenceNetwork.of(net.params().toFloatVector(), spec).predict(d[1].x(), d[1].jets(), 600, 30);
        double spread = 0;
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 2e-6, spec + " row " + i);
            spread = Math.max(spread, Math.abs(got[i] - got[0]));
        }
        assertTrue(spread > 0.1, "the rows differ: " + spread);
    }

    @Test
    void referenceNetworkAgreesWithDl4j() {
        agreesWithDl4j(NetworkSpec.reference(30, 3));
    }

    @Test
    void otherShapesAgreeWithDl4j() {
        agreesWithDl4j(new NetworkSpec(30, 100, 4, false, "relu", true, 5));
        agreesWithDl4j(new NetworkSpec(30, 20, 3, true, "selu", false, 6));
        agreesWithDl4j(new NetworkSpec(30, 16, 1, false, "swish", false, 7));
    }

    /** Each row on its own: the same bits alone, in any batch, at any position. */
    @Test
    void aRowsScoreDoesNotDependOnItsBatch() {
        MemberData d = ToyMemberData.split(10, 300, 10)[0];
        NetworkSpec spec = NetworkSpec.reference(30, 8);
        InferenceNetwork inf =
                InferenceNetwork.of(Dl4jNetworks.build(spec).params().toFloatVector(), spec);
        float[] all = inf.predict(d.x(), d.jets(), 300, 30);
        for (int r : new int[] {0, 137, 299}) {
            float[] alone =
                    inf.predict(Arrays.copyOfRange(d.x(), r * 30, r * 30 + 30), new float[] {d.jets()[r]}, 1, 30);
            assertEquals(Float.floatToIntBits(all[r]), Float.floatToIntBits(alone[0]));
        }
        float[] tail = inf.predict(
                Arrays.copyOfRange(d.x(), 100 * 30, 300 * 30), Arrays.copyOfRange(d.jets(), 100, 300), 200, 30);
        assertArrayEquals(Arrays.copyOfRange(all, 100, 300), tail, 0f);
    }
}
