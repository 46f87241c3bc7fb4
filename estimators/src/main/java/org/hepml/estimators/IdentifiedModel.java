package org.hepml.estimators;

import org.apache.spark.ml.Model;

/** A Model whose uid is set before any subclass field (Param fields read the parent's uid). */
public abstract class IdentifiedModel<M extends Model<M>> extends Model<M> {
    private static final long serialVersionUID = 1L;
    private final String uid;

    protected IdentifiedModel(String uid) {
        this.uid = uid;
    }

    @Override
    public String uid() {
        return uid;
    }
}
