package org.hepml.dnn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The optimiser step of every training mode: the rows of a mini-batch taken from {@link MemberData} in an epoch's
 * order, each augmented by its own (seed, EventId, epoch) draw, Adam's learning rate and β1 from the schedule at
 * the step's global number, then one optimiser {@link Step}: the hand-written {@link TrainingNetwork} (the members
 * mode) or DL4J's {@code fit}. The members mode runs an epoch's batches on one
 * network; each partition of the data-parallel mode runs its share of them between two averagings.
 *
 * <p>Not thread-safe: one per network. Input arrays are allocated once per batch shape and filled in place (ND4J
 * memory is off-heap and freed only by Java's GC).
 */
public final class MiniBatches {
    private final NetworkSpec spec;
    private final LearningSchedule schedule;
    private final MomentumSlots augment;
    private final long seed;
    private final int batchSize;
    private final Map<Integer, BatchArrays> shapes = new HashMap<>();
    private float[] xb = new float[0];
    private float[] jb = new float[0];
    private float[] yb = new float[0];
    private float[] wb = new float[0];

    /** {@code augment} null: no augmentation; {@code seed} keys the augmentation draws. */
    public MiniBatches(NetworkSpec spec, LearningSchedule schedule, MomentumSlots augment, long seed, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.spec = spec;
        this.schedule = schedule;
        this.augment = augment;
        this.seed = seed;
        this.batchSize = batchSize;
    }

    /** Mini-batches in an epoch of {@code rows} rows. */
    public int batches(int rows) {
        return (rows + batchSize - 1) / batchSize;
    }

    /** One optimiser step on the first {@code rows} rows of the filled batch buffers. */
    @FunctionalInterface
    public interface Step {
        void fit(float[] x, int f, float[] jets, float[] y, float[] w, int rows, double lr, double beta1);
    }

    /** DL4J's step: the learning rate and β1 set in the graph's layers, then {@code fit}. */
    public Step dl4j(ComputationGraph net) {
        return (x, f, jets, y, w, rows, lr, beta1) -> {
            setHyperparameters(net, lr, beta1);
            net.fit(shape(rows, f, net.params().dataType()).fill(x, jets, y, w));
        };
    }

    /** The hand-written step ({@link TrainingNetwork}). */
    public static Step of(TrainingNetwork net) {
        return net::fit;
    }

    /**
     * Runs batches {@code from} (inclusive) to {@code to} (exclusive) of epoch {@code epoch} over {@code data} taken
     * in {@code order}; batch b is the schedule's step {@code epochStart + b} of {@code total}, with
     * {@code stepsPerEpoch} steps an epoch. Returns the learning rate of the last step run (0 if none).
     */
    public double run(
            Step step,
            MemberData data,
            int[] order,
            int epoch,
            int from,
            int to,
            long epochStart,
            long stepsPerEpoch,
            long total) {
        int n = data.rows();
        int f = data.features();
        double lr = 0;
        for (int b = from; b < to; b++) {
            int rows = Math.min(batchSize, n - b * batchSize);
            fill(data, order, b * batchSize, rows, epoch);
            long at = epochStart + b;
            lr = schedule.learningRate(at, stepsPerEpoch, total);
            step.fit(xb, f, jb, yb, wb, rows, lr, schedule.beta1(at, stepsPerEpoch, total));
        }
        return lr;
    }

    private void fill(MemberData d, int[] order, int start, int rows, int epoch) {
        int f = d.features();
        if (xb.length < rows * f) {
            xb = new float[rows * f];
            jb = new float[rows];
            yb = new float[rows];
            wb = new float[rows];
        }
        for (int r = 0; r < rows; r++) {
            int i = order[start + r];
            System.arraycopy(d.x(), i * f, xb, r * f, f);
            jb[r] = d.jets() == null ? 0 : d.jets()[i];
            yb[r] = d.y()[i];
            wb[r] = d.w()[i];
            if (augment != null) {
                EpochAugmentation.draw(seed, d.eventId()[i], epoch)
                        .applyToRow(xb, r * f, augment.px(), augment.py(), augment.pz());
            }
        }
    }

    private BatchArrays shape(int rows, int f, DataType dataType) {
        return shapes.computeIfAbsent(rows, r -> new BatchArrays(spec, r, f, dataType));
    }

    /**
     * The learning rate and β1 of every layer's Adam, read by DL4J at the next update (set in the layers'
     * configurations, which is where DL4J reads them).
     */
    public static void setHyperparameters(ComputationGraph net, double lr, double beta1) {
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            if (l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer bl
                    && bl.getIUpdater() instanceof org.nd4j.linalg.learning.config.Adam adam) {
                adam.setLearningRate(lr);
                adam.setBeta1(beta1);
            }
        }
    }

    /** Input and label arrays of one batch shape, filled in place for every batch of that shape. */
    static final class BatchArrays {
        private final NetworkSpec spec;
        private final DataType dataType;
        private final int rows;
        private final int f;
        private final float[] yw;
        private final INDArray xs;
        private final INDArray js;
        private final INDArray ys;
        private final MultiDataSet data;

        BatchArrays(NetworkSpec spec, int rows, int f, DataType dataType) {
            this.spec = spec;
            this.dataType = dataType;
            this.rows = rows;
            this.f = f;
            this.yw = new float[rows * 2];
            this.xs = Nd4j.create(dataType, rows, f);
            this.js = Nd4j.create(dataType, rows, 1);
            this.ys = Nd4j.create(dataType, rows, 2);
            this.data = new MultiDataSet(
                    spec.jetEmbedding() ? new INDArray[] {xs, js} : new INDArray[] {xs}, new INDArray[] {ys});
        }

        /** Copies the first {@code rows} rows of the buffers in; returns the (same) data set. */
        MultiDataSet fill(float[] x, float[] jets, float[] y, float[] w) {
            for (int i = 0; i < rows; i++) {
                yw[2 * i] = y[i];
                yw[2 * i + 1] = w[i];
            }
            set(xs, x, rows * f);
            if (spec.jetEmbedding()) {
                set(js, jets, rows);
            }
            set(ys, yw, rows * 2);
            return data;
        }

        private void set(INDArray target, float[] source, int length) {
            float[] exact = source.length == length ? source : Arrays.copyOf(source, length);
            if (dataType == DataType.FLOAT) {
                target.data().setData(exact);
            } else {
                target.assign(Nd4j.create(exact, target.shape(), DataType.FLOAT).castTo(dataType));
            }
        }
    }
}
