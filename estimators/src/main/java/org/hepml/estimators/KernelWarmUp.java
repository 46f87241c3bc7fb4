package org.hepml.estimators;

import java.util.List;
import java.util.SplittableRandom;
import org.hepml.dnn.InferenceNetwork;
import org.hepml.dnn.MomentumSlots;
import org.hepml.dnn.NetworkSpec;
import org.hepml.symmetry.TestTimeGrid;

/**
 * Gets the scoring kernel compiled while a job starts: a daemon thread scores made-up rows through a network of the
 * reference shape, a plain pass and an 8-variant grid, until their time is steady (compiled) or a budget is spent.
 * Until C2 has compiled the Vector API kernel it runs it as Java objects: the first batch of 4,096 rows × 10 members
 * took 0.57–0.67 s in a cold JVM against 25–33 ms compiled, once in each core's first task. The JIT compiles
 * methods, not shapes, so another network's scoring runs the compiled code. Nothing is shared with real scoring (its
 * own network, rows and results; the kernels are stateless), so scores are the same bits with or without it.
 */
public final class KernelWarmUp {
    private static final int ROWS = 1024;

    private KernelWarmUp() {}

    /** Starts the warm-up thread, which stops when the kernel runs compiled, after {@code budgetMillis} at most. */
    public static Thread start(long budgetMillis) {
        Thread t = new Thread(() -> run(budgetMillis), "hepml-kernel-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    private static void run(long budgetMillis) {
        String[] names = ReferencePipeline.inputs();
        NetworkSpec spec = new NetworkSpec(names.length, 33, 6, true, "swish", true, 1);
        SplittableRandom random = new SplittableRandom(1);
        float[] params = new float[spec.parameterCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) (random.nextDouble(-0.3, 0.3));
        }
        InferenceNetwork net = InferenceNetwork.of(params, spec);
        float[] x = new float[ROWS * names.length];
        float[] jets = new float[ROWS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-2, 2);
        }
        for (int r = 0; r < ROWS; r++) {
            jets[r] = r % 4;
        }
        MomentumSlots slots = MomentumSlots.of(List.of(names));
        List<org.hepml.symmetry.SymmetryTransform> grid = TestTimeGrid.ofSize(8);
        long end = System.nanoTime() + budgetMillis * 1_000_000L;
        long fastest = Long.MAX_VALUE;
        int steady = 0;
        // until ten passes in a row are within 25 % of the fastest: compiled, and any more would take a core from the
        // tasks
        while (steady < 10 && System.nanoTime() < end) {
            long t = System.nanoTime();
            net.predict(x, jets, ROWS, names.length);
            net.predictGrid(x, jets, ROWS, names.length, slots, grid);
            t = System.nanoTime() - t;
            steady = t <= fastest + fastest / 4 ? steady + 1 : 0;
            fastest = Math.min(fastest, t);
        }
    }
}
