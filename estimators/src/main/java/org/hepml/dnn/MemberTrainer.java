package org.hepml.dnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hepml.random.EventRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Trains one ensemble member with plain DL4J on one thread: Adam with the learning rate and β1 of a
 * {@link LearningSchedule} (1cycle, constant, cosine with restarts) set at every step, mini-batches of a seeded per-epoch shuffle, per-event weights
 * (class-balanced), optional per-event, per-epoch symmetry augmentation of the momenta; after every epoch the
 * weighted validation loss, keeping the state with the best one; optionally stochastic weight averaging
 * ({@link WeightAveraging}), whose average competes for the best state on the same validation loss.
 *
 * <p>Weights travel beside the labels, (y, w), into {@link WeightedBinaryCrossEntropy}, which applies them exactly
 * once (DL4J's label masks scale the output's pre-activations: not weights). The logged training loss is the
 * weighted loss after each epoch on a fixed subset of the training rows.
 */
public final class MemberTrainer {
  /** Training rows on which the logged training loss is computed after each epoch. */
  static final int TRAIN_LOSS_ROWS = 20_000;

  private MemberTrainer() {}

  /** The first rows of the data (a fixed subset). */
  static MemberData head(MemberData d, int rows) {
    int m = Math.min(rows, d.rows());
    int f = d.features();
    return new MemberData(Arrays.copyOf(d.x(), m * f), f, d.jets() == null ? null : Arrays.copyOf(d.jets(), m),
        Arrays.copyOf(d.y(), m), Arrays.copyOf(d.w(), m), Arrays.copyOf(d.eventId(), m));
  }

  /**
   * What to train: the network, schedule, epochs, batch size, seed; {@code augment} null for no augmentation,
   * {@code swa} null for no weight averaging.
   */
  public record Config(NetworkSpec spec, LearningSchedule schedule, int epochs, int batchSize, long seed,
      MomentumSlots augment, WeightAveraging.Settings swa) {
    public Config {
      if (epochs < 1 || batchSize < 1) {
        throw new IllegalArgumentException("epochs and batch size must be positive, got " + epochs + ", " + batchSize);
      }
    }

    public Config(NetworkSpec spec, LearningSchedule schedule, int epochs, int batchSize, long seed, MomentumSlots augment) {
      this(spec, schedule, epochs, batchSize, seed, augment, null);
    }
  }

  /** One epoch's figures; {@code swaValLoss} is the averaged parameters' validation loss (NaN without SWA). */
  public record EpochLog(int epoch, double trainLoss, double valLoss, double swaValLoss, double learningRate, double seconds) {}

  /**
   * The trained member: the best-validation state, its loss and epoch, whether that state is the weight average,
   * and the log.
   */
  public record Result(ComputationGraph network, double bestValLoss, int bestEpoch, boolean bestIsAverage,
      List<EpochLog> log) {}

