package org.hepml.estimators;

import java.util.ArrayList;
import java.util.List;

/**
 * Trained members in member order: flattened parameters, best validation losses, the training log rows, and the
 * members read back from checkpoints instead of trained.
 */
record TrainedMembers(float[][] params, double[] validationLoss, List<double[]> log, List<Integer> resumed) {
    /** One member as its training loop left it: the best state's parameters, its validation loss, the log rows. */
    record Member(int index, float[] params, double validationLoss, double[][] log) implements java.io.Serializable {
        static Member of(int index, org.hepml.dnn.TrainingLoop.Result r) {
            return new Member(
                    index,
                    r.bestParams().toFloatVector(),
                    r.bestValLoss(),
                    r.log().stream().map(e -> TrainingPlan.logRow(index, e)).toArray(double[][]::new));
        }

        /** Records the member as finished in {@code checkpoints} (null: none); called where it trained. */
        Member checkpoint(MemberCheckpoints checkpoints) {
            if (checkpoints != null) {
                checkpoints.save(index, params, validationLoss, log);
            }
            return this;
        }
    }

    /** Takes a trained member. */
    void add(Member m) {
        params[m.index()] = m.params();
        validationLoss[m.index()] = m.validationLoss();
        log.addAll(java.util.Arrays.asList(m.log()));
    }

    static TrainedMembers empty(int members) {
        return new TrainedMembers(new float[members][], new double[members], new ArrayList<>(), new ArrayList<>());
    }

    /** Takes the finished members of {@code checkpoints} (null: none); returns the members still to train. */
    List<Integer> resumeFrom(MemberCheckpoints checkpoints) {
        List<Integer> todo = new ArrayList<>();
        java.util.Map<Integer, MemberCheckpoints.Member> done =
                checkpoints == null ? java.util.Map.of() : checkpoints.finished(params.length);
        for (int i = 0; i < params.length; i++) {
            MemberCheckpoints.Member m = done.get(i);
            if (m == null) {
                todo.add(i);
            } else {
                params[i] = m.params();
                validationLoss[i] = m.validationLoss();
                log.addAll(java.util.Arrays.asList(m.log()));
                resumed.add(i);
            }
        }
        if (!resumed.isEmpty()) {
            System.err.println("resuming: members " + resumed + " read from the checkpoints in " + checkpoints.dir()
                    + "; training " + todo.size() + " more");
        }
        return todo;
    }

    /** The log in member, then epoch order. */
    void sortLog() {
        log.sort(java.util.Comparator.<double[]>comparingDouble(r -> r[0]).thenComparingDouble(r -> r[1]));
    }
}
