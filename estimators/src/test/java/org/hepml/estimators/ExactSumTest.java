package org.hepml.estimators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest {
    /** Floats over the whole range: subnormals, both signs, huge and tiny side by side. */
    private static float[] wide(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (r.nextInt(5)) {
                case 0 -> Float.intBitsToFloat(r.nextInt(0x7F_FFFF) + 1); // subnormal
                case 1 -> (float) (r.nextGaussian() * Math.pow(2, r.nextInt(250) - 125));
                case 2 -> -Float.MAX_VALUE * r.nextFloat();
                case 3 -> 0f;
                default -> (float) r.nextGaussian();
            };
        }
        return x;
    }

    @Test
    void theSumDoesNotDependOnTheOrderOfAdditionsAndMerges() throws Exception {
        Random r = new Random(7);
        int n = 300;
        List<float[]> parts = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            parts.add(wide(r, n));
            weights.add(1 + r.nextInt(9));
        }
        ExactSum one = new ExactSum(n);
        for (int p = 0; p < parts.size(); p++) {
            one.add(parts.get(p), weights.get(p));
        }
        float[] expected = one.mean();
        for (int trial = 0; trial < 5; trial++) {
            List<Integer> order = new ArrayList<>();
            for (int p = 0; p < parts.size(); p++) {
                order.add(p);
            }
            Collections.shuffle(order, r);
            // a tree of partial sums, merged in shuffled groupings, some of them through Java serialization
            List<ExactSum> partials = new ArrayList<>();
            for (int p : order) {
                ExactSum s = new ExactSum(n).add(parts.get(p), weights.get(p));
                partials.add(r.nextBoolean() ? roundTrip(s) : s);
            }
            while (partials.size() > 1) {
                ExactSum a = partials.remove(r.nextInt(partials.size()));
                ExactSum b = partials.remove(r.nextInt(partials.size()));
                partials.add(roundTrip(a.merge(b)));
            }
            assertArrayEquals(expected, partials.get(0).mean(), "trial " + trial);
        }
    }

    /** Against exact decimal arithmetic: the mean is the exact mean rounded (to within float rounding). */
    @Test
    void theMeanIsTheExactMean() {
        Random r = new Random(11);
        int n = 500;
        ExactSum s = new ExactSum(n);
        BigDecimal[] exact = new BigDecimal[n];
        java.util.Arrays.fill(exact, BigDecimal.ZERO);
        long total = 0;
        for (int p = 0; p < 25; p++) {
            float[] x = wide(r, n);
            int w = 1 + r.nextInt(1000);
            s.add(x, w);
            total += w;
            for (int i = 0; i < n; i++) {
                exact[i] = exact[i].add(new BigDecimal(x[i]).multiply(BigDecimal.valueOf(w)));
            }
        }
        float[] mean = s.mean();
        for (int i = 0; i < n; i++) {
            float want = exact[i].divide(BigDecimal.valueOf(total), MathContext.DECIMAL128)
                    .floatValue();
            assertEquals(want, mean[i], Math.ulp(want), "element " + i);
        }
        // where float arithmetic loses everything: (1e20 + 1 − 1e20) / 3
        ExactSum c = new ExactSum(1)
                .add(new float[] {1e20f}, 1)
                .add(new float[] {1f}, 1)
                .add(new float[] {-1e20f}, 1);
        assertEquals(1f / 3, c.mean()[0]);
    }

    @Test
    void weightsCountAsRepeatedAdditionsAndEmptyPartsAreHarmless() throws Exception {
        float[] x = {0.1f, -3.5f, 1e-40f, 7e30f};
        ExactSum weighted = new ExactSum(4).add(x, 3);
        ExactSum repeated = new ExactSum(4).add(x, 1).add(x, 1).add(x, 1);
        assertArrayEquals(weighted.divide(1), repeated.divide(1));
        assertEquals(3, repeated.weight());
        ExactSum empty = roundTrip(new ExactSum(4));
        assertArrayEquals(
                x, roundTrip(empty.merge(new ExactSum(4)).merge(weighted)).mean());
    }

    @Test
    void aNonFiniteValueMakesItsElementNaN() {
        ExactSum s =
                new ExactSum(2).add(new float[] {Float.NaN, 1f}, 1).merge(new ExactSum(2).add(new float[] {2f, 3f}, 1));
        float[] m = s.mean();
        assertTrue(Float.isNaN(m[0]));
        assertEquals(2f, m[1]);
    }

    private static ExactSum roundTrip(ExactSum s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ExactSum) in.readObject();
        }
    }
}