  public static Result train(MemberData train, MemberData val, Config c, Consumer<EpochLog> progress) {
    MemberData t = train.classBalanced();
    MemberData v = val.classBalanced();
    ComputationGraph net = c.spec().build();
    int n = t.rows();
    int f = t.features();
    int bs = Math.min(c.batchSize(), n);
    int batches = (n + bs - 1) / bs;
    long total = (long) batches * c.epochs();
    long step = 0;
    float[] xb = new float[bs * f];
    float[] jb = new float[bs];
    float[] yb = new float[bs];
    float[] wb = new float[bs];
    // ND4J memory is off-heap and freed only by Java's GC: allocate once and reuse, never per batch
    INDArray bestParams = net.params().dup();
    BatchArrays full = new BatchArrays(c.spec(), bs, f);
    BatchArrays tail = n % bs == 0 ? full : new BatchArrays(c.spec(), n % bs, f);
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = -1;
    boolean bestIsAverage = false;
    List<EpochLog> log = new ArrayList<>();
    MemberData trainSample = head(t, TRAIN_LOSS_ROWS);
    WeightAveraging swa = c.swa() == null ? null : new WeightAveraging(c.swa(), net.params());
    INDArray live = c.swa() == null ? null : net.params().dup();
    for (int epoch = 0; epoch < c.epochs(); epoch++) {
      long t0 = System.nanoTime();
      int[] order = permutation(n, c.seed(), epoch);
      double lr = 0;
      for (int b = 0; b < batches; b++) {
        int rows = Math.min(bs, n - b * bs);
        for (int r = 0; r < rows; r++) {
          int i = order[b * bs + r];
          System.arraycopy(t.x(), i * f, xb, r * f, f);
          jb[r] = t.jets() == null ? 0 : t.jets()[i];
          yb[r] = t.y()[i];
          wb[r] = t.w()[i];
          if (c.augment() != null) {
            EpochAugmentation.draw(c.seed(), t.eventId()[i], epoch)
                .applyToRow(xb, r * f, c.augment().px(), c.augment().py(), c.augment().pz());
          }
        }
        lr = c.schedule().learningRate(step, batches, total);
        setHyperparameters(net, lr, c.schedule().beta1(step, batches, total));
        net.fit((rows == bs ? full : tail).fill(xb, jb, yb, wb));
        step++;
      }
      double valLoss = weightedLoss(net, c.spec(), v);
      double trainLoss = weightedLoss(net, c.spec(), trainSample);
      if (valLoss < bestLoss) {
        bestLoss = valLoss;
        bestParams.assign(net.params());
        bestEpoch = epoch;
        bestIsAverage = false;
      }
      double swaLoss = Double.NaN;
      if (swa != null) {
        live.assign(net.params());
        swaLoss = swa.endOfEpoch(epoch, live, p -> lossAt(net, p, c.spec(), v));
        net.setParams(live);
        if (swaLoss < bestLoss) {
          bestLoss = swaLoss;
          bestParams.assign(swa.average());
          bestEpoch = epoch;
          bestIsAverage = true;
        }
      }
      EpochLog e = new EpochLog(epoch, trainLoss, valLoss, swaLoss, lr, (System.nanoTime() - t0) / 1e9);
      log.add(e);
      if (progress != null) {
        progress.accept(e);
      }
    }
    net.setParams(bestParams);
    return new Result(net, bestLoss, bestEpoch, bestIsAverage, log);
  }

  /** The validation loss with the network's parameters set to {@code params} (the caller restores them). */
  private static double lossAt(ComputationGraph net, INDArray params, NetworkSpec spec, MemberData v) {
    net.setParams(params);
    return weightedLoss(net, spec, v);
  }

