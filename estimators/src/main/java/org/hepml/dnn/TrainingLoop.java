package org.hepml.dnn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one training loop of an ensemble member, whatever the training mode: epoch after epoch, the mode's optimiser
 * steps ({@link Steps#fitEpoch}), then the weighted validation loss and the training loss; the state with the best
 * validation loss is kept; with stochastic weight averaging ({@link WeightAveraging}) the average competes for the
 * best state on the same validation loss; each epoch is logged and reported to {@code progress}.
 *
 * <p>The members mode ({@link MemberTrainer}) runs the steps and losses on one network in one task; the
 * data-parallel mode runs them across the partitions where the rows lie and averages.
 */
public final class TrainingLoop {
    private TrainingLoop() {}

    /** What a training mode does; the loop decides when. */
    public interface Steps {
        /** Runs every optimiser step of epoch {@code epoch}; returns the learning rate of its last step. */
        double fitEpoch(int epoch);

        /** The weighted validation loss with these parameters (the live ones when null); the live ones stay. */
        double validationLoss(INDArray params);

        /** The weighted loss on the fixed subset of the training rows, with the live parameters. */
        double trainingLoss();

        /** The live parameters (a view: read it, do not keep it). */
        INDArray params();

        /** Sets the live parameters. */
        void setParams(INDArray params);
    }

    /** One epoch's figures; {@code swaValLoss} is the averaged parameters' validation loss (NaN without SWA). */
    public record EpochLog(
            int epoch, double trainLoss, double valLoss, double swaValLoss, double learningRate, double seconds) {}

    /**
     * The outcome: the best state's parameters (DL4J's flattened order) and validation loss, the epoch it came from,
     * whether it is the weight average, and the log.
     */
    public record Result(
            INDArray bestParams, double bestValLoss, int bestEpoch, boolean bestIsAverage, List<EpochLog> log) {}

    /** Trains {@code epochs} epochs; {@code swa} null for no weight averaging, {@code progress} null for silence. */
    public static Result run(Steps steps, int epochs, WeightAveraging.Settings swa, Consumer<EpochLog> progress) {
        INDArray bestParams = steps.params().dup();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        boolean bestIsAverage = false;
        List<EpochLog> log = new ArrayList<>();
        WeightAveraging averaging = swa == null ? null : new WeightAveraging(swa, steps.params());
        INDArray live = swa == null ? null : steps.params().dup();
        for (int epoch = 0; epoch < epochs; epoch++) {
            long t0 = System.nanoTime();
            double lr = steps.fitEpoch(epoch);
            double valLoss = steps.validationLoss(null);
            double trainLoss = steps.trainingLoss();
            if (valLoss < bestLoss) {
                bestLoss = valLoss;
                bestParams.assign(steps.params());
                bestEpoch = epoch;
                bestIsAverage = false;
            }
            double swaLoss = Double.NaN;
            if (averaging != null) {
                live.assign(steps.params());
                swaLoss = averaging.endOfEpoch(epoch, live, steps::validationLoss);
                steps.setParams(live);
                if (swaLoss < bestLoss) {
                    bestLoss = swaLoss;
                    bestParams.assign(averaging.average());
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
        return new Result(bestParams, bestLoss, bestEpoch, bestIsAverage, log);
    }
}
