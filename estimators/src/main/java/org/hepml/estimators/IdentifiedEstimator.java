package org.hepml.estimators;

import org.apache.spark.ml.Estimator;

/** An Estimator whose uid is set before any subclass field (Param fields read the parent's uid). */
public abstract class IdentifiedEstimator<M extends org.apache.spark.ml.Model<M>> extends Estimator<M> {
    private static final long serialVersionUID = 1L;
    private final String uid;

    protected IdentifiedEstimator(String uid) {
        this.uid = uid;
    }

    @Override
    public String uid() {
        return uid;
    }
}
