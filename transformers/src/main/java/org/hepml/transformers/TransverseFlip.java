package org.hepml.transformers;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Locale;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Mirrors events in the transverse plane, each event with the given probability (default 0.5): about the x axis
 * ({@code axis = y}, the default: φ → −φ, py → −py) or about the y axis ({@code axis = x}: φ → π − φ, px → −px,
 * computed as the y-flip followed by a rotation by π, as {@code SymmetryTransform.xFlip} defines it).
 */
public final class TransverseFlip extends RandomEventStage<TransverseFlip> {
  private static final long serialVersionUID = 1L;
  private final DoubleParam probability = new DoubleParam(this, "probability", "probability to flip each event");
  private final Param<String> axis = new Param<>(this, "axis", "y (py -> -py, phi -> -phi) or x (px -> -px, phi -> pi - phi)");

  public TransverseFlip(String uid) {
    super(uid);
    setDefault(probability, 0.5);
    setDefault(axis, "y");
  }

  public TransverseFlip() {
    this(Identifiable$.MODULE$.randomUID("transverseFlip"));
  }

  public DoubleParam probability() {
    return probability;
  }

  public Param<String> axis() {
    return axis;
  }

  public double getProbability() {
    return (Double) getOrDefault(probability);
  }

  public String getAxis() {
    return getOrDefault(axis);
  }

  public TransverseFlip setProbability(double p) {
    set(probability, ProbabilityParams.check("TransverseFlip", p));
    return this;
  }

  public TransverseFlip setAxis(String value) {
    String a = value.toLowerCase(Locale.ROOT);
    if (!a.equals("x") && !a.equals("y")) {
      throw new IllegalArgumentException("TransverseFlip axis must be x or y, got '" + value + "'");
    }
    set(axis, a);
    return this;
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
    Column flip = ZFlip.decision(this, getProbability(), EventRandomColumns.TRANSVERSE_FLIP);
    Column theta = getAxis().equals("x") ? when(flip, lit(Math.PI)).otherwise(lit(0.0)) : lit(0.0);
    return SymmetryColumns.apply(dataset.toDF(), EventObjectColumns.of(dataset.schema()), theta, lit(false), flip);
  }

  public static MLReader<TransverseFlip> read() {
    return new DefaultParamsReader<>();
  }

  public static TransverseFlip load(String path) {
    return read().load(path);
  }
}