  /** A shuffle of 0..n−1 that depends only on (seed, epoch). */
  static int[] permutation(int n, long seed, int epoch) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom r = new SplittableRandom(EventRandom.mix64(seed) + epoch);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }

  /**
   * The learning rate and β1 of every layer's Adam, read by DL4J at the next update: in the layers' configurations
   * and in the graph's configuration (which DL4J's Spark training masters send to their workers).
   */
  public static void setHyperparameters(ComputationGraph net, double lr, double beta1) {
    for (Layer l : net.getLayers()) {
      setAdam(l.conf().getLayer(), lr, beta1);
    }
    for (GraphVertex v : net.getConfiguration().getVertices().values()) {
      if (v instanceof LayerVertex lv) {
        setAdam(lv.getLayerConf().getLayer(), lr, beta1);
      }
    }
  }

  private static void setAdam(org.deeplearning4j.nn.conf.layers.Layer layer, double lr, double beta1) {
    if (layer instanceof BaseLayer bl) {
      IUpdater u = bl.getIUpdater();
      if (u instanceof Adam adam) {
        adam.setLearningRate(lr);
        adam.setBeta1(beta1);
      }
    }
  }

  /** Input and label arrays of one batch shape, filled in place for every batch of that shape. */
  static final class BatchArrays {
    private final NetworkSpec spec;
    private final int rows;
    private final int f;
    private final float[] yw;
    private final INDArray xs;
    private final INDArray js;
    private final INDArray ys;
    private final MultiDataSet data;

    BatchArrays(NetworkSpec spec, int rows, int f) {
      this.spec = spec;
      this.rows = rows;
      this.f = f;
      this.yw = new float[rows * 2];
      this.xs = Nd4j.create(spec.dataType(), rows, f);
      this.js = Nd4j.create(spec.dataType(), rows, 1);
      this.ys = Nd4j.create(spec.dataType(), rows, 2);
      this.data = new MultiDataSet(spec.jetEmbedding() ? new INDArray[] {xs, js} : new INDArray[] {xs}, new INDArray[] {ys});
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
      if (spec.dataType() == DataType.FLOAT) {
        target.data().setData(exact);
      } else {
        target.assign(Nd4j.create(exact, target.shape(), DataType.FLOAT).castTo(spec.dataType()));
      }
    }
  }

  /** A freshly allocated batch of {@code rows} rows: inputs (and jet counts) and the (y, w) label pairs. */
  public static MultiDataSet batch(NetworkSpec spec, float[] x, float[] jets, float[] y, float[] w, int rows, int f) {
    DataType dt = spec.dataType();
    INDArray xs = Nd4j.create(Arrays.copyOf(x, rows * f), new long[] {rows, f}, DataType.FLOAT).castTo(dt);
    float[] yw = new float[rows * 2];
    for (int i = 0; i < rows; i++) {
      yw[2 * i] = y[i];
      yw[2 * i + 1] = w == null ? 1f : w[i];
    }
    INDArray ys = Nd4j.create(yw, new long[] {rows, 2}, DataType.FLOAT).castTo(dt);
    INDArray[] inputs = spec.jetEmbedding()
        ? new INDArray[] {xs, Nd4j.create(Arrays.copyOf(jets, rows), new long[] {rows, 1}, DataType.FLOAT).castTo(dt)}
        : new INDArray[] {xs};
    return new MultiDataSet(inputs, new INDArray[] {ys});
  }

  /**
   * Signal probabilities for scaled rows, in batches. A row's probability can differ in the last float bit with
   * its position in a batch (BLAS kernels work in tiles), so scores agree across batchings and partitionings to
   * float rounding (about 1e-7), not bit for bit; training, whose batches are fixed by the seed, is bitwise.
   */
  public static float[] predict(ComputationGraph net, NetworkSpec spec, float[] x, float[] jets, int rows, int f) {
    float[] out = new float[rows];
    int bs = 8192;
    for (int start = 0; start < rows; start += bs) {
      int m = Math.min(bs, rows - start);
      INDArray xs = Nd4j.create(Arrays.copyOfRange(x, start * f, (start + m) * f), new long[] {m, f}, DataType.FLOAT)
          .castTo(spec.dataType());
      INDArray[] in = spec.jetEmbedding()
          ? new INDArray[] {xs, Nd4j.create(Arrays.copyOfRange(jets, start, start + m), new long[] {m, 1}, DataType.FLOAT)
              .castTo(spec.dataType())}
          : new INDArray[] {xs};
      float[] p = net.output(false, in)[0].castTo(DataType.FLOAT).data().asFloat();
      System.arraycopy(p, 0, out, start, m);
    }
    return out;
  }

  /** Weighted binary cross-entropy, Σ w·bce / Σ w, probabilities clipped to [1e-7, 1 − 1e-7]. */
  public static double weightedLoss(ComputationGraph net, NetworkSpec spec, MemberData d) {
    float[] p = predict(net, spec, d.x(), d.jets(), d.rows(), d.features());
    double sum = 0;
    double wsum = 0;
    for (int i = 0; i < p.length; i++) {
      double q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
      double l = d.y()[i] == 1f ? -Math.log(q) : -Math.log(1 - q);
      sum += d.w()[i] * l;
      wsum += d.w()[i];
    }
    return sum / wsum;
  }
}
