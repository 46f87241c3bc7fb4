package org.hepml.jobs.compare;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.hepml.transformers.AugmentationAverage;
import org.hepml.transformers.TestTimeAugmentation;

/**
 * Any fitted model with test-time augmentation from the library's stages: each event expanded into the grid's
 * K rotated and flipped copies ({@link TestTimeAugmentation}), scored, and its probability averaged back to one
 * row per event ({@link AugmentationAverage}). How a user gives a peer classifier the same TTA as the DNN.
 */
public final class TestTimeAveraged extends Transformer {
  private static final long serialVersionUID = 1L;
  private final String uid = Identifiable$.MODULE$.randomUID("testTimeAveraged");
  private final Transformer model;
  private final int variants;

  public TestTimeAveraged(Transformer model, int variants) {
    this.model = model;
    this.variants = variants;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    Dataset<Row> expanded = new TestTimeAugmentation().setVariants(variants).transform(dataset);
    return new AugmentationAverage().transform(model.transform(expanded));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return model.transformSchema(schema);
  }

  @Override
  public Transformer copy(ParamMap extra) {
    return new TestTimeAveraged(model.copy(extra), variants);
  }

  @Override
  public String uid() {
    return uid;
  }
}
