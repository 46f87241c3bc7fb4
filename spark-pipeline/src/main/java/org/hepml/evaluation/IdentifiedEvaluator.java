package org.hepml.evaluation;

import org.apache.spark.ml.evaluation.Evaluator;

/**
 * An Evaluator whose uid is set before any subclass field: Params are fields whose constructors read the
 * parent's uid, and Java initialises a class's fields before its own constructor body runs.
 */
public abstract class IdentifiedEvaluator extends Evaluator {
    private static final long serialVersionUID = 1L;
    private final String uid;

    protected IdentifiedEvaluator(String uid) {
        this.uid = uid;
    }

    @Override
    public String uid() {
        return uid;
    }
}
