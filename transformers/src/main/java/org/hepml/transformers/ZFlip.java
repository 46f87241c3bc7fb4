package org.hepml.transformers;

import static org.apache.spark.sql.functions.lit;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Mirrors events in z (η → −η, pz → −pz), each event with the given probability: 1 always, 0 never, 0.5 (the
 * default) a fair coin per event from (seed, EventId, draw).
 */
public final class ZFlip extends RandomEventStage<ZFlip> {
  private static final long serialVersionUID = 1L;
  private final DoubleParam probability = new DoubleParam(this, "probability", "probability to flip each event");

  public ZFlip(String uid) {
    super(uid);
    setDefault(probability, 0.5);
  }

  public ZFlip() {
    this(Identifiable$.MODULE$.randomUID("zFlip"));
  }

  public DoubleParam probability() {
    return probability;
  }

  public double getProbability() {
    return (Double) getOrDefault(probability);
  }

  public ZFlip setProbability(double p) {
    set(probability, ProbabilityParams.check("ZFlip", p));
    return this;
  }

  /** The per-row flip decision. */
  static Column decision(RandomEventStage<?> stage, double p, int stream) {
    if (p >= 1) {
      return lit(true);
    }
    if (p <= 0) {
      return lit(false);
    }
    return EventRandomColumns.uniform(stage.getSeed(), stage.getEventIdCol(), stage.getDraw(), stream).lt(p);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    EventObjectColumns.of(schema).requireSome(who(), schema);
    double p = getProbability();
    if (p > 0 && p < 1) {
      requireEventId(schema);
    }
    return schema;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Column flip = decision(this, getProbability(), EventRandomColumns.Z_FLIP);
    return SymmetryColumns.apply(dataset.toDF(), EventObjectColumns.of(dataset.schema()), lit(0.0), flip, lit(false));
  }

  public static MLReader<ZFlip> read() {
    return new DefaultParamsReader<>();
  }

  public static ZFlip load(String path) {
    return read().load(path);
  }
}
