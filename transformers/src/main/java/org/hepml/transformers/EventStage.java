package org.hepml.transformers;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;

/**
 * Base of this package's Transformers: a uid, {@code copy} by {@code defaultCopy}, and persistence of the params
 * through Spark's {@link DefaultParamsWritable} (each stage adds a static {@code read()}/{@code load()}), so a
 * PipelineModel that contains them saves and loads.
 */
public abstract class EventStage extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;

    protected EventStage(String uid) {
        this.uid = uid;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Transformer copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** The stage's name in error messages: its class and uid. */
    protected String who() {
        return getClass().getSimpleName() + " (" + uid + ")";
    }
}
